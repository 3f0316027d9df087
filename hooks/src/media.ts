// Camera, microphone, the sensor list and the accounts on the device.

import type { DataType } from "./emit.js";
import type { HookSpec } from "./hooking.js";

function read(api: string, dataType: DataType, group?: string): HookSpec {
  return group === undefined ? { api, kind: "data", dataType } : { api, kind: "data", dataType, group };
}

const ACCOUNT_MANAGER = "android.accounts.AccountManager";

function describeArrayLength(result: unknown): string | null {
  return result === null ? null : `count=${(result as { length: number }).length}`;
}

function accounts(method: string): HookSpec {
  return { ...read(`${ACCOUNT_MANAGER}.${method}`, "accounts", "accounts"), describeValue: describeArrayLength };
}

export const mediaHooks: readonly HookSpec[] = [
  { ...read("android.hardware.Camera.open", "camera", "camera.open"), describeValue: () => null },
  read("android.hardware.camera2.CameraManager.openCamera", "camera", "camera.open"),
  { ...read("androidx.camera.core.ImageCapture.takePicture", "camera"), optional: true },
  read("android.media.AudioRecord.startRecording", "microphone"),
  read("android.media.MediaRecorder.start", "microphone"),
  {
    api: "android.hardware.SensorManager.getSensorList",
    kind: "data",
    dataType: "sensor",
    group: "sensor.lookup",
    describeValue: (result) => (result === null ? null : `size=${(result as { size(): number }).size()}`),
  },
  read("android.hardware.SensorManager.getDefaultSensor", "sensor", "sensor.lookup"),
  accounts("getAccounts"),
  accounts("getAccountsByType"),
  accounts("getAccountsByTypeForPackage"),
  // answers an AccountManagerFuture: the request is the read (the accounts come later through it)
  { ...accounts("getAccountsByTypeAndFeatures"), describeValue: () => null },
];
