// When the agent may install its hooks: once the app process has bound, before any app code.
//
// On ART, frida-java-bridge already does this: in a freshly spawned app process `Java.perform`
// queues its work until `ActivityThread.getPackageInfo` returns inside `handleBindApplication`
// (frida-java-bridge index.js, `perform` → `_performPendingVmOpsWhenReady`), i.e. after the
// harness resumed the process and before `LoadedApk.makeApplication` creates the Application.
// On HotSpot (the sim) the bridge runs `Java.perform` at once (`_isAppProcess()` is false for the
// "jvm" flavour), so the same rule is applied here against the sim's ActivityThread, which binds
// the same way. Either way a harness that waits for `agent:ready` before resuming waits forever.

import Java from "frida-java-bridge";

import { runtimeName } from "./jni.js";

type JavaMethod = Java.Method;

export function performAtBind(work: () => void): void {
  if (runtimeName() === "art") {
    Java.perform(work);
    return;
  }
  Java.perform(() => {
    const ActivityThread = Java.use("android.app.ActivityThread");
    if (ActivityThread.currentApplication() !== null) {
      work(); // attached to a process that has bound already
      return;
    }
    const overloads: JavaMethod[] = ActivityThread.getPackageInfo.overloads;
    const getPackageInfo = [...overloads].sort((a, b) => b.argumentTypes.length - a.argumentTypes.length)[0];
    if (getPackageInfo === undefined) {
      throw new Error("android.app.ActivityThread has no getPackageInfo: cannot tell when the app binds");
    }
    let done = false;
    getPackageInfo.implementation = function (this: Java.Wrapper, ...args: unknown[]): unknown {
      const apk = getPackageInfo.call(this, ...args);
      if (!done) {
        done = true;
        work();
      }
      return apk;
    };
  });
}
