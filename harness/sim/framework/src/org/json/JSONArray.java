package org.json;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** An ordered list of values, with Android's org.json signatures and coercions. */
public class JSONArray {
    private final List<Object> values;

    public JSONArray() {
        values = new ArrayList<>();
    }

    public JSONArray(Collection<?> copyFrom) {
        this();
        if (copyFrom != null) {
            for (Object value : copyFrom) {
                values.add(JSONObject.wrap(value));
            }
        }
    }

    public JSONArray(JSONTokener readFrom) throws JSONException {
        Object value = readFrom.nextValue();
        if (!(value instanceof JSONArray)) {
            throw JSON.typeMismatch("character 0", value, "JSONArray");
        }
        values = ((JSONArray) value).values;
    }

    public JSONArray(String json) throws JSONException {
        this(new JSONTokener(json));
    }

    public JSONArray(Object array) throws JSONException {
        if (!array.getClass().isArray()) {
            throw new JSONException("Not a primitive array: " + array.getClass());
        }
        int length = Array.getLength(array);
        values = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            values.add(JSONObject.wrap(Array.get(array, i)));
        }
    }

    public int length() {
        return values.size();
    }

    public JSONArray put(boolean value) {
        values.add(value);
        return this;
    }

    public JSONArray put(double value) throws JSONException {
        values.add(JSON.checkDouble(value));
        return this;
    }

    public JSONArray put(int value) {
        values.add(value);
        return this;
    }

    public JSONArray put(long value) {
        values.add(value);
        return this;
    }

    public JSONArray put(Object value) {
        values.add(value);
        return this;
    }

    public JSONArray put(int index, Object value) throws JSONException {
        if (index < 0) {
            throw new JSONException("Index " + index + " out of range [0.." + values.size() + ")");
        }
        while (values.size() <= index) {
            values.add(null);
        }
        values.set(index, value);
        return this;
    }

    public boolean isNull(int index) {
        Object value = opt(index);
        return value == null || value == JSONObject.NULL;
    }

    public Object get(int index) throws JSONException {
        try {
            Object value = values.get(index);
            if (value == null) {
                throw new JSONException("Value at " + index + " is null.");
            }
            return value;
        } catch (IndexOutOfBoundsException e) {
            throw new JSONException("Index " + index + " out of range [0.." + values.size() + ")", e);
        }
    }

    public Object opt(int index) {
        return index < 0 || index >= values.size() ? null : values.get(index);
    }

    public Object remove(int index) {
        return index < 0 || index >= values.size() ? null : values.remove(index);
    }

    public boolean getBoolean(int index) throws JSONException {
        Object value = get(index);
        Boolean result = JSON.toBoolean(value);
        if (result == null) {
            throw JSON.typeMismatch(index, value, "boolean");
        }
        return result;
    }

    public boolean optBoolean(int index) {
        return optBoolean(index, false);
    }

    public boolean optBoolean(int index, boolean fallback) {
        Boolean result = JSON.toBoolean(opt(index));
        return result != null ? result : fallback;
    }

    public double getDouble(int index) throws JSONException {
        Object value = get(index);
        Double result = JSON.toDouble(value);
        if (result == null) {
            throw JSON.typeMismatch(index, value, "double");
        }
        return result;
    }

    public double optDouble(int index) {
        return optDouble(index, Double.NaN);
    }

    public double optDouble(int index, double fallback) {
        Double result = JSON.toDouble(opt(index));
        return result != null ? result : fallback;
    }

    public int getInt(int index) throws JSONException {
        Object value = get(index);
        Integer result = JSON.toInteger(value);
        if (result == null) {
            throw JSON.typeMismatch(index, value, "int");
        }
        return result;
    }

    public int optInt(int index) {
        return optInt(index, 0);
    }

    public int optInt(int index, int fallback) {
        Integer result = JSON.toInteger(opt(index));
        return result != null ? result : fallback;
    }

    public long getLong(int index) throws JSONException {
        Object value = get(index);
        Long result = JSON.toLong(value);
        if (result == null) {
            throw JSON.typeMismatch(index, value, "long");
        }
        return result;
    }

    public long optLong(int index) {
        return optLong(index, 0L);
    }

    public long optLong(int index, long fallback) {
        Long result = JSON.toLong(opt(index));
        return result != null ? result : fallback;
    }

    public String getString(int index) throws JSONException {
        Object value = get(index);
        String result = JSON.toString(value);
        if (result == null) {
            throw JSON.typeMismatch(index, value, "String");
        }
        return result;
    }

    public String optString(int index) {
        return optString(index, "");
    }

    public String optString(int index, String fallback) {
        String result = JSON.toString(opt(index));
        return result != null ? result : fallback;
    }

    public JSONArray getJSONArray(int index) throws JSONException {
        Object value = get(index);
        if (value instanceof JSONArray) {
            return (JSONArray) value;
        }
        throw JSON.typeMismatch(index, value, "JSONArray");
    }

    public JSONArray optJSONArray(int index) {
        Object value = opt(index);
        return value instanceof JSONArray ? (JSONArray) value : null;
    }

    public JSONObject getJSONObject(int index) throws JSONException {
        Object value = get(index);
        if (value instanceof JSONObject) {
            return (JSONObject) value;
        }
        throw JSON.typeMismatch(index, value, "JSONObject");
    }

    public JSONObject optJSONObject(int index) {
        Object value = opt(index);
        return value instanceof JSONObject ? (JSONObject) value : null;
    }

    public String join(String separator) throws JSONException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            JSON.write(out, values.get(i), 0, 0);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        writeTo(out, 0, 0);
        return out.toString();
    }

    public String toString(int indentSpaces) throws JSONException {
        StringBuilder out = new StringBuilder();
        writeTo(out, indentSpaces, 0);
        return out.toString();
    }

    void writeTo(StringBuilder out, int indent, int level) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            JSON.newline(out, indent, level + 1);
            JSON.write(out, values.get(i), indent, level + 1);
        }
        if (!values.isEmpty()) {
            JSON.newline(out, indent, level);
        }
        out.append(']');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JSONArray && ((JSONArray) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
