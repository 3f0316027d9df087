package com.privacyprobe.sim;

import java.util.Set;

/** Which package owns the screen. Read by the control thread, written on the main thread. */
public final class Foreground {
    public static final String LAUNCHER = "com.google.android.apps.nexuslauncher";
    public static final String PERMISSION_CONTROLLER = "com.android.permissioncontroller";
    private static final Set<String> SYSTEM_PACKAGES = Set.of(LAUNCHER, PERMISSION_CONTROLLER, "android",
            "com.android.chrome", "com.android.settings", "com.android.vending", "com.google.android.dialer",
            "com.google.android.gm", "com.google.android.apps.messaging", "com.google.android.apps.maps");

    private static volatile boolean appInFront;
    private static volatile String otherPackage = LAUNCHER;
    private static volatile String otherShown = "";

    private Foreground() {
    }

    public static void app() {
        appInFront = true;
        Permissions.appReturned();
    }

    public static void launcher() {
        other(LAUNCHER, "");
    }

    public static void other(String packageName, String shown) {
        otherPackage = packageName;
        otherShown = shown == null ? "" : shown;
        appInFront = false;
        Permissions.appLeft();
    }

    public static boolean isApp() {
        return appInFront;
    }

    public static boolean isLauncher() {
        return !appInFront && LAUNCHER.equals(otherPackage);
    }

    public static String otherPackage() {
        return otherPackage;
    }

    public static String otherShown() {
        return otherShown;
    }

    public static boolean isSystemPackage(String packageName) {
        return SYSTEM_PACKAGES.contains(packageName);
    }

    public static String packageName() {
        if (appInFront) {
            return Windows.permissionShowing() ? PERMISSION_CONTROLLER : SimRuntime.packageName();
        }
        return otherPackage;
    }
}
