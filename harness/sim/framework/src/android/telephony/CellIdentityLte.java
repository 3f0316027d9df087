package android.telephony;

/** An LTE cell: CI (28 bits), PCI, TAC, EARFCN. */
public final class CellIdentityLte extends CellIdentity {
    private final int mCi;
    private final int mPci;
    private final int mTac;
    private final int mEarfcn;

    CellIdentityLte(int ci, int pci, int tac, int earfcn, String mcc, String mnc) {
        super(mcc, mnc);
        mCi = ci;
        mPci = pci;
        mTac = tac;
        mEarfcn = earfcn;
    }

    public int getCi() {
        return mCi;
    }

    public int getPci() {
        return mPci;
    }

    public int getTac() {
        return mTac;
    }

    public int getEarfcn() {
        return mEarfcn;
    }

    @Deprecated
    public int getMcc() {
        return getMccString() == null ? Integer.MAX_VALUE : Integer.parseInt(getMccString());
    }

    @Deprecated
    public int getMnc() {
        return getMncString() == null ? Integer.MAX_VALUE : Integer.parseInt(getMncString());
    }

    @Override
    public String toString() {
        return "CellIdentityLte:{ mCi=" + mCi + " mPci=" + mPci + " mTac=" + mTac + " mEarfcn=" + mEarfcn
                + " mMcc=" + getMccString() + " mMnc=" + getMncString() + "}";
    }
}
