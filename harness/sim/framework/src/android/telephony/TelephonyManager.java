package android.telephony;

import android.content.Context;
import com.privacyprobe.sim.DeviceIdentifiers;
import com.privacyprobe.sim.Permissions;
import com.privacyprobe.sim.SimRuntime;

public class TelephonyManager {
    public static final int PHONE_TYPE_NONE = 0;
    public static final int PHONE_TYPE_GSM = 1;
    public static final int PHONE_TYPE_CDMA = 2;
    public static final int SIM_STATE_UNKNOWN = 0;
    public static final int SIM_STATE_ABSENT = 1;
    public static final int SIM_STATE_READY = 5;
    public static final int NETWORK_TYPE_UNKNOWN = 0;
    public static final int NETWORK_TYPE_LTE = 13;
    public static final int NETWORK_TYPE_NR = 20;
    public static final int DATA_DISCONNECTED = 0;
    public static final int DATA_CONNECTED = 2;
    public static final int CALL_STATE_IDLE = 0;

    private final Context mContext;

    public TelephonyManager(Context context) {
        mContext = context;
    }

    private static String imsi() {
        return SimRuntime.profileValue("imsi", "");
    }

    @Deprecated
    public String getDeviceId() {
        if (!DeviceIdentifiers.readable("getDeviceId")) {
            return null;
        }
        return SimRuntime.profileValue("imei", null);
    }

    @Deprecated
    public String getDeviceId(int slotIndex) {
        if (!DeviceIdentifiers.readable("getDeviceId")) {
            return null;
        }
        return slotIndex == 0 ? SimRuntime.profileValue("imei", null) : null;
    }

    public String getImei() {
        if (!DeviceIdentifiers.readable("getImei")) {
            return null;
        }
        return SimRuntime.profileValue("imei", null);
    }

    public String getImei(int slotIndex) {
        if (!DeviceIdentifiers.readable("getImei")) {
            return null;
        }
        return slotIndex == 0 ? SimRuntime.profileValue("imei", null) : null;
    }

    public String getSubscriberId() {
        if (!DeviceIdentifiers.readable("getSubscriberId")) {
            return null;
        }
        return SimRuntime.profileValue("imsi", null);
    }

    public String getSimSerialNumber() {
        if (!DeviceIdentifiers.readable("getSimSerialNumber")) {
            return null;
        }
        return SimRuntime.profileValue("sim_serial", null);
    }

    public String getLine1Number() {
        Permissions.enforce("getLine1Number", Permissions.READ_PHONE_STATE, Permissions.READ_PHONE_NUMBERS,
                Permissions.READ_SMS);
        return SimRuntime.profileValue("phone_number", null);
    }

    public String getDeviceSoftwareVersion() {
        Permissions.enforce("getDeviceSoftwareVersion", Permissions.READ_PHONE_STATE);
        return "01";
    }

    public String getSimOperator() {
        return simOperator();
    }

    private static String simOperator() {
        String imsi = imsi();
        return imsi.length() >= 5 ? imsi.substring(0, 5) : "";
    }

    public String getSimOperatorName() {
        return operatorName(getSimOperator());
    }

    public String getNetworkOperator() {
        return getSimOperator();
    }

    public String getNetworkOperatorName() {
        return operatorName(getNetworkOperator());
    }

    private static String operatorName(String mccMnc) {
        switch (mccMnc) {
            case "46000":
            case "46002":
            case "46007":
                return "China Mobile";
            case "46001":
            case "46006":
                return "China Unicom";
            case "46003":
            case "46011":
                return "China Telecom";
            default:
                return "Carrier";
        }
    }

    public String getSimCountryIso() {
        return getSimOperator().startsWith("460") ? "cn" : "us";
    }

    public String getNetworkCountryIso() {
        return getSimCountryIso();
    }

    public int getPhoneType() {
        return PHONE_TYPE_GSM;
    }

    public int getSimState() {
        return SIM_STATE_READY;
    }

    public int getNetworkType() {
        return NETWORK_TYPE_LTE;
    }

    public int getDataNetworkType() {
        Permissions.enforce("getDataNetworkType", Permissions.READ_PHONE_STATE);
        return NETWORK_TYPE_LTE;
    }

    public int getDataState() {
        return DATA_CONNECTED;
    }

    public int getCallState() {
        return CALL_STATE_IDLE;
    }

    public int getPhoneCount() {
        return 1;
    }

    public boolean hasIccCard() {
        return true;
    }

    public boolean isNetworkRoaming() {
        return false;
    }

    // The MEID follows the IMEI's rule (DeviceIdentifiers: refused from targetSdk 29, else needs
    // READ_PHONE_STATE); the simulated phone is GSM-only, so it has none.
    public String getMeid() {
        DeviceIdentifiers.readable("getMeid");
        return null;
    }

