package android.net;

import android.content.Context;
import com.privacyprobe.sim.Permissions;

/**
 * Network state; every query needs the normal permission ACCESS_NETWORK_STATE
 * (@RequiresPermission(ACCESS_NETWORK_STATE) on getActiveNetwork/getActiveNetworkInfo/getNetworkCapabilities).
 * The sim is always on Wi-Fi; it reports no extra info (the SSID is served by WifiInfo only).
 */
public class ConnectivityManager {
    public static final int TYPE_MOBILE = 0;
    public static final int TYPE_WIFI = 1;
    public static final String CONNECTIVITY_ACTION = "android.net.conn.CONNECTIVITY_CHANGE";
    private static final String ACCESS_NETWORK_STATE = "android.permission.ACCESS_NETWORK_STATE";
    private static final Network WIFI = new Network(100);
    private final Context mContext;

    /** @hide on Android (constructed by the system service registry). */
    public ConnectivityManager(Context context) {
        mContext = context;
    }

    public Network getActiveNetwork() {
        Permissions.enforce("getActiveNetwork", ACCESS_NETWORK_STATE);
        return WIFI;
    }

    @Deprecated
    public NetworkInfo getActiveNetworkInfo() {
        Permissions.enforce("getActiveNetworkInfo", ACCESS_NETWORK_STATE);
        return new NetworkInfo(TYPE_WIFI, null);
    }

    public NetworkCapabilities getNetworkCapabilities(Network network) {
        Permissions.enforce("getNetworkCapabilities", ACCESS_NETWORK_STATE);
        return WIFI.equals(network) ? new NetworkCapabilities() : null;
    }

    public boolean isActiveNetworkMetered() {
        Permissions.enforce("isActiveNetworkMetered", ACCESS_NETWORK_STATE);
        return false;
    }
}
