package android.location;

public class Criteria {
    public static final int NO_REQUIREMENT = 0;
    public static final int POWER_LOW = 1;
    public static final int POWER_MEDIUM = 2;
    public static final int POWER_HIGH = 3;
    public static final int ACCURACY_FINE = 1;
    public static final int ACCURACY_COARSE = 2;

    private int mAccuracy = NO_REQUIREMENT;
    private int mPowerRequirement = NO_REQUIREMENT;

    public void setAccuracy(int accuracy) {
        mAccuracy = accuracy;
    }

    public int getAccuracy() {
        return mAccuracy;
    }

    public void setPowerRequirement(int level) {
        mPowerRequirement = level;
    }

    public int getPowerRequirement() {
        return mPowerRequirement;
    }
}
