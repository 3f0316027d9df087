// Telephony beyond the device identifiers: carrier, cell and base-station data, SMS sending, SIM cards.

import type { DataType } from "./emit.js";
import type { HookSpec } from "./hooking.js";

const TELEPHONY = "android.telephony.TelephonyManager";
const SMS_MANAGER = "android.telephony.SmsManager";

function read(api: string, dataType: DataType, group?: string): HookSpec {
  return group === undefined ? { api, kind: "data", dataType } : { api, kind: "data", dataType, group };
}

// getSimOperatorName calls getSimOperator inside the framework: one read, recorded once.
const CARRIER = "telephony.carrier";
const CELL = "telephony.cell";
const SMS_SEND = "telephony.sms_send";

export const phoneHooks: readonly HookSpec[] = [
  read(`${TELEPHONY}.getMeid`, "device_id"),
  // The IMEI's first 8 digits need no permission at all: a partial device id.
  read(`${TELEPHONY}.getTypeAllocationCode`, "device_id"),
  read(`${TELEPHONY}.getManufacturerCode`, "device_id"),
  read(`${TELEPHONY}.getGroupIdLevel1`, "carrier", CARRIER),
  read(`${TELEPHONY}.getSimCarrierId`, "carrier", CARRIER),
  read(`${TELEPHONY}.getSimCarrierIdName`, "carrier", CARRIER),
  read(`${TELEPHONY}.getVoiceMailNumber`, "phone_number"),
  read(`${TELEPHONY}.getSimOperator`, "carrier", CARRIER),
  read(`${TELEPHONY}.getSimOperatorName`, "carrier", CARRIER),
  read(`${TELEPHONY}.getNetworkOperator`, "carrier", CARRIER),
  read(`${TELEPHONY}.getNetworkOperatorName`, "carrier", CARRIER),
  read(`${TELEPHONY}.getSimCountryIso`, "carrier", CARRIER),
  read(`${TELEPHONY}.getNetworkCountryIso`, "carrier", CARRIER),
  read(`${TELEPHONY}.getCellLocation`, "cell_info", CELL),
  read(`${TELEPHONY}.getAllCellInfo`, "cell_info", CELL),
  read(`${TELEPHONY}.requestCellInfoUpdate`, "cell_info", CELL),
  read(`${TELEPHONY}.getServiceState`, "cell_info", CELL),
  read("android.telephony.gsm.GsmCellLocation.getCid", "cell_info", CELL),
  read("android.telephony.gsm.GsmCellLocation.getLac", "cell_info", CELL),
  read("android.telephony.cdma.CdmaCellLocation.getBaseStationId", "cell_info", CELL),
  read("android.telephony.cdma.CdmaCellLocation.getNetworkId", "cell_info", CELL),
  read("android.telephony.UiccCardInfo.getIccId", "device_id"),
  read("android.telephony.SubscriptionInfo.getIccId", "device_id"),
  read("android.telephony.SubscriptionInfo.getNumber", "phone_number"),
  read(`${SMS_MANAGER}.sendTextMessage`, "sms_send", SMS_SEND),
  read(`${SMS_MANAGER}.sendMultipartTextMessage`, "sms_send", SMS_SEND),
  read(`${SMS_MANAGER}.sendDataMessage`, "sms_send", SMS_SEND),
];
