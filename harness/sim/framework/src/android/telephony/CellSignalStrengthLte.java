package android.telephony;

/** LTE signal strength: RSRP (dBm), RSRQ, level 0-4. */
public final class CellSignalStrengthLte extends CellSignalStrength {
    private final int mRsrp;
    private final int mRsrq;

    CellSignalStrengthLte(int rsrp, int rsrq) {
        mRsrp = rsrp;
        mRsrq = rsrq;
    }

    @Override
    public int getLevel() {
        return mRsrp >= -95 ? 4 : mRsrp >= -105 ? 3 : mRsrp >= -115 ? 2 : 1;
    }

    @Override
    public int getDbm() {
        return mRsrp;
    }

    @Override
    public int getAsuLevel() {
        return mRsrp + 140;
    }

    public int getRsrp() {
        return mRsrp;
    }

    public int getRsrq() {
        return mRsrq;
    }
}
