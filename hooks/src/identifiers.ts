import type { DataType } from "./emit.js";
import type { Call, HookSpec } from "./hooking.js";

function identifier(api: string, dataType: DataType): HookSpec {
  return { api, kind: "data", dataType };
}

const TELEPHONY = "android.telephony.TelephonyManager";
const WIFI_INFO = "android.net.wifi.WifiInfo";

// Settings.Secure.getString serves every secure setting; only the Android ID is personal data.
function readsAndroidId(call: Call): boolean {
  return call.args[1] === "android_id";
}

export const identifierHooks: readonly HookSpec[] = [
  identifier(`${TELEPHONY}.getDeviceId`, "device_id"),
  identifier(`${TELEPHONY}.getImei`, "device_id"),
  identifier(`${TELEPHONY}.getSubscriberId`, "device_id"),
  identifier(`${TELEPHONY}.getSimSerialNumber`, "device_id"),
  identifier(`${TELEPHONY}.getLine1Number`, "phone_number"),
  {
    ...identifier("android.provider.Settings.Secure.getString", "device_id"),
    classes: ["android.provider.Settings$Secure"],
    when: readsAndroidId,
  },
  identifier(`${WIFI_INFO}.getMacAddress`, "mac_address"),
  identifier(`${WIFI_INFO}.getSSID`, "wifi"),
  identifier(`${WIFI_INFO}.getBSSID`, "wifi"),
  identifier("android.os.Build.getSerial", "device_id"),
];
