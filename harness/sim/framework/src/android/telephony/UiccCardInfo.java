package android.telephony;

/** A UICC card (API 29). Its ICCID is only handed to privileged callers. */
public final class UiccCardInfo {
    private final String mIccId;
    private final int mSlotIndex;

    UiccCardInfo(String iccId, int slotIndex) {
        mIccId = iccId;
        mSlotIndex = slotIndex;
    }

    @Deprecated
    public String getIccId() {
        return mIccId;
    }

    public int getSlotIndex() {
        return mSlotIndex;
    }

    public boolean isRemovable() {
        return true;
    }
}
