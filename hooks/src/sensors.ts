import type { Call, HookSpec } from "./hooking.js";
import { argText } from "./text.js";

interface Sensor {
  getType(): number;
  getName(): string;
}

const SENSOR_CLASS = "android.hardware.Sensor";

function describeSensor(value: unknown): string {
  if (value === null) {
    return "null";
  }
  const sensor = value as Sensor;
  return argText(`Sensor(type=${sensor.getType()}, name=${sensor.getName()})`);
}

function describeRegistration(call: Call): string[] {
  return call.args.map((arg, i) => (call.argTypes[i] === SENSOR_CLASS ? describeSensor(arg) : argText(arg)));
}

export const sensorHooks: readonly HookSpec[] = [
  {
    api: "android.hardware.SensorManager.registerListener",
    classes: ["android.hardware.SystemSensorManager", "android.hardware.SensorManager"],
    kind: "data",
    dataType: "sensor",
    describeArgs: describeRegistration,
  },
];
