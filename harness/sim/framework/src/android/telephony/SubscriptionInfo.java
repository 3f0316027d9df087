package android.telephony;

/** One active subscription (SIM) as SubscriptionManager lists it. */
public class SubscriptionInfo {
    private final String mIccId;
    private final String mNumber;

    SubscriptionInfo(String iccId, String number) {
        mIccId = iccId;
        mNumber = number;
    }

    public String getIccId() {
        return mIccId;
    }

    @Deprecated
    public String getNumber() {
        return mNumber;
    }

    public int getSimSlotIndex() {
        return 0;
    }
}
