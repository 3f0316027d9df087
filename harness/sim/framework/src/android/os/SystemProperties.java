package android.os;

import com.privacyprobe.sim.SimRuntime;

/**
 * System properties (@hide, reached by reflection). Since API 26 the serial-number properties are
 * readable only by privileged processes: an app reads "" (system/sepolicy: serialno_prop is not in
 * untrusted_app's readable set).
 */
public final class SystemProperties {
    private SystemProperties() {
    }

    public static String get(String key) {
        return get(key, "");
    }

    public static String get(String key, String def) {
        switch (key) {
            case "ro.product.model":
                return Build.MODEL;
            case "ro.product.brand":
                return Build.BRAND;
            case "ro.build.version.sdk":
                return Integer.toString(Build.VERSION.SDK_INT);
            case "ro.serialno":
            case "ro.boot.serialno":
                return "";
            case "gsm.sim.operator.numeric":
                return SimRuntime.profileValue("imsi", "").length() >= 5
                        ? SimRuntime.profileValue("imsi", "").substring(0, 5) : def;
            default:
                return def;
        }
    }

    public static int getInt(String key, int def) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            return def;
        }
    }
}
