package android.net.wifi;

import com.privacyprobe.sim.Permissions;
import com.privacyprobe.sim.SimRuntime;

public class WifiInfo {
    public static final String LINK_SPEED_UNITS = "Mbps";
    public static final String FREQUENCY_UNITS = "MHz";
    private static final String UNKNOWN_SSID = "<unknown ssid>";
    private static final String DEFAULT_MAC = "02:00:00:00:00:00";

    WifiInfo() {
    }

    private static boolean locationGranted() {
        return Permissions.anyGranted(Permissions.ACCESS_FINE_LOCATION, Permissions.ACCESS_COARSE_LOCATION);
    }

    public String getSSID() {
        String ssid = SimRuntime.profileValue("ssid", "");
        return locationGranted() && !ssid.isEmpty() ? "\"" + ssid + "\"" : UNKNOWN_SSID;
    }

    public String getBSSID() {
        return locationGranted() ? SimRuntime.profileValue("bssid", DEFAULT_MAC) : DEFAULT_MAC;
    }

    public String getMacAddress() {
        return SimRuntime.profileValue("mac_address", DEFAULT_MAC);
    }

    /** 192.168.1.23, little-endian as Android packs it. */
    static final int IP_ADDRESS = (23 << 24) | (1 << 16) | (168 << 8) | 192;

    public int getIpAddress() {
        return IP_ADDRESS;
    }

    public int getRssi() {
        return -55;
    }

    public int getLinkSpeed() {
        return 433;
    }

    public int getFrequency() {
        return 5180;
    }

    public int getNetworkId() {
        return locationGranted() ? 1 : -1;
    }

    public boolean getHiddenSSID() {
        return false;
    }

    @Override
    public String toString() {
        return "SSID: " + getSSID() + ", BSSID: " + getBSSID() + ", MAC: " + getMacAddress() + ", RSSI: " + getRssi()
                + ", Link speed: " + getLinkSpeed() + LINK_SPEED_UNITS + ", Frequency: " + getFrequency()
                + FREQUENCY_UNITS + ", Net ID: " + getNetworkId();
    }
}
