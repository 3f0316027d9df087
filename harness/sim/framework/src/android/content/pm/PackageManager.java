package android.content.pm;

import android.content.Intent;
import android.util.AndroidException;
import java.util.List;

public abstract class PackageManager {
    public static final int PERMISSION_GRANTED = 0;
    public static final int PERMISSION_DENIED = -1;
    public static final int GET_ACTIVITIES = 0x00000001;
    public static final int GET_RECEIVERS = 0x00000002;
    public static final int GET_SERVICES = 0x00000004;
    public static final int GET_PROVIDERS = 0x00000008;
    public static final int GET_INSTRUMENTATION = 0x00000010;
    public static final int GET_SIGNATURES = 0x00000040;
    public static final int GET_META_DATA = 0x00000080;
    public static final int GET_GIDS = 0x00000100;
    public static final int GET_SHARED_LIBRARY_FILES = 0x00000400;
    public static final int GET_URI_PERMISSION_PATTERNS = 0x00000800;
    public static final int GET_PERMISSIONS = 0x00001000;
    public static final int GET_CONFIGURATIONS = 0x00004000;
    public static final int MATCH_UNINSTALLED_PACKAGES = 0x00002000;
    public static final int MATCH_DISABLED_COMPONENTS = 0x00000200;
    public static final int MATCH_DEFAULT_ONLY = 0x00010000;
    public static final int MATCH_ALL = 0x00020000;
    public static final int MATCH_SYSTEM_ONLY = 0x00100000;
    public static final int GET_SIGNING_CERTIFICATES = 0x08000000;

    public static class NameNotFoundException extends AndroidException {
        public NameNotFoundException() {
        }

        public NameNotFoundException(String name) {
            super(name);
        }
    }

    public abstract PackageInfo getPackageInfo(String packageName, int flags) throws NameNotFoundException;

    public abstract ApplicationInfo getApplicationInfo(String packageName, int flags) throws NameNotFoundException;

    public abstract List<PackageInfo> getInstalledPackages(int flags);

    public abstract List<ApplicationInfo> getInstalledApplications(int flags);

    public abstract List<ResolveInfo> queryIntentActivities(android.content.Intent intent, int flags);

    public abstract List<ResolveInfo> queryIntentServices(android.content.Intent intent, int flags);

    public abstract int checkPermission(String permName, String packageName);

    public abstract CharSequence getApplicationLabel(ApplicationInfo info);

    public abstract Intent getLaunchIntentForPackage(String packageName);

    public abstract String getInstallerPackageName(String packageName);

    public abstract boolean hasSystemFeature(String featureName);

    public abstract String[] getPackagesForUid(int uid);
}
