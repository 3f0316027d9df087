package android.telephony;

/** One cell seen by the modem (frameworks/base/telephony/java/android/telephony/CellInfo.java). */
public abstract class CellInfo {
    public static final int CONNECTION_NONE = 0;
    public static final int CONNECTION_PRIMARY_SERVING = 1;
    public static final int CONNECTION_SECONDARY_SERVING = 2;
    public static final int CONNECTION_UNKNOWN = Integer.MAX_VALUE;

    private final boolean mRegistered;

    CellInfo(boolean registered) {
        mRegistered = registered;
    }

    public boolean isRegistered() {
        return mRegistered;
    }

    public int getCellConnectionStatus() {
        return mRegistered ? CONNECTION_PRIMARY_SERVING : CONNECTION_NONE;
    }

    public abstract CellIdentity getCellIdentity();

    public abstract CellSignalStrength getCellSignalStrength();
}
