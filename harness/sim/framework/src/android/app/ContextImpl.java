package android.app;

import android.content.ClipboardManager;
import android.content.ContentResolver;
import android.content.Context;
import android.content.ComponentName;
import android.content.Intent;
import android.content.SharedPreferences;
import android.content.pm.ApplicationInfo;
import android.content.pm.PackageManager;
import android.hardware.SensorManager;
import android.hardware.SystemSensorManager;
import android.location.LocationManager;
import android.net.wifi.WifiManager;
import android.os.Looper;
import android.os.Process;
import android.telephony.TelephonyManager;
import android.util.AndroidRuntimeException;
import com.privacyprobe.sim.Permissions;
import com.privacyprobe.sim.SimRuntime;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.util.HashMap;
import java.util.Map;

/** The base context behind the Application and every Activity. */
class ContextImpl extends Context {
    private static final Map<String, Object> SERVICES = new HashMap<>();
    private static ApplicationPackageManager sPackageManager;
    private static ContentResolver sContentResolver;

    private final boolean mActivityContext;

    ContextImpl(boolean activityContext) {
        mActivityContext = activityContext;
    }

    @Override
    public Context getApplicationContext() {
        return ActivityThread.currentApplication();
    }

    @Override
    public String getPackageName() {
        return SimRuntime.packageName();
    }

    @Override
    public ApplicationInfo getApplicationInfo() {
        return ApplicationPackageManager.ownApplicationInfo();
    }

    @Override
    public PackageManager getPackageManager() {
        synchronized (ContextImpl.class) {
            if (sPackageManager == null) {
                sPackageManager = new ApplicationPackageManager(this);
            }
            return sPackageManager;
        }
    }

    @Override
    public ContentResolver getContentResolver() {
        synchronized (ContextImpl.class) {
            if (sContentResolver == null) {
                sContentResolver = new ContentResolver(this);
            }
            return sContentResolver;
        }
    }

    @Override
    public Looper getMainLooper() {
        return Looper.getMainLooper();
    }

    @Override
    public Object getSystemService(String name) {
        if (name == null) {
            return null;
        }
        synchronized (SERVICES) {
            Object service = SERVICES.get(name);
            if (service == null) {
                service = createService(name);
                if (service != null) {
                    SERVICES.put(name, service);
                }
            }
            return service;
        }
    }

    private Object createService(String name) {
        Context app = getApplicationContext() != null ? getApplicationContext() : this;
        switch (name) {
            case LOCATION_SERVICE:
                return new LocationManager(app);
            case TELEPHONY_SERVICE:
                return new TelephonyManager(app);
            case WIFI_SERVICE:
                return new WifiManager(app);
            case CLIPBOARD_SERVICE:
                return new ClipboardManager(app);
            case SENSOR_SERVICE:
                return new SystemSensorManager(app);
            case ACTIVITY_SERVICE:
                return new ActivityManager(app);
            case CONNECTIVITY_SERVICE:
                return new android.net.ConnectivityManager(app);
            case ACCOUNT_SERVICE:
                return new android.accounts.AccountManager(app);
            case CAMERA_SERVICE:
                return new android.hardware.camera2.CameraManager(app);
            case DEVICE_POLICY_SERVICE:
                return new android.app.admin.DevicePolicyManager(app);
            case USAGE_STATS_SERVICE:
                return new android.app.usage.UsageStatsManager(app);
            default:
                return null;
        }
    }

    @Override
    public String getSystemServiceName(Class<?> serviceClass) {
        if (serviceClass == LocationManager.class) {
            return LOCATION_SERVICE;
        }
        if (serviceClass == TelephonyManager.class) {
            return TELEPHONY_SERVICE;
        }
        if (serviceClass == WifiManager.class) {
            return WIFI_SERVICE;
        }
        if (serviceClass == ClipboardManager.class) {
            return CLIPBOARD_SERVICE;
        }
        if (serviceClass == SensorManager.class) {
            return SENSOR_SERVICE;
        }
        if (serviceClass == ActivityManager.class) {
            return ACTIVITY_SERVICE;
        }
        if (serviceClass == android.net.ConnectivityManager.class) {
            return CONNECTIVITY_SERVICE;
        }
        if (serviceClass == android.accounts.AccountManager.class) {
            return ACCOUNT_SERVICE;
        }
        if (serviceClass == android.hardware.camera2.CameraManager.class) {
            return CAMERA_SERVICE;
        }
        if (serviceClass == android.app.admin.DevicePolicyManager.class) {
            return DEVICE_POLICY_SERVICE;
        }
        if (serviceClass == android.app.usage.UsageStatsManager.class) {
            return USAGE_STATS_SERVICE;
        }
        return null;
    }

    @Override
    public SharedPreferences getSharedPreferences(String name, int mode) {
        return SharedPreferencesImpl.get(name == null ? "null" : name);
    }

    @Override
    public boolean deleteSharedPreferences(String name) {
        return SharedPreferencesImpl.delete(name);
    }

    @Override
    public int checkSelfPermission(String permission) {
        if (permission == null) {
            throw new IllegalArgumentException("permission is null");
        }
        return checkPermission(permission, Process.myPid(), Process.myUid());
    }

    @Override
    public int checkPermission(String permission, int pid, int uid) {
        if (permission == null) {
            throw new IllegalArgumentException("permission is null");
        }
        if (uid != Process.myUid()) {
            return PackageManager.PERMISSION_DENIED;
        }
        return Permissions.isGranted(permission) ? PackageManager.PERMISSION_GRANTED : PackageManager.PERMISSION_DENIED;
    }

    @Override
    public int checkCallingOrSelfPermission(String permission) {
        return checkSelfPermission(permission);
    }

    @Override
    public ComponentName startService(Intent service) {
        return ActiveServices.startService(service);
    }

    @Override
    public void startActivity(Intent intent) {
        if (!mActivityContext && (intent.getFlags() & Intent.FLAG_ACTIVITY_NEW_TASK) == 0) {
            throw new AndroidRuntimeException("Calling startActivity() from outside of an Activity  context requires the "
                    + "FLAG_ACTIVITY_NEW_TASK flag. Is this really what you want?");
        }
        ActivityThread.startActivity(null, intent, -1);
    }

    @Override
    public ClassLoader getClassLoader() {
        return ClassLoader.getSystemClassLoader();
    }

    @Override
    public File getDataDir() {
        return SimRuntime.stateDir().toFile();
    }

    @Override
    public File getFilesDir() {
        return SimRuntime.stateSubdir("files").toFile();
    }

    @Override
    public File getCacheDir() {
        return SimRuntime.stateSubdir("cache").toFile();
    }

    @Override
    public File getDir(String name, int mode) {
        return SimRuntime.stateSubdir("app_" + name).toFile();
    }

    @Override
    public File getDatabasePath(String name) {
        return new File(SimRuntime.stateSubdir("databases").toFile(), name);
    }

    private File file(String name) {
        if (name.indexOf(File.separatorChar) >= 0) {
            throw new IllegalArgumentException("File " + name + " contains a path separator");
        }
        return new File(getFilesDir(), name);
    }

    @Override
    public FileInputStream openFileInput(String name) throws FileNotFoundException {
        return new FileInputStream(file(name));
    }

    @Override
    public FileOutputStream openFileOutput(String name, int mode) throws FileNotFoundException {
        return new FileOutputStream(file(name), (mode & MODE_APPEND) != 0);
    }

    @Override
    public boolean deleteFile(String name) {
        return file(name).delete();
    }

    @Override
    public String[] fileList() {
        String[] names = getFilesDir().list();
        return names == null ? new String[0] : names;
    }
}
