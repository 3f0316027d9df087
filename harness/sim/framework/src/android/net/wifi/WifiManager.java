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

    private static boolean fineLocationGranted() {
        return com.privacyprobe.sim.Permissions.isGranted(com.privacyprobe.sim.Permissions.ACCESS_FINE_LOCATION);
    }

    /**
     * Scan results need ACCESS_FINE_LOCATION (targetSdk 29+); without it the service's
     * SecurityException is caught and the app gets an empty list
     * (packages/modules/Wifi WifiServiceImpl.getScanResults, enforceCanAccessScanResults).
     */
    public java.util.List<ScanResult> getScanResults() {
        java.util.List<ScanResult> results = new java.util.ArrayList<>();
        if (!fineLocationGranted()) {
            return results;
        }
        ScanResult connected = new ScanResult();
        connected.SSID = com.privacyprobe.sim.SimRuntime.profileValue("ssid", "");
        connected.BSSID = com.privacyprobe.sim.SimRuntime.profileValue("bssid", "02:00:00:00:00:00");
        connected.capabilities = "[WPA2-PSK-CCMP][RSN-PSK-CCMP][ESS]";
        connected.level = -55;
        connected.frequency = 5180;
        results.add(connected);
        return results;
    }

    /** API 29+: an empty list for apps that are neither device owner nor carrier-privileged (WifiServiceImpl). */
    @Deprecated
    public java.util.List<WifiConfiguration> getConfiguredNetworks() {
        return new java.util.ArrayList<>();
    }

    @Deprecated
    public android.net.DhcpInfo getDhcpInfo() {
        android.net.DhcpInfo info = new android.net.DhcpInfo();
        info.ipAddress = WifiInfo.IP_ADDRESS;
        info.gateway = (1 << 24) | (1 << 16) | (168 << 8) | 192;
        info.netmask = (255 << 16) | (255 << 8) | 255;
        info.dns1 = info.gateway;
        info.leaseDuration = 86_400;
        return info;
    }
}
