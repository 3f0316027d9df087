package android.telephony;

/** Identity of a cell (frameworks/base/telephony/java/android/telephony/CellIdentity.java). */
public abstract class CellIdentity {
    private final String mMccStr;
    private final String mMncStr;

    CellIdentity(String mcc, String mnc) {
        mMccStr = mcc;
        mMncStr = mnc;
    }

    public String getMccString() {
        return mMccStr;
    }

    public String getMncString() {
        return mMncStr;
    }

    public CharSequence getOperatorAlphaLong() {
        return null;
    }
}
