package android.net.wifi;

/** One access point from the last Wi-Fi scan (public fields, as on Android). */
public class ScanResult {
    public String SSID;
    public String BSSID;
    public String capabilities;
    public int level;
    public int frequency;
    public long timestamp;

    public ScanResult() {
    }

    @Override
    public String toString() {
        return "SSID: " + SSID + ", BSSID: " + BSSID + ", capabilities: " + capabilities + ", level: " + level
                + ", frequency: " + frequency;
    }
}
