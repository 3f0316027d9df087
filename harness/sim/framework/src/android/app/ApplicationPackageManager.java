package android.app;

import android.content.Context;
import android.content.Intent;
import android.content.pm.ApplicationInfo;
import android.content.pm.PackageInfo;
import android.content.pm.PackageManager;
import android.os.Process;
import com.privacyprobe.sim.Permissions;
import com.privacyprobe.sim.SimRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

public class ApplicationPackageManager extends PackageManager {
    private static final long INSTALL_TIME = 1_700_000_000_000L;

    private final Context mContext;

    ApplicationPackageManager(Context context) {
        mContext = context;
    }

    static ApplicationInfo ownApplicationInfo() {
        return applicationInfo(SimRuntime.packageName());
    }

    private static String labelFor(String packageName) {
        if (packageName.equals(SimRuntime.packageName())) {
            return SimRuntime.appLabel();
        }
        String[] parts = packageName.split("\\.");
        String last = parts[parts.length - 1];
        return last.isEmpty() ? packageName : last.substring(0, 1).toUpperCase(Locale.ROOT) + last.substring(1);
    }

    private static ApplicationInfo applicationInfo(String packageName) {
        ApplicationInfo info = new ApplicationInfo();
        info.packageName = packageName;
        info.processName = packageName;
        info.nonLocalizedLabel = labelFor(packageName);
        info.flags = ApplicationInfo.FLAG_HAS_CODE | ApplicationInfo.FLAG_INSTALLED;
        info.targetSdkVersion = 28;
        info.minSdkVersion = 21;
        info.sourceDir = "/data/app/" + packageName + "-1/base.apk";
        info.publicSourceDir = info.sourceDir;
        info.dataDir = "/data/user/0/" + packageName;
        boolean own = packageName.equals(SimRuntime.packageName());
        info.uid = own ? Process.myUid() : 10000 + Math.floorMod(packageName.hashCode(), 9000);
        if (own && !SimRuntime.applicationClass().isEmpty()) {
            info.className = SimRuntime.applicationClass();
            info.name = info.className;
        }
        return info;
    }

    private static PackageInfo packageInfo(String packageName, int flags) {
        PackageInfo info = new PackageInfo();
        info.packageName = packageName;
        boolean own = packageName.equals(SimRuntime.packageName());
        info.versionName = own ? SimRuntime.versionName() : "1.0";
        info.versionCode = 1;
        info.applicationInfo = applicationInfo(packageName);
        info.firstInstallTime = INSTALL_TIME;
        info.lastUpdateTime = INSTALL_TIME;
        if (own && (flags & GET_PERMISSIONS) != 0) {
            List<String> declared = SimRuntime.declaredPermissions();
            info.requestedPermissions = declared.toArray(new String[0]);
            info.requestedPermissionsFlags = new int[declared.size()];
            for (int i = 0; i < declared.size(); i++) {
                info.requestedPermissionsFlags[i] = 1
                        | (Permissions.isGranted(declared.get(i)) ? PackageInfo.REQUESTED_PERMISSION_GRANTED : 0);
            }
        }
        return info;
    }

    private static boolean installed(String packageName) {
        return packageName != null && SimRuntime.installedPackages().contains(packageName);
    }

    @Override
    public PackageInfo getPackageInfo(String packageName, int flags) throws NameNotFoundException {
        if (!installed(packageName)) {
            throw new NameNotFoundException(packageName);
        }
        return packageInfo(packageName, flags);
    }

    @Override
    public ApplicationInfo getApplicationInfo(String packageName, int flags) throws NameNotFoundException {
        if (!installed(packageName)) {
            throw new NameNotFoundException(packageName);
        }
        return applicationInfo(packageName);
    }

    @Override
    public List<PackageInfo> getInstalledPackages(int flags) {
        List<PackageInfo> result = new ArrayList<>();
        for (String name : SimRuntime.installedPackages()) {
            result.add(packageInfo(name, flags));
        }
        return result;
    }

    @Override
    public List<ApplicationInfo> getInstalledApplications(int flags) {
        List<ApplicationInfo> result = new ArrayList<>();
        for (String name : SimRuntime.installedPackages()) {
            result.add(applicationInfo(name));
        }
        return result;
    }

    // Every installed package has one launcher activity on the sim; an intent naming a package
    // resolves inside it only. Services are not simulated: no package declares one.
    @Override
    public List<android.content.pm.ResolveInfo> queryIntentActivities(Intent intent, int flags) {
        List<android.content.pm.ResolveInfo> result = new ArrayList<>();
        String only = intent.getPackage();
        for (String name : SimRuntime.installedPackages()) {
            if (only != null && !only.equals(name)) {
                continue;
            }
            android.content.pm.ActivityInfo activity = new android.content.pm.ActivityInfo();
            activity.packageName = name;
            activity.name = name.equals(SimRuntime.packageName()) && !SimRuntime.launcherActivity().isEmpty()
                    ? SimRuntime.launcherActivity() : name + ".MainActivity";
            activity.applicationInfo = applicationInfo(name);
            activity.processName = name;
            activity.exported = true;
            android.content.pm.ResolveInfo info = new android.content.pm.ResolveInfo();
            info.activityInfo = activity;
            result.add(info);
        }
        return result;
    }

    @Override
    public List<android.content.pm.ResolveInfo> queryIntentServices(Intent intent, int flags) {
        return new ArrayList<>();
    }

    @Override
    public int checkPermission(String permName, String packageName) {
        if (SimRuntime.packageName().equals(packageName) && Permissions.isGranted(permName)) {
            return PERMISSION_GRANTED;
        }
        return PERMISSION_DENIED;
    }

    @Override
    public CharSequence getApplicationLabel(ApplicationInfo info) {
        return info.loadLabel(this);
    }

    @Override
    public Intent getLaunchIntentForPackage(String packageName) {
        if (!installed(packageName)) {
            return null;
        }
        String activity = packageName.equals(SimRuntime.packageName()) ? SimRuntime.launcherActivity()
                : packageName + ".MainActivity";
        Intent intent = new Intent(Intent.ACTION_MAIN);
        intent.addCategory(Intent.CATEGORY_LAUNCHER);
        intent.setClassName(packageName, activity);
        intent.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK);
        return intent;
    }

    @Override
    public String getInstallerPackageName(String packageName) {
        return installed(packageName) ? "com.android.vending" : null;
    }

    @Override
    public boolean hasSystemFeature(String featureName) {
        return featureName != null && featureName.startsWith("android.hardware.");
    }

    @Override
    public String[] getPackagesForUid(int uid) {
        return uid == Process.myUid() ? new String[] {SimRuntime.packageName()} : null;
    }
}
