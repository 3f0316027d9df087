package android.telephony;

/** An LTE cell with its identity and signal strength. */
public final class CellInfoLte extends CellInfo {
    private final CellIdentityLte mIdentity;
    private final CellSignalStrengthLte mSignal;

    CellInfoLte(boolean registered, CellIdentityLte identity, CellSignalStrengthLte signal) {
        super(registered);
        mIdentity = identity;
        mSignal = signal;
    }

    @Override
    public CellIdentityLte getCellIdentity() {
        return mIdentity;
    }

    @Override
    public CellSignalStrengthLte getCellSignalStrength() {
        return mSignal;
    }

    @Override
    public String toString() {
        return "CellInfoLte:{ mRegistered=" + (isRegistered() ? "YES" : "NO") + " " + mIdentity + " rsrp="
                + mSignal.getRsrp() + "}";
    }
}
