// The floor of benchmarks/hook_overhead.py: the cheapest possible frida-java-bridge hook on the
// benchmarked methods, every overload replaced by one that only calls the original.

import Java from "frida-java-bridge";

const TARGETS: ReadonlyArray<readonly [string, string]> = [
  ["android.provider.Settings$Secure", "getString"],
  ["android.telephony.TelephonyManager", "getDeviceId"],
  ["java.io.FileInputStream", "$init"],
];

Java.perform(() => {
  for (const [className, methodName] of TARGETS) {
    for (const overload of Java.use(className)[methodName].overloads as Java.Method[]) {
      overload.implementation = function (this: Java.Wrapper, ...args: unknown[]): unknown {
        return overload.apply(this, args);
      };
    }
  }
  send({ type: "agent:ready" });
});
