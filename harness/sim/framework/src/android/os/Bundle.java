package android.os;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

public final class Bundle implements Cloneable {
    public static final Bundle EMPTY = new Bundle();

    private final Map<String, Object> map;

    public Bundle() {
        map = new LinkedHashMap<>();
    }

    public Bundle(int capacity) {
        map = new LinkedHashMap<>(Math.max(capacity, 1));
    }

    public Bundle(Bundle b) {
        map = new LinkedHashMap<>(b.map);
    }

    public Bundle(ClassLoader loader) {
        this();
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

    private <T> T typed(String key, Class<T> type, T defaultValue) {
        Object o = map.get(key);
        if (o == null) {
            return defaultValue;
        }
        if (!type.isInstance(o)) {
            android.util.Log.w("Bundle", "Key " + key + " expected " + type.getSimpleName() + " but value was a "
                    + o.getClass().getName() + ".  The default value " + defaultValue + " was returned.");
            return defaultValue;
        }
        return type.cast(o);
    }

    public void putBoolean(String key, boolean value) {
        map.put(key, value);
    }

    public boolean getBoolean(String key) {
        return getBoolean(key, false);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return typed(key, Boolean.class, defaultValue);
    }

    public void putByte(String key, byte value) {
        map.put(key, value);
    }

    public byte getByte(String key) {
        return typed(key, Byte.class, (byte) 0);
    }

    public void putChar(String key, char value) {
        map.put(key, value);
    }

    public char getChar(String key) {
        return typed(key, Character.class, (char) 0);
    }

    public void putShort(String key, short value) {
        map.put(key, value);
    }

    public short getShort(String key) {
        return typed(key, Short.class, (short) 0);
    }

    public void putInt(String key, int value) {
        map.put(key, value);
    }

    public int getInt(String key) {
        return getInt(key, 0);
    }

    public int getInt(String key, int defaultValue) {
        return typed(key, Integer.class, defaultValue);
    }

    public void putLong(String key, long value) {
        map.put(key, value);
    }

    public long getLong(String key) {
        return getLong(key, 0L);
    }

    public long getLong(String key, long defaultValue) {
        return typed(key, Long.class, defaultValue);
    }

    public void putFloat(String key, float value) {
        map.put(key, value);
    }

    public float getFloat(String key) {
        return getFloat(key, 0f);
    }

    public float getFloat(String key, float defaultValue) {
        return typed(key, Float.class, defaultValue);
    }

    public void putDouble(String key, double value) {
        map.put(key, value);
    }

    public double getDouble(String key) {
        return getDouble(key, 0.0);
    }

    public double getDouble(String key, double defaultValue) {
        return typed(key, Double.class, defaultValue);
    }

    public void putString(String key, String value) {
        map.put(key, value);
    }

    public String getString(String key) {
        return typed(key, String.class, null);
    }

    public String getString(String key, String defaultValue) {
        String s = getString(key);
        return s == null ? defaultValue : s;
    }

    public void putCharSequence(String key, CharSequence value) {
        map.put(key, value);
    }

    public CharSequence getCharSequence(String key) {
        return typed(key, CharSequence.class, null);
    }

    public CharSequence getCharSequence(String key, CharSequence defaultValue) {
        CharSequence s = getCharSequence(key);
        return s == null ? defaultValue : s;
    }

    public void putStringArray(String key, String[] value) {
        map.put(key, value);
    }

    public String[] getStringArray(String key) {
        return typed(key, String[].class, null);
    }

    public void putIntArray(String key, int[] value) {
        map.put(key, value);
    }

    public int[] getIntArray(String key) {
        return typed(key, int[].class, null);
    }

    public void putLongArray(String key, long[] value) {
        map.put(key, value);
    }

    public long[] getLongArray(String key) {
        return typed(key, long[].class, null);
    }

    public void putStringArrayList(String key, ArrayList<String> value) {
        map.put(key, value);
    }

    @SuppressWarnings("unchecked")
    public ArrayList<String> getStringArrayList(String key) {
        return typed(key, ArrayList.class, null);
    }

    public void putBundle(String key, Bundle value) {
        map.put(key, value);
    }

    public Bundle getBundle(String key) {
        return typed(key, Bundle.class, null);
    }

    public void putSerializable(String key, Serializable value) {
        map.put(key, value);
    }

    public Serializable getSerializable(String key) {
        return typed(key, Serializable.class, null);
    }

    @Override
    public String toString() {
        return "Bundle[" + map + "]";
    }
}
