package android.content.pm;

public class ApplicationInfo extends PackageItemInfo {
    public static final int FLAG_SYSTEM = 1 << 0;
    public static final int FLAG_DEBUGGABLE = 1 << 1;
    public static final int FLAG_HAS_CODE = 1 << 2;
    public static final int FLAG_UPDATED_SYSTEM_APP = 1 << 7;
    public static final int FLAG_INSTALLED = 1 << 23;

    public String className;
    public String processName;
    public String sourceDir;
    public String publicSourceDir;
    public String dataDir;
    public String nativeLibraryDir;
    public int flags;
    public int uid;
    public int targetSdkVersion;
    public int minSdkVersion;
    public boolean enabled = true;

    public ApplicationInfo() {
    }

    public ApplicationInfo(ApplicationInfo orig) {
        super(orig);
        className = orig.className;
        processName = orig.processName;
        sourceDir = orig.sourceDir;
        publicSourceDir = orig.publicSourceDir;
        dataDir = orig.dataDir;
        nativeLibraryDir = orig.nativeLibraryDir;
        flags = orig.flags;
        uid = orig.uid;
        targetSdkVersion = orig.targetSdkVersion;
        minSdkVersion = orig.minSdkVersion;
        enabled = orig.enabled;
    }

    @Override
    public String toString() {
        return "ApplicationInfo{" + Integer.toHexString(System.identityHashCode(this)) + " " + packageName + "}";
    }
}
