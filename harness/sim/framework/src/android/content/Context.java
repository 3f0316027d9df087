package android.content;

import android.content.pm.ApplicationInfo;
import android.content.pm.PackageManager;
import android.os.Looper;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;

public abstract class Context {
    public static final int MODE_PRIVATE = 0x0000;
    @Deprecated
    public static final int MODE_WORLD_READABLE = 0x0001;
    @Deprecated
    public static final int MODE_WORLD_WRITEABLE = 0x0002;
    public static final int MODE_APPEND = 0x8000;
    @Deprecated
    public static final int MODE_MULTI_PROCESS = 0x0004;

    public static final String LOCATION_SERVICE = "location";
    public static final String TELEPHONY_SERVICE = "phone";
    public static final String WIFI_SERVICE = "wifi";
    public static final String CLIPBOARD_SERVICE = "clipboard";
    public static final String SENSOR_SERVICE = "sensor";
    public static final String CONNECTIVITY_SERVICE = "connectivity";
    public static final String WINDOW_SERVICE = "window";
    public static final String ACTIVITY_SERVICE = "activity";
    public static final String NOTIFICATION_SERVICE = "notification";
    public static final String ALARM_SERVICE = "alarm";
    public static final String POWER_SERVICE = "power";
    public static final String AUDIO_SERVICE = "audio";
    public static final String VIBRATOR_SERVICE = "vibrator";
    public static final String LAYOUT_INFLATER_SERVICE = "layout_inflater";
    public static final String INPUT_METHOD_SERVICE = "input_method";
    public static final String ACCOUNT_SERVICE = "account";
    public static final String KEYGUARD_SERVICE = "keyguard";
    public static final String DOWNLOAD_SERVICE = "download";
    public static final String BLUETOOTH_SERVICE = "bluetooth";
    public static final String CAMERA_SERVICE = "camera";
    public static final String DEVICE_POLICY_SERVICE = "device_policy";
    public static final String USAGE_STATS_SERVICE = "usagestats";

    public abstract Context getApplicationContext();

    public abstract String getPackageName();

    public abstract ApplicationInfo getApplicationInfo();

    public abstract PackageManager getPackageManager();

    public abstract ContentResolver getContentResolver();

    public abstract Looper getMainLooper();

    public abstract Object getSystemService(String name);

    public abstract String getSystemServiceName(Class<?> serviceClass);

    public abstract SharedPreferences getSharedPreferences(String name, int mode);

    public abstract boolean deleteSharedPreferences(String name);

    public abstract int checkSelfPermission(String permission);

    public abstract int checkPermission(String permission, int pid, int uid);

    public abstract int checkCallingOrSelfPermission(String permission);

    public abstract void startActivity(Intent intent);

    public abstract ComponentName startService(Intent service);

    public abstract ClassLoader getClassLoader();

    public abstract File getFilesDir();

    public abstract File getCacheDir();

    public abstract File getDataDir();

    public abstract File getDir(String name, int mode);

    public abstract File getDatabasePath(String name);

    public abstract FileInputStream openFileInput(String name) throws FileNotFoundException;

    public abstract FileOutputStream openFileOutput(String name, int mode) throws FileNotFoundException;

    public abstract boolean deleteFile(String name);

    public abstract String[] fileList();

    public final String getString(int resId) {
        throw new UnsupportedOperationException("resources are not available on the sim device (id 0x"
                + Integer.toHexString(resId) + ")");
    }

    public final CharSequence getText(int resId) {
        return getString(resId);
    }

    @SuppressWarnings("unchecked")
    public final <T> T getSystemService(Class<T> serviceClass) {
        String name = getSystemServiceName(serviceClass);
        return name == null ? null : (T) getSystemService(name);
    }
}