    public String getMeid(int slotIndex) {
        return getMeid();
    }

    public String getVoiceMailNumber() {
        Permissions.enforce("getVoiceMailNumber", Permissions.READ_PHONE_STATE);
        return SimRuntime.profileValue("voicemail_number", null);
    }

    // Cell data is location: ACCESS_FINE_LOCATION for apps targeting 29+, else a SecurityException
    // (TelephonyManager @RequiresPermission(ACCESS_FINE_LOCATION); telephony
    // LocationAccessPolicy.checkLocationPermission, DENIED_HARD when the permission is not held).
    private static void enforceCellLocation(String method) {
        if (SimRuntime.targetSdk() >= 29) {
            Permissions.enforce(method, Permissions.ACCESS_FINE_LOCATION);
        } else {
            Permissions.enforce(method, Permissions.ACCESS_FINE_LOCATION, Permissions.ACCESS_COARSE_LOCATION);
        }
    }

    // Framework code reads the SIM through its own helpers, never through the app-facing getters.
    private CellInfoLte servingCell() {
        String operator = simOperator();
        String mcc = operator.length() >= 3 ? operator.substring(0, 3) : null;
        String mnc = operator.length() >= 5 ? operator.substring(3) : null;
        CellIdentityLte identity = new CellIdentityLte((int) SimRuntime.profileLong("cell_ci", Integer.MAX_VALUE), 301,
                (int) SimRuntime.profileLong("cell_tac", Integer.MAX_VALUE), 1850, mcc, mnc);
        return new CellInfoLte(true, identity, new CellSignalStrengthLte(-97, -10));
    }

    @Deprecated
    public CellLocation getCellLocation() {
        enforceCellLocation("getCellLocation");
        android.telephony.gsm.GsmCellLocation location = new android.telephony.gsm.GsmCellLocation();
        CellIdentityLte identity = servingCell().getCellIdentity();
        location.setLacAndCid(identity.getTac(), identity.getCi());
        return location;
    }

    public java.util.List<CellInfo> getAllCellInfo() {
        enforceCellLocation("getAllCellInfo");
        java.util.List<CellInfo> cells = new java.util.ArrayList<>();
        cells.add(servingCell());
        return cells;
    }

    /** API 29: the callback runs on the executor with fresh cell info. */
    public abstract static class CellInfoCallback {
        public static final int ERROR_TIMEOUT = 1;
        public static final int ERROR_MODEM_ERROR = 2;

        public abstract void onCellInfo(java.util.List<CellInfo> cellInfo);

        public void onError(int errorCode, Throwable detail) {
        }
    }

    public void requestCellInfoUpdate(java.util.concurrent.Executor executor, CellInfoCallback callback) {
        java.util.List<CellInfo> cells = getAllCellInfo();
        executor.execute(() -> callback.onCellInfo(cells));
    }

    /** API 26: READ_PHONE_STATE (or READ_BASIC_PHONE_STATE from API 33); location fields need location too. */
    public ServiceState getServiceState() {
        Permissions.enforce("getServiceState", Permissions.READ_PHONE_STATE);
        return new ServiceState(operatorName(simOperator()), simOperator());
    }

    /**
     * API 29: the first 8 digits of the IMEI (the model's Type Allocation Code), readable without
     * any permission (developer.android.com/reference/android/telephony/TelephonyManager#getTypeAllocationCode()).
     */
    public String getTypeAllocationCode() {
        String imei = SimRuntime.profileValue("imei", "");
        return imei.length() >= 8 ? imei.substring(0, 8) : null;
    }

    /** API 29: the MEID's manufacturer code; a GSM-only phone has none. */
    public String getManufacturerCode() {
        return null;
    }

    /** GID1 of the SIM (identifies an MVNO): READ_PHONE_STATE. */
    public String getGroupIdLevel1() {
        Permissions.enforce("getGroupIdLevel1", Permissions.READ_PHONE_STATE);
        return "ff";
    }

    /** API 28: the carrier's id in the Android carrier database (carrier_list.textpb), no permission. */
    public int getSimCarrierId() {
        switch (simOperator()) {
            case "46000":
                return 1435; // China Mobile
            case "46001":
                return 1436; // China Unicom
            default:
                return -1; // UNKNOWN_CARRIER_ID
        }
    }

    public CharSequence getSimCarrierIdName() {
        return getSimCarrierId() == -1 ? null : operatorName(simOperator());
    }

    /** API 29: READ_PRIVILEGED_PHONE_STATE, which no installed app holds. */
    public java.util.List<UiccCardInfo> getUiccCardsInfo() {
        throw new SecurityException("getUiccCardsInfo: requires android.permission.READ_PRIVILEGED_PHONE_STATE");
    }
}
