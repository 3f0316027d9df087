package android.app;

import android.content.SharedPreferences;
import android.os.Handler;
import android.os.Looper;
import com.privacyprobe.sim.SimRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * SharedPreferences persisted as STATE_DIR/shared_prefs/NAME.properties; each value is stored with
 * a type prefix (s: i: l: f: b: S:) so getAll() returns the types that were put.
 */
final class SharedPreferencesImpl implements SharedPreferences {
    private static final Map<String, SharedPreferencesImpl> INSTANCES = new HashMap<>();
    private static final String SET_SEPARATOR = "\u001f";

    private final String mName;
    private final Path mFile;
    private final Map<String, Object> mMap = new TreeMap<>();
    private final List<OnSharedPreferenceChangeListener> mListeners = new ArrayList<>();

    private SharedPreferencesImpl(String name) {
        mName = name;
        mFile = SimRuntime.stateSubdir("shared_prefs").resolve(name + ".properties");
        load();
    }

    static SharedPreferencesImpl get(String name) {
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("File " + name + " contains a path separator");
        }
        synchronized (INSTANCES) {
            return INSTANCES.computeIfAbsent(name, SharedPreferencesImpl::new);
        }
    }

    static boolean delete(String name) {
        synchronized (INSTANCES) {
            SharedPreferencesImpl prefs = INSTANCES.remove(name);
            if (prefs != null) {
                synchronized (prefs) {
                    prefs.mMap.clear();
                }
            }
        }
        try {
            return Files.deleteIfExists(SimRuntime.stateSubdir("shared_prefs").resolve(name + ".properties"));
        } catch (IOException e) {
            return false;
        }
    }

    private void load() {
        if (!Files.isRegularFile(mFile)) {
            return;
        }
        try {
            Properties props = SimRuntime.readProperties(mFile);
            for (String key : props.stringPropertyNames()) {
                Object value = decode(props.getProperty(key));
                if (value != null) {
                    mMap.put(key, value);
                }
            }
        } catch (IOException e) {
            System.err.println("W/SharedPreferencesImpl: cannot read " + mFile + ": " + e.getMessage());
        }
    }

    private static Object decode(String stored) {
        if (stored.length() < 2 || stored.charAt(1) != ':') {
            return stored;
        }
        String body = stored.substring(2);
        try {
            switch (stored.charAt(0)) {
                case 's':
                    return body;
                case 'i':
                    return Integer.parseInt(body);
                case 'l':
                    return Long.parseLong(body);
                case 'f':
                    return Float.parseFloat(body);
                case 'b':
                    return Boolean.parseBoolean(body);
                case 'S':
                    return body.isEmpty() ? new HashSet<String>()
                            : new HashSet<>(Arrays.asList(body.split(SET_SEPARATOR, -1)));
                default:
                    return stored;
            }
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String encode(Object value) {
        if (value instanceof Integer) {
            return "i:" + value;
        }
        if (value instanceof Long) {
            return "l:" + value;
        }
        if (value instanceof Float) {
            return "f:" + value;
        }
        if (value instanceof Boolean) {
            return "b:" + value;
        }
        if (value instanceof Set) {
            List<String> items = new ArrayList<>();
            for (Object item : (Set<?>) value) {
                items.add(String.valueOf(item));
            }
            return "S:" + String.join(SET_SEPARATOR, items);
        }
        return "s:" + value;
    }

    private synchronized boolean save() {
        Properties props = new Properties();
        for (Map.Entry<String, Object> entry : mMap.entrySet()) {
            props.setProperty(entry.getKey(), encode(entry.getValue()));
        }
        try {
            Files.createDirectories(mFile.getParent());
            Path temp = Files.createTempFile(mFile.getParent(), mName, ".tmp");
            try (OutputStream out = Files.newOutputStream(temp);
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                props.store(writer, null);
            }
            Files.move(temp, mFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            System.err.println("W/SharedPreferencesImpl: cannot write " + mFile + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public synchronized Map<String, ?> getAll() {
        Map<String, Object> copy = new HashMap<>();
        for (Map.Entry<String, Object> entry : mMap.entrySet()) {
            Object value = entry.getValue();
            copy.put(entry.getKey(), value instanceof Set ? new HashSet<>((Set<?>) value) : value);
        }
        return copy;
    }

    private synchronized Object typed(String key, Class<?> type) {
        Object value = mMap.get(key);
        if (value != null && !type.isInstance(value)) {
            throw new ClassCastException(value.getClass().getName() + " cannot be cast to " + type.getName());
        }
        return value;
    }

    @Override
    public String getString(String key, String defValue) {
        Object value = typed(key, String.class);
        return value == null ? defValue : (String) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<String> getStringSet(String key, Set<String> defValues) {
        Object value = typed(key, Set.class);
        return value == null ? defValues : new HashSet<>((Set<String>) value);
    }

    @Override
    public int getInt(String key, int defValue) {
        Object value = typed(key, Integer.class);
        return value == null ? defValue : (Integer) value;
    }

    @Override
    public long getLong(String key, long defValue) {
        Object value = typed(key, Long.class);
        return value == null ? defValue : (Long) value;
    }

    @Override
    public float getFloat(String key, float defValue) {
        Object value = typed(key, Float.class);
        return value == null ? defValue : (Float) value;
    }

    @Override
    public boolean getBoolean(String key, boolean defValue) {
        Object value = typed(key, Boolean.class);
        return value == null ? defValue : (Boolean) value;
    }

    @Override
    public synchronized boolean contains(String key) {
        return mMap.containsKey(key);
    }

    @Override
    public Editor edit() {
        return new EditorImpl();
    }

    @Override
    public synchronized void registerOnSharedPreferenceChangeListener(OnSharedPreferenceChangeListener listener) {
        mListeners.add(listener);
    }

    @Override
    public synchronized void unregisterOnSharedPreferenceChangeListener(OnSharedPreferenceChangeListener listener) {
        mListeners.remove(listener);
    }

    private boolean commitChanges(Map<String, Object> changes, boolean clear) {
        Set<String> changed = new LinkedHashSet<>();
        List<OnSharedPreferenceChangeListener> listeners;
        boolean ok;
        synchronized (this) {
            if (clear) {
                changed.addAll(mMap.keySet());
                mMap.clear();
            }
            for (Map.Entry<String, Object> entry : changes.entrySet()) {
                Object value = entry.getValue();
                if (value == null || value == EditorImpl.REMOVED) {
                    if (mMap.remove(entry.getKey()) != null) {
                        changed.add(entry.getKey());
                    }
                } else if (!value.equals(mMap.put(entry.getKey(), value))) {
                    changed.add(entry.getKey());
                }
            }
            ok = save();
            listeners = new ArrayList<>(mListeners);
        }
        if (!listeners.isEmpty() && !changed.isEmpty()) {
            Runnable notify = () -> {
                for (String key : changed) {
                    for (OnSharedPreferenceChangeListener listener : listeners) {
                        listener.onSharedPreferenceChanged(this, key);
                    }
                }
            };
            if (Looper.myLooper() == Looper.getMainLooper()) {
                notify.run();
            } else {
                new Handler(Looper.getMainLooper()).post(notify);
            }
        }
        return ok;
    }

    private final class EditorImpl implements Editor {
        static final Object REMOVED = new Object();
        private final Map<String, Object> mModified = new HashMap<>();
        private boolean mClear;

        @Override
        public synchronized Editor putString(String key, String value) {
            mModified.put(key, value == null ? REMOVED : value);
            return this;
        }

        @Override
        public synchronized Editor putStringSet(String key, Set<String> values) {
            mModified.put(key, values == null ? REMOVED : new HashSet<>(values));
            return this;
        }

        @Override
        public synchronized Editor putInt(String key, int value) {
            mModified.put(key, value);
            return this;
        }

        @Override
        public synchronized Editor putLong(String key, long value) {
            mModified.put(key, value);
            return this;
        }

        @Override
        public synchronized Editor putFloat(String key, float value) {
            mModified.put(key, value);
            return this;
        }

        @Override
        public synchronized Editor putBoolean(String key, boolean value) {
            mModified.put(key, value);
            return this;
        }

        @Override
        public synchronized Editor remove(String key) {
            mModified.put(key, REMOVED);
            return this;
        }

        @Override
        public synchronized Editor clear() {
            mClear = true;
            return this;
        }

        @Override
        public boolean commit() {
            Map<String, Object> changes;
            boolean clear;
            synchronized (this) {
                changes = new HashMap<>(mModified);
                clear = mClear;
                mModified.clear();
                mClear = false;
            }
            return commitChanges(changes, clear);
        }

        @Override
        public void apply() {
            commit();
        }
    }
}
