package android.hardware;

public final class Sensor {
    public static final int TYPE_ALL = -1;
    public static final int TYPE_ACCELEROMETER = 1;
    public static final int TYPE_MAGNETIC_FIELD = 2;
    @Deprecated
    public static final int TYPE_ORIENTATION = 3;
    public static final int TYPE_GYROSCOPE = 4;
    public static final int TYPE_LIGHT = 5;
    public static final int TYPE_PRESSURE = 6;
    public static final int TYPE_PROXIMITY = 8;
    public static final int TYPE_GRAVITY = 9;
    public static final int TYPE_LINEAR_ACCELERATION = 10;
    public static final int TYPE_ROTATION_VECTOR = 11;
    public static final int TYPE_RELATIVE_HUMIDITY = 12;
    public static final int TYPE_AMBIENT_TEMPERATURE = 13;
    public static final int TYPE_GAME_ROTATION_VECTOR = 15;
    public static final int TYPE_SIGNIFICANT_MOTION = 17;
    public static final int TYPE_STEP_DETECTOR = 18;
    public static final int TYPE_STEP_COUNTER = 19;
    public static final int TYPE_HEART_RATE = 21;
    public static final String STRING_TYPE_ACCELEROMETER = "android.sensor.accelerometer";
    public static final String STRING_TYPE_GYROSCOPE = "android.sensor.gyroscope";
    public static final int REPORTING_MODE_CONTINUOUS = 0;
    public static final int REPORTING_MODE_ON_CHANGE = 1;

    private final int mType;
    private final String mName;
    private final String mVendor;
    private final String mStringType;
    private final float mMaxRange;
    private final float mResolution;
    private final float mPower;
    private final int mMinDelay;

    Sensor(int type, String name, String vendor, String stringType, float maxRange, float resolution, float power,
            int minDelay) {
        mType = type;
        mName = name;
        mVendor = vendor;
        mStringType = stringType;
        mMaxRange = maxRange;
        mResolution = resolution;
        mPower = power;
        mMinDelay = minDelay;
    }

    public int getType() {
        return mType;
    }

    public String getName() {
        return mName;
    }

    public String getVendor() {
        return mVendor;
    }

    public String getStringType() {
        return mStringType;
    }

    public int getVersion() {
        return 1;
    }

    public float getMaximumRange() {
        return mMaxRange;
    }

    public float getResolution() {
        return mResolution;
    }

    public float getPower() {
        return mPower;
    }

    public int getMinDelay() {
        return mMinDelay;
    }

    public int getMaxDelay() {
        return 1_000_000;
    }

    public int getReportingMode() {
        return mType == TYPE_LIGHT || mType == TYPE_PROXIMITY || mType == TYPE_STEP_COUNTER ? REPORTING_MODE_ON_CHANGE
                : REPORTING_MODE_CONTINUOUS;
    }

    public boolean isWakeUpSensor() {
        return false;
    }

    @Override
    public String toString() {
        return "{Sensor name=\"" + mName + "\", vendor=\"" + mVendor + "\", version=1, type=" + mType + ", maxRange="
                + mMaxRange + ", resolution=" + mResolution + ", power=" + mPower + ", minDelay=" + mMinDelay + "}";
    }
}
