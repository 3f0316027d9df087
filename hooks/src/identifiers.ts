import type { DataType } from "./emit.js";
import type { Call, HookSpec } from "./hooking.js";
import { watchIdentifierListener } from "./oaid.js";

function identifier(api: string, dataType: DataType): HookSpec {
  return { api, kind: "data", dataType };
}

const TELEPHONY = "android.telephony.TelephonyManager";
const WIFI_INFO = "android.net.wifi.WifiInfo";

// Settings.*.getString serves every setting; only the Android ID is personal data. On Android,
// Settings.System.getString of a setting moved to Secure and Secure.getString both end in
// Secure.getStringForUser (frameworks/base/core/java/android/provider/Settings.java): one group.
function readsAndroidId(call: Call): boolean {
  return call.args[1] === "android_id";
}

function androidId(api: string, holder: string): HookSpec {
  return {
    ...identifier(api, "device_id"),
    classes: [holder],
    when: readsAndroidId,
    group: "settings.android_id",
  };
}

// MediaDrm.getPropertyByteArray(PROPERTY_DEVICE_UNIQUE_ID): the Widevine device id, stable per device.
function readsDrmDeviceId(call: Call): boolean {
  return call.args[0] === "deviceUniqueId";
}

// The id as hex, as SDKs send it (a byte[] arrives as a JS array of signed bytes).
function hexOfBytes(result: unknown): string | null {
  if (result === null || result === undefined) {
    return null;
  }
  const bytes = Array.from(result as ArrayLike<number>);
  return bytes.map((b) => (b & 0xff).toString(16).padStart(2, "0")).join("");
}

// android.os.SystemProperties (hidden, reached by reflection): serial-number properties only.
const SERIAL_PROPERTIES: ReadonlySet<unknown> = new Set(["ro.serialno", "ro.boot.serialno", "ril.serialnumber"]);

function advertisingId(api: string): HookSpec {
  return { api, kind: "data", dataType: "advertising_id", optional: true, group: "advertising_id" };
}

export const identifierHooks: readonly HookSpec[] = [
  identifier(`${TELEPHONY}.getDeviceId`, "device_id"),
  identifier(`${TELEPHONY}.getImei`, "device_id"),
  identifier(`${TELEPHONY}.getSubscriberId`, "device_id"),
  identifier(`${TELEPHONY}.getSimSerialNumber`, "device_id"),
  identifier(`${TELEPHONY}.getLine1Number`, "phone_number"),
  androidId("android.provider.Settings.Secure.getString", "android.provider.Settings$Secure"),
  androidId("android.provider.Settings.Secure.getStringForUser", "android.provider.Settings$Secure"),
  androidId("android.provider.Settings.System.getString", "android.provider.Settings$System"),
  androidId("android.provider.Settings.System.getStringForUser", "android.provider.Settings$System"),
  identifier(`${WIFI_INFO}.getMacAddress`, "mac_address"),
  identifier(`${WIFI_INFO}.getSSID`, "wifi"),
  identifier(`${WIFI_INFO}.getBSSID`, "wifi"),
  identifier("android.os.Build.getSerial", "device_id"),
  {
    ...identifier("android.os.SystemProperties.get", "device_id"),
    when: (call) => SERIAL_PROPERTIES.has(call.args[0]),
  },
  identifier("android.app.admin.DevicePolicyManager.getWifiMacAddress", "mac_address"),
  {
    ...identifier("android.media.MediaDrm.getPropertyByteArray", "device_id"),
    when: readsDrmDeviceId,
    describeValue: hexOfBytes,
  },
  // Google Play services: com.google.android.gms:play-services-ads-identifier.
  advertisingId("com.google.android.gms.ads.identifier.AdvertisingIdClient.getAdvertisingIdInfo"),
  {
    ...advertisingId("com.google.android.gms.ads.identifier.AdvertisingIdClient.Info.getId"),
    classes: ["com.google.android.gms.ads.identifier.AdvertisingIdClient$Info"],
  },
  // Huawei HMS ads identifier (OAID on Huawei/Honor).
  {
    ...advertisingId("com.huawei.hms.ads.identifier.AdvertisingIdClient.Info.getId"),
    classes: ["com.huawei.hms.ads.identifier.AdvertisingIdClient$Info"],
  },
  // MSA (移动安全联盟) OAID SDK: the entry every Chinese SDK calls is the request; the ids it then
  // hands over through IdSupplier are recorded by the hooks oaid.ts puts on the listener passed here.
  { ...advertisingId("com.bun.miitmdid.core.MdidSdkHelper.InitSdk"), onCall: watchIdentifierListener },
  { ...advertisingId("com.bun.miitmdid.core.MdidSdk.InitSdk"), onCall: watchIdentifierListener },
  // Xiaomi MIUI system identifier provider (reached by reflection).
  advertisingId("com.android.id.impl.IdProviderImpl.getOAID"),
  advertisingId("com.android.id.impl.IdProviderImpl.getVAID"),
  advertisingId("com.android.id.impl.IdProviderImpl.getAAID"),
  advertisingId("com.android.id.impl.IdProviderImpl.getUDID"),
  // Samsung device id service (AIDL proxy), as shipped and as repackaged by the MSA SDK: the OAID
  // and the per-developer (VAID) and per-app (AAID) ids.
  ...["getOAID", "getVAID", "getAAID"].map(
    (method): HookSpec => ({
      ...advertisingId(`com.samsung.android.deviceidservice.IDeviceIdService.Stub.Proxy.${method}`),
      classes: [
        "com.samsung.android.deviceidservice.IDeviceIdService$Stub$Proxy",
        "repeackage.com.samsung.android.deviceidservice.IDeviceIdService$Stub$Proxy",
      ],
    }),
  ),
  // OPPO/OnePlus/realme HeyTap OpenID (AIDL proxy).
  {
    ...advertisingId("com.heytap.openid.IOpenID.Stub.Proxy.getSerID"),
    classes: ["com.heytap.openid.IOpenID$Stub$Proxy", "repeackage.com.heytap.openid.IOpenID$Stub$Proxy"],
  },
];
