package android.telephony;

/** The serving network's state (frameworks/base/telephony/java/android/telephony/ServiceState.java). */
public class ServiceState {
    public static final int STATE_IN_SERVICE = 0;
    public static final int STATE_OUT_OF_SERVICE = 1;

    private final String mOperatorAlphaLong;
    private final String mOperatorNumeric;

    ServiceState(String operatorAlphaLong, String operatorNumeric) {
        mOperatorAlphaLong = operatorAlphaLong;
        mOperatorNumeric = operatorNumeric;
    }

    public int getState() {
        return STATE_IN_SERVICE;
    }

    public String getOperatorAlphaLong() {
        return mOperatorAlphaLong;
    }

    public String getOperatorNumeric() {
        return mOperatorNumeric;
    }

    public boolean getRoaming() {
        return false;
    }

    @Override
    public String toString() {
        return "{mVoiceRegState=0(IN_SERVICE), mOperatorAlphaLong=" + mOperatorAlphaLong + ", mOperatorNumeric="
                + mOperatorNumeric + "}";
    }
}
