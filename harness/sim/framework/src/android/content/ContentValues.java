package android.content;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

public final class ContentValues {
    private final Map<String, Object> mMap = new LinkedHashMap<>();

    public ContentValues() {
    }

    public ContentValues(int size) {
    }

    public ContentValues(ContentValues from) {
        mMap.putAll(from.mMap);
    }

    public void put(String key, String value) {
        mMap.put(key, value);
    }

    public void put(String key, Integer value) {
        mMap.put(key, value);
    }

    public void put(String key, Long value) {
        mMap.put(key, value);
    }

    public void put(String key, Boolean value) {
        mMap.put(key, value);
    }

    public void put(String key, Double value) {
        mMap.put(key, value);
    }

    public void put(String key, Float value) {
        mMap.put(key, value);
    }

    public void put(String key, byte[] value) {
        mMap.put(key, value);
    }

    public void putNull(String key) {
        mMap.put(key, null);
    }

    public Object get(String key) {
        return mMap.get(key);
    }

    public String getAsString(String key) {
        Object value = mMap.get(key);
        return value == null ? null : value.toString();
    }

    public Integer getAsInteger(String key) {
        Object value = mMap.get(key);
        return value instanceof Number ? ((Number) value).intValue() : null;
    }

    public Long getAsLong(String key) {
        Object value = mMap.get(key);
        return value instanceof Number ? ((Number) value).longValue() : null;
    }

    public boolean containsKey(String key) {
        return mMap.containsKey(key);
    }

    public int size() {
        return mMap.size();
    }

    public boolean isEmpty() {
        return mMap.isEmpty();
    }

    public void remove(String key) {
        mMap.remove(key);
    }

    public void clear() {
        mMap.clear();
    }

    public Set<String> keySet() {
        return mMap.keySet();
    }

    public Set<Map.Entry<String, Object>> valueSet() {
        return mMap.entrySet();
    }

    @Override
    public String toString() {
        return mMap.toString();
    }
}
