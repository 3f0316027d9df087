package org.json;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Name/value pairs in insertion order, with Android's org.json signatures and coercions. */
public class JSONObject {
    /** The JSON null, distinct from a missing name. */
    public static final Object NULL = new Object() {
        @Override
        public boolean equals(Object o) {
            return o == this || o == null;
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public String toString() {
            return "null";
        }
    };

    private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

    public JSONObject() {
    }

    public JSONObject(Map<?, ?> copyFrom) {
        for (Map.Entry<?, ?> entry : copyFrom.entrySet()) {
            String key = (String) entry.getKey();
            if (key == null) {
                throw new NullPointerException("key == null");
            }
            values.put(key, wrap(entry.getValue()));
        }
    }

    public JSONObject(JSONTokener readFrom) throws JSONException {
        Object value = readFrom.nextValue();
        if (!(value instanceof JSONObject)) {
            throw JSON.typeMismatch("character 0", value, "JSONObject");
        }
        values.putAll(((JSONObject) value).values);
    }

    public JSONObject(String json) throws JSONException {
        this(new JSONTokener(json));
    }

    public int length() {
        return values.size();
    }

    private static String checkName(String name) throws JSONException {
        if (name == null) {
            throw new JSONException("Names must be non-null");
        }
        return name;
    }

    public JSONObject put(String name, boolean value) throws JSONException {
        values.put(checkName(name), value);
        return this;
    }

    public JSONObject put(String name, double value) throws JSONException {
        values.put(checkName(name), JSON.checkDouble(value));
        return this;
    }

    public JSONObject put(String name, int value) throws JSONException {
        values.put(checkName(name), value);
        return this;
    }

    public JSONObject put(String name, long value) throws JSONException {
        values.put(checkName(name), value);
        return this;
    }

    public JSONObject put(String name, Object value) throws JSONException {
        if (value == null) {
            values.remove(name);
            return this;
        }
        if (value instanceof Number) {
            JSON.checkDouble(((Number) value).doubleValue());
        }
        values.put(checkName(name), value);
        return this;
    }

    public JSONObject putOpt(String name, Object value) throws JSONException {
        return name == null || value == null ? this : put(name, value);
    }

    public JSONObject accumulate(String name, Object value) throws JSONException {
        Object current = values.get(checkName(name));
        if (current == null) {
            return put(name, value);
        }
        if (current instanceof JSONArray) {
            ((JSONArray) current).put(value);
        } else {
            JSONArray array = new JSONArray();
            array.put(current);
            array.put(value);
            values.put(name, array);
        }
        return this;
    }

    public Object remove(String name) {
        return values.remove(name);
    }

    public boolean isNull(String name) {
        Object value = values.get(name);
        return value == null || value == NULL;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Object get(String name) throws JSONException {
        Object result = values.get(name);
        if (result == null) {
            throw new JSONException("No value for " + name);
        }
        return result;
    }

    public Object opt(String name) {
        return values.get(name);
    }

    public boolean getBoolean(String name) throws JSONException {
        Object value = get(name);
        Boolean result = JSON.toBoolean(value);
        if (result == null) {
            throw JSON.typeMismatch(name, value, "boolean");
        }
        return result;
    }

    public boolean optBoolean(String name) {
        return optBoolean(name, false);
    }

    public boolean optBoolean(String name, boolean fallback) {
        Boolean result = JSON.toBoolean(opt(name));
        return result != null ? result : fallback;
    }

    public double getDouble(String name) throws JSONException {
        Object value = get(name);
        Double result = JSON.toDouble(value);
        if (result == null) {
            throw JSON.typeMismatch(name, value, "double");
        }
        return result;
    }

    public double optDouble(String name) {
        return optDouble(name, Double.NaN);
    }

    public double optDouble(String name, double fallback) {
        Double result = JSON.toDouble(opt(name));
        return result != null ? result : fallback;
    }

    public int getInt(String name) throws JSONException {
        Object value = get(name);
        Integer result = JSON.toInteger(value);
        if (result == null) {
            throw JSON.typeMismatch(name, value, "int");
        }
        return result;
    }

    public int optInt(String name) {
        return optInt(name, 0);
    }

    public int optInt(String name, int fallback) {
        Integer result = JSON.toInteger(opt(name));
        return result != null ? result : fallback;
    }

    public long getLong(String name) throws JSONException {
        Object value = get(name);
        Long result = JSON.toLong(value);
        if (result == null) {
            throw JSON.typeMismatch(name, value, "long");
        }
        return result;
    }

    public long optLong(String name) {
        return optLong(name, 0L);
    }

    public long optLong(String name, long fallback) {
        Long result = JSON.toLong(opt(name));
        return result != null ? result : fallback;
    }

    public String getString(String name) throws JSONException {
        Object value = get(name);
        String result = JSON.toString(value);
        if (result == null) {
            throw JSON.typeMismatch(name, value, "String");
        }
        return result;
    }

    public String optString(String name) {
        return optString(name, "");
    }

    public String optString(String name, String fallback) {
        String result = JSON.toString(opt(name));
        return result != null ? result : fallback;
    }

    public JSONArray getJSONArray(String name) throws JSONException {
        Object value = get(name);
        if (value instanceof JSONArray) {
            return (JSONArray) value;
        }
        throw JSON.typeMismatch(name, value, "JSONArray");
    }

    public JSONArray optJSONArray(String name) {
        Object value = opt(name);
        return value instanceof JSONArray ? (JSONArray) value : null;
    }

    public JSONObject getJSONObject(String name) throws JSONException {
        Object value = get(name);
        if (value instanceof JSONObject) {
            return (JSONObject) value;
        }
        throw JSON.typeMismatch(name, value, "JSONObject");
    }

    public JSONObject optJSONObject(String name) {
        Object value = opt(name);
        return value instanceof JSONObject ? (JSONObject) value : null;
    }

    public Iterator<String> keys() {
        return values.keySet().iterator();
    }

    public JSONArray names() {
        return values.isEmpty() ? null : new JSONArray(values.keySet());
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
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JSON.newline(out, indent, level + 1);
            JSON.quote(out, entry.getKey());
            out.append(indent > 0 ? ": " : ":");
            JSON.write(out, entry.getValue(), indent, level + 1);
        }
        if (!first) {
            JSON.newline(out, indent, level);
        }
        out.append('}');
    }

    public static String numberToString(Number number) throws JSONException {
        if (number == null) {
            throw new JSONException("Number must be non-null");
        }
        JSON.checkDouble(number.doubleValue());
        return JSON.numberText(number);
    }

    public static String quote(String data) {
        if (data == null) {
            return "\"\"";
        }
        StringBuilder out = new StringBuilder();
        JSON.quote(out, data);
        return out.toString();
    }

    /** A Java value as it is stored in a JSONObject: collections, maps and arrays become JSON. */
    public static Object wrap(Object o) {
        if (o == null) {
            return NULL;
        }
        if (o instanceof JSONArray || o instanceof JSONObject || o.equals(NULL)) {
            return o;
        }
        if (o instanceof Collection) {
            return new JSONArray((Collection<?>) o);
        }
        if (o.getClass().isArray()) {
            try {
                return new JSONArray(o);
            } catch (JSONException e) {
                return null;
            }
        }
        if (o instanceof Map) {
            return new JSONObject((Map<?, ?>) o);
        }
        if (o instanceof Boolean || o instanceof Byte || o instanceof Character || o instanceof Double
                || o instanceof Float || o instanceof Integer || o instanceof Long || o instanceof Short
                || o instanceof String) {
            return o;
        }
        return o.getClass().getPackage() != null && o.getClass().getPackage().getName().startsWith("java.")
                ? o.toString() : null;
    }
}
