package android.telephony;

/** Abstract cell location (frameworks/base/telephony/java/android/telephony/CellLocation.java). */
public abstract class CellLocation {
    @Deprecated
    public static void requestLocationUpdate() {
    }
}
