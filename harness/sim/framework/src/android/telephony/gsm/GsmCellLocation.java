package android.telephony.gsm;

import android.telephony.CellLocation;

/** GSM/UMTS/LTE cell location: LAC (TAC on LTE) and cell id, -1 when unknown. */
public class GsmCellLocation extends CellLocation {
    private int mLac;
    private int mCid;
    private int mPsc;

    public GsmCellLocation() {
        mLac = -1;
        mCid = -1;
        mPsc = -1;
    }

    public int getLac() {
        return mLac;
    }

    public int getCid() {
        return mCid;
    }

    public int getPsc() {
        return mPsc;
    }

    public void setLacAndCid(int lac, int cid) {
        mLac = lac;
        mCid = cid;
    }

    @Override
    public String toString() {
        return "[" + mLac + "," + mCid + "," + mPsc + "]";
    }
}
