package android.provider;

import android.content.ContentResolver;
import com.privacyprobe.sim.SimRuntime;

public final class Settings {
    public static final String ACTION_SETTINGS = "android.settings.SETTINGS";
    public static final String ACTION_APPLICATION_DETAILS_SETTINGS = "android.settings.APPLICATION_DETAILS_SETTINGS";
    public static final String ACTION_LOCATION_SOURCE_SETTINGS = "android.settings.LOCATION_SOURCE_SETTINGS";
    public static final String ACTION_WIFI_SETTINGS = "android.settings.WIFI_SETTINGS";
    public static final String ACTION_APP_NOTIFICATION_SETTINGS = "android.settings.APP_NOTIFICATION_SETTINGS";
    public static final String ACTION_MANAGE_OVERLAY_PERMISSION = "android.settings.action.MANAGE_OVERLAY_PERMISSION";

    private Settings() {
    }

    public static class SettingNotFoundException extends android.util.AndroidException {
        public SettingNotFoundException(String msg) {
            super(msg);
        }
    }

    private static int parseInt(String value, String name) throws SettingNotFoundException {
        if (value == null) {
            throw new SettingNotFoundException(name);
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SettingNotFoundException(name);
        }
    }

    public static final class Secure {
        public static final String ANDROID_ID = "android_id";
        public static final String LOCATION_MODE = "location_mode";
        public static final String DEFAULT_INPUT_METHOD = "default_input_method";
        public static final int LOCATION_MODE_OFF = 0;
        public static final int LOCATION_MODE_HIGH_ACCURACY = 3;

        private Secure() {
        }

        // Settings.Secure.getString → getStringForUser(resolver, name, myUserId) (@hide), as on Android.
        public static String getString(ContentResolver resolver, String name) {
            return getStringForUser(resolver, name, 0);
        }

        public static String getStringForUser(ContentResolver resolver, String name, int userHandle) {
            if (ANDROID_ID.equals(name)) {
                return SimRuntime.profileValue("android_id", null);
            }
            if (LOCATION_MODE.equals(name)) {
                return Integer.toString(LOCATION_MODE_HIGH_ACCURACY);
            }
            return null;
        }

        public static int getInt(ContentResolver cr, String name, int def) {
            try {
                return getInt(cr, name);
            } catch (SettingNotFoundException e) {
                return def;
            }
        }

        public static int getInt(ContentResolver cr, String name) throws SettingNotFoundException {
            return parseInt(getString(cr, name), name);
        }

        public static boolean putString(ContentResolver resolver, String name, String value) {
            throw new SecurityException("Permission denial: writing to secure settings requires android.permission.WRITE_SECURE_SETTINGS");
        }
    }

    public static final class System {
        public static final String ANDROID_ID = "android_id";
        public static final String SCREEN_BRIGHTNESS = "screen_brightness";

        private System() {
        }

        // Settings moved to Secure (android_id among them) are read from there
        // (frameworks/base/core/java/android/provider/Settings.java, System.getStringForUser, MOVED_TO_SECURE).
        public static String getString(ContentResolver resolver, String name) {
            return getStringForUser(resolver, name, 0);
        }

        public static String getStringForUser(ContentResolver resolver, String name, int userHandle) {
            if (ANDROID_ID.equals(name)) {
                return Secure.getStringForUser(resolver, Secure.ANDROID_ID, userHandle);
            }
            if (SCREEN_BRIGHTNESS.equals(name)) {
                return "128";
            }
            return null;
        }

        public static int getInt(ContentResolver cr, String name, int def) {
            try {
                return getInt(cr, name);
            } catch (SettingNotFoundException e) {
                return def;
            }
        }

        public static int getInt(ContentResolver cr, String name) throws SettingNotFoundException {
            return parseInt(getString(cr, name), name);
        }

        public static boolean canWrite(android.content.Context context) {
            return false;
        }
    }

    public static final class Global {
        public static final String ADB_ENABLED = "adb_enabled";
        public static final String AIRPLANE_MODE_ON = "airplane_mode_on";
        public static final String DEVICE_NAME = "device_name";

        private Global() {
        }

        public static String getString(ContentResolver resolver, String name) {
            if (ADB_ENABLED.equals(name) || AIRPLANE_MODE_ON.equals(name)) {
                return "0";
            }
            if (DEVICE_NAME.equals(name)) {
                return SimRuntime.profileValue("model", "Pixel 6");
            }
            return null;
        }

        public static int getInt(ContentResolver cr, String name, int def) {
            try {
                return getInt(cr, name);
            } catch (SettingNotFoundException e) {
                return def;
            }
        }

        public static int getInt(ContentResolver cr, String name) throws SettingNotFoundException {
            return parseInt(getString(cr, name), name);
        }
    }
}
