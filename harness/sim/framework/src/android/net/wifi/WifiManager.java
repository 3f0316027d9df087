package android.net.wifi;

import android.content.Context;

public class WifiManager {
    public static final int WIFI_STATE_DISABLING = 0;
    public static final int WIFI_STATE_DISABLED = 1;
    public static final int WIFI_STATE_ENABLING = 2;
    public static final int WIFI_STATE_ENABLED = 3;
    public static final int WIFI_STATE_UNKNOWN = 4;
    public static final String WIFI_STATE_CHANGED_ACTION = "android.net.wifi.WIFI_STATE_CHANGED";
    public static final String NETWORK_STATE_CHANGED_ACTION = "android.net.wifi.STATE_CHANGE";

    private final Context mContext;

    public WifiManager(Context context) {
        mContext = context;
    }

    public WifiInfo getConnectionInfo() {
        return new WifiInfo();
    }

    public boolean isWifiEnabled() {
        return true;
    }

    public int getWifiState() {
        return WIFI_STATE_ENABLED;
    }

    @Deprecated
    public boolean setWifiEnabled(boolean enabled) {
        return false;
    }

    @Deprecated
    public boolean startScan() {
        return true;
    }
}
