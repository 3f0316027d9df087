package android.content.pm;

public class PackageInfo {
    public String packageName;
    public String[] splitNames;
    @Deprecated
    public int versionCode;
    public String versionName;
    public String sharedUserId;
    public ApplicationInfo applicationInfo;
    public long firstInstallTime;
    public long lastUpdateTime;
    public String[] requestedPermissions;
    public int[] requestedPermissionsFlags;
    public static final int REQUESTED_PERMISSION_GRANTED = 2;

    public PackageInfo() {
    }

    public long getLongVersionCode() {
        return versionCode;
    }

    public void setLongVersionCode(long longVersionCode) {
        versionCode = (int) longVersionCode;
    }

    @Override
    public String toString() {
        return "PackageInfo{" + Integer.toHexString(System.identityHashCode(this)) + " " + packageName + "}";
    }
}
