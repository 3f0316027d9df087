package android.os;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

public final class Bundle implements Cloneable {
    public static final Bundle EMPTY = new Bundle();

    private final Map<String, Object> map = new LinkedHashMap<>();

    public Bundle() {
    }

    public Bundle(int capacity) {
    }

    public Bundle(Bundle b) {
        if (b != null) {
            map.putAll(b.map);
        }
    }

    @Override
    public Object clone() {
        return new Bundle(this);
    }

    public int size() {
        return map.size();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    public void clear() {
        map.clear();
    }

    public boolean containsKey(String key) {
        return map.containsKey(key);
    }

    @Deprecated
    public Object get(String key) {
        return map.get(key);
    }

    public void remove(String key) {
        map.remove(key);
    }

    public void putAll(Bundle bundle) {
        map.putAll(bundle.map);
    }

    public Set<String> keySet() {
        return map.keySet();
    }

    public void putString(String key, String value) {
        map.put(key, value);
    }

    public void putCharSequence(String key, CharSequence value) {
        map.put(key, value);
    }

    public void putInt(String key, int value) {
        map.put(key, value);
    }

    public void putLong(String key, long value) {
        map.put(key, value);
    }

    public void putBoolean(String key, boolean value) {
        map.put(key, value);
    }

    public void putDouble(String key, double value) {
        map.put(key, value);
    }

    public void putFloat(String key, float value) {
        map.put(key, value);
    }

    public void putStringArray(String key, String[] value) {
        map.put(key, value);
    }

    public void putIntArray(String key, int[] value) {
        map.put(key, value);
    }

    public void putStringArrayList(String key, ArrayList<String> value) {
        map.put(key, value);
    }

    public void putBundle(String key, Bundle value) {
        map.put(key, value);
    }

    public void putSerializable(String key, Serializable value) {
        map.put(key, value);
    }

    private <T> T typed(String key, Class<T> type) {
        Object value = map.get(key);
        return type.isInstance(value) ? type.cast(value) : null;
    }

    public String getString(String key) {
        return typed(key, String.class);
    }

    public String getString(String key, String defaultValue) {
        String value = getString(key);
        return value == null ? defaultValue : value;
    }

    public CharSequence getCharSequence(String key) {
        return typed(key, CharSequence.class);
    }

    public int getInt(String key) {
        return getInt(key, 0);
    }

    public int getInt(String key, int defaultValue) {
        Integer value = typed(key, Integer.class);
        return value == null ? defaultValue : value;
    }

    public long getLong(String key) {
        return getLong(key, 0L);
    }

    public long getLong(String key, long defaultValue) {
        Long value = typed(key, Long.class);
        return value == null ? defaultValue : value;
    }

    public boolean getBoolean(String key) {
        return getBoolean(key, false);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        Boolean value = typed(key, Boolean.class);
        return value == null ? defaultValue : value;
    }

    public double getDouble(String key) {
        return getDouble(key, 0.0);
    }

    public double getDouble(String key, double defaultValue) {
        Double value = typed(key, Double.class);
        return value == null ? defaultValue : value;
    }

    public float getFloat(String key) {
        return getFloat(key, 0f);
    }

    public float getFloat(String key, float defaultValue) {
        Float value = typed(key, Float.class);
        return value == null ? defaultValue : value;
    }

    public String[] getStringArray(String key) {
        return typed(key, String[].class);
    }

    public int[] getIntArray(String key) {
        return typed(key, int[].class);
    }

    @SuppressWarnings("unchecked")
    public ArrayList<String> getStringArrayList(String key) {
        return typed(key, ArrayList.class);
    }

    public Bundle getBundle(String key) {
        return typed(key, Bundle.class);
    }

    public Serializable getSerializable(String key) {
        return typed(key, Serializable.class);
    }

    @Override
    public String toString() {
        return "Bundle[" + map + "]";
    }
}
