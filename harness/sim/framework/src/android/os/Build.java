package android.os;

import com.privacyprobe.sim.DeviceIdentifiers;
import com.privacyprobe.sim.SimRuntime;

public class Build {
    public static final String UNKNOWN = "unknown";
    public static final String MODEL = SimRuntime.profileValue("model", "Pixel 6");
    public static final String MANUFACTURER = "Google";
    public static final String BRAND = "google";
    public static final String DEVICE = "oriole";
    public static final String PRODUCT = "oriole";
    public static final String BOARD = "oriole";
    public static final String HARDWARE = "oriole";
    public static final String BOOTLOADER = "slider-1.0-7683913";
    public static final String ID = "PQ3A.190801.002";
    public static final String DISPLAY = "PQ3A.190801.002";
    public static final String HOST = "abfarm-01371";
    public static final String USER = "android-build";
    public static final String TAGS = "release-keys";
    public static final String TYPE = "user";
    public static final String FINGERPRINT = BRAND + "/" + PRODUCT + "/" + DEVICE + ":" + VERSION.RELEASE + "/" + ID + "/5670241:user/release-keys";
    public static final long TIME = 1_564_617_600_000L;
    @Deprecated
    public static final String SERIAL = UNKNOWN;
    public static final String[] SUPPORTED_ABIS = {"arm64-v8a", "armeabi-v7a", "armeabi"};
    public static final String[] SUPPORTED_64_BIT_ABIS = {"arm64-v8a"};
    public static final String[] SUPPORTED_32_BIT_ABIS = {"armeabi-v7a", "armeabi"};
    @Deprecated
    public static final String CPU_ABI = "arm64-v8a";
    @Deprecated
    public static final String CPU_ABI2 = "";

    public static String getSerial() {
        if (!DeviceIdentifiers.readable("getSerial")) {
            return UNKNOWN; // DeviceIdentifiersPolicyService.getSerialForPackage's placeholder
        }
        return SimRuntime.profileValue("serial", UNKNOWN);
    }

    public static String getRadioVersion() {
        return "g5123b-97927-220225-B-8286121";
    }

    public static class VERSION {
        public static final int SDK_INT = SimRuntime.apiLevel();
        public static final String RELEASE = DeviceIdentifiers.release(SDK_INT);
        @Deprecated
        public static final String SDK = Integer.toString(SDK_INT);
        public static final String CODENAME = "REL";
        public static final String INCREMENTAL = "5670241";
        public static final String SECURITY_PATCH = "2019-08-05";
        public static final String BASE_OS = "";
        public static final int PREVIEW_SDK_INT = 0;
    }

    public static class VERSION_CODES {
        public static final int CUR_DEVELOPMENT = 10000;
        public static final int BASE = 1;
        public static final int BASE_1_1 = 2;
        public static final int CUPCAKE = 3;
        public static final int DONUT = 4;
        public static final int ECLAIR = 5;
        public static final int ECLAIR_0_1 = 6;
        public static final int ECLAIR_MR1 = 7;
        public static final int FROYO = 8;
        public static final int GINGERBREAD = 9;
        public static final int GINGERBREAD_MR1 = 10;
        public static final int HONEYCOMB = 11;
        public static final int HONEYCOMB_MR1 = 12;
        public static final int HONEYCOMB_MR2 = 13;
        public static final int ICE_CREAM_SANDWICH = 14;
        public static final int ICE_CREAM_SANDWICH_MR1 = 15;
        public static final int JELLY_BEAN = 16;
        public static final int JELLY_BEAN_MR1 = 17;
        public static final int JELLY_BEAN_MR2 = 18;
        public static final int KITKAT = 19;
        public static final int KITKAT_WATCH = 20;
        public static final int LOLLIPOP = 21;
        public static final int LOLLIPOP_MR1 = 22;
        public static final int M = 23;
        public static final int N = 24;
        public static final int N_MR1 = 25;
        public static final int O = 26;
        public static final int O_MR1 = 27;
        public static final int P = 28;
        public static final int Q = 29;
        public static final int R = 30;
        public static final int S = 31;
        public static final int S_V2 = 32;
        public static final int TIRAMISU = 33;
        public static final int UPSIDE_DOWN_CAKE = 34;
    }
}
