package com.privacyprobe.sim;

import android.os.Process;

/**
 * Who may read the non-resettable device identifiers (IMEI/MEID, IMSI, ICCID, serial) on API 29+.
 *
 * AOSP telephony TelephonyPermissions.checkReadDeviceIdentifiers and
 * reportAccessDeniedToReadIdentifiers; developer.android.com/about/versions/10/privacy/changes
 * ("Restriction on non-resettable device identifiers"): only privileged callers (carrier
 * privileges, READ_PRIVILEGED_PHONE_STATE, device/profile owner) get the value. For anyone else
 * an app targeting API 29+ gets a SecurityException; one targeting 28 or lower gets null (the
 * serial: "unknown") if it holds READ_PHONE_STATE, else a SecurityException. A sim app is never
 * privileged.
 */
public final class DeviceIdentifiers {
    private static final int Q = 29;

    private DeviceIdentifiers() {
    }

    /** The sim offers API 30+ only, so the caller never gets the value: false means the placeholder. */
    public static boolean readable(String method) {
        if (SimRuntime.targetSdk() >= Q) {
            throw new SecurityException(method + ": The uid " + Process.myUid()
                    + " does not meet the requirements to access device identifiers.");
        }
        Permissions.enforce(method, Permissions.READ_PHONE_STATE);
        return false;
    }

    /** Build.VERSION.RELEASE of the API levels the sim offers (developer.android.com/tools/releases/platforms). */
    public static String release(int apiLevel) {
        switch (apiLevel) {
            case 30:
                return "11";
            case 33:
                return "13";
            case 34:
                return "14";
            default:
                throw new IllegalArgumentException("the sim has no Android release for API " + apiLevel);
        }
    }
}
