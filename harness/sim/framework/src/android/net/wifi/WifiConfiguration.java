package android.net.wifi;

/** A saved Wi-Fi network. */
@Deprecated
public class WifiConfiguration {
    public int networkId;
    public String SSID;
    public String BSSID;

    public WifiConfiguration() {
        networkId = -1;
    }
}
