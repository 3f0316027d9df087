package android.app;

import android.content.pm.ApplicationInfo;

/**
 * The loaded form of the app's package, as ActivityThread.getPackageInfo returns it while the
 * process binds (AOSP core/java/android/app/LoadedApk.java). frida-java-bridge takes the app's
 * class loader from it when it runs a spawned app's deferred Java.perform.
 */
public final class LoadedApk {
    private final ApplicationInfo mApplicationInfo;
    private final ClassLoader mClassLoader;

    LoadedApk(ApplicationInfo info, ClassLoader loader) {
        mApplicationInfo = info;
        mClassLoader = loader;
    }

    public String getPackageName() {
        return mApplicationInfo.packageName;
    }

    public ApplicationInfo getApplicationInfo() {
        return mApplicationInfo;
    }

    public ClassLoader getClassLoader() {
        return mClassLoader;
    }
}
