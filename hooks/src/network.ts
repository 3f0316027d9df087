// Network identity: Wi-Fi connection and scans, IP and hardware addresses, Bluetooth names and addresses.

import type { DataType } from "./emit.js";
import type { HookSpec } from "./hooking.js";

function read(api: string, dataType: DataType): HookSpec {
  return { api, kind: "data", dataType };
}

const WIFI_MANAGER = "android.net.wifi.WifiManager";
const BLUETOOTH_ADAPTER = "android.bluetooth.BluetoothAdapter";
const BLUETOOTH_DEVICE = "android.bluetooth.BluetoothDevice";

// The result's toString would list every network or scan result: the count says enough.
function describeListSize(result: unknown): string | null {
  return result === null ? null : `size=${(result as { size(): number }).size()}`;
}

export const networkHooks: readonly HookSpec[] = [
  read(`${WIFI_MANAGER}.getConnectionInfo`, "wifi"),
  { ...read(`${WIFI_MANAGER}.getScanResults`, "wifi"), describeValue: describeListSize },
  { ...read(`${WIFI_MANAGER}.getConfiguredNetworks`, "wifi"), describeValue: describeListSize },
  read(`${WIFI_MANAGER}.getDhcpInfo`, "ip_address"),
  read("android.net.wifi.WifiInfo.getIpAddress", "ip_address"),
  read("java.net.NetworkInterface.getHardwareAddress", "mac_address"),
  read(`${BLUETOOTH_ADAPTER}.getAddress`, "bluetooth"),
  read(`${BLUETOOTH_ADAPTER}.getName`, "bluetooth"),
  { ...read(`${BLUETOOTH_ADAPTER}.getBondedDevices`, "bluetooth"), describeValue: describeListSize },
  read(`${BLUETOOTH_DEVICE}.getAddress`, "bluetooth"),
  read(`${BLUETOOTH_DEVICE}.getName`, "bluetooth"),
];
