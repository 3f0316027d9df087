package android.app.admin;

import android.content.ComponentName;
import android.content.Context;

/** Device policy: the sim's app is never a device or profile owner. */
public class DevicePolicyManager {
    private final Context mContext;

    public DevicePolicyManager(Context context) {
        mContext = context;
    }

    public boolean isDeviceOwnerApp(String packageName) {
        return false;
    }

    public boolean isProfileOwnerApp(String packageName) {
        return false;
    }

    /** Device owner only (DevicePolicyManagerService.getWifiMacAddress → enforceDeviceOwner...). */
    public String getWifiMacAddress(ComponentName admin) {
        throw new SecurityException("Admin " + admin + " does not own the device");
    }
}
