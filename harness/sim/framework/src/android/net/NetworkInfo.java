package android.net;

/** Deprecated description of the active network; the sim is on Wi-Fi. */
@Deprecated
public class NetworkInfo {
    private final int mType;
    private final String mExtraInfo;

    NetworkInfo(int type, String extraInfo) {
        mType = type;
        mExtraInfo = extraInfo;
    }

    public int getType() {
        return mType;
    }

    public String getTypeName() {
        return mType == ConnectivityManager.TYPE_WIFI ? "WIFI" : "MOBILE";
    }

    public int getSubtype() {
        return 0;
    }

    public String getExtraInfo() {
        return mExtraInfo;
    }

    public boolean isAvailable() {
        return true;
    }

    public boolean isConnected() {
        return true;
    }

    public boolean isConnectedOrConnecting() {
        return true;
    }
}
