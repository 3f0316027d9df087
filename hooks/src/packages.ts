import Java from "frida-java-bridge";

import type { DataType } from "./emit.js";
import type { Call, HookSpec } from "./hooking.js";
import { bounded, VALUE_LIMIT } from "./text.js";

interface JavaList {
  size(): number;
  get(index: number): Java.Wrapper;
}

// Looked up on first use (not at install) so that a missing element class fails only this value.
function elementClass(name: string): () => Java.Wrapper {
  let wrapper: Java.Wrapper | null = null;
  return () => {
    wrapper ??= Java.use(name);
    return wrapper;
  };
}

// The package names joined with ",", read only until the value bound is reached.
function describePackageNames(element: () => Java.Wrapper): (result: unknown) => string | null {
  return (result: unknown): string | null => {
    if (result === null) {
      return null;
    }
    const list = result as JavaList;
    const size = list.size();
    const names: string[] = [];
    let length = 0;
    for (let i = 0; i < size && length <= VALUE_LIMIT; i++) {
      const raw = list.get(i);
      const item = Java.cast(raw, element());
      const name = String(item.packageName.value);
      item.$dispose();
      raw.$dispose();
      names.push(name);
      length += name.length + 1;
    }
    return bounded(names.join(","), VALUE_LIMIT);
  };
}

// PackageManager is abstract on Android: the calls land in ApplicationPackageManager.
const PACKAGE_MANAGER_CLASSES = ["android.app.ApplicationPackageManager", "android.content.pm.PackageManager"];
const ACTIVITY_MANAGER = "android.app.ActivityManager";
const USAGE_STATS_MANAGER = "android.app.usage.UsageStatsManager";

// Probing other packages one by one (getPackageInfo("com.tencent.mm")…) rebuilds the app list:
// from the PROBES_FOR_APP_LIST-th distinct foreign package on, a probe is an app_list read; the
// earlier ones are recorded without a data type, as evidence. The app's own package is no probe.
export const PROBES_FOR_APP_LIST = 3;
const probed = new Set<string>();
let ownPackage: string | null = null;

interface Application {
  getPackageName(): string;
}

function currentPackage(): string | null {
  if (ownPackage === null) {
    const app = Java.use("android.app.ActivityThread").currentApplication() as Application | null;
    ownPackage = app === null ? null : String(app.getPackageName());
  }
  return ownPackage;
}

function probesForeignPackage(call: Call): boolean {
  const name = call.args[0];
  return typeof name === "string" && name !== currentPackage();
}

function classifyProbe(call: Call): DataType | null {
  probed.add(String(call.args[0]));
  return probed.size >= PROBES_FOR_APP_LIST ? "app_list" : null;
}

function probe(method: string): HookSpec {
  return {
    api: `android.content.pm.PackageManager.${method}`,
    classes: PACKAGE_MANAGER_CLASSES,
    kind: "data",
    dataType: classifyProbe,
    possibleDataTypes: ["app_list"],
    when: probesForeignPackage,
    whenCallsJava: true, // the app's own package name is looked up once, from Java
    group: "package.probe",
    describeValue: (result) => (result === null ? null : "found"),
  };
}

function listSize(result: unknown): string | null {
  return result === null ? null : `size=${(result as JavaList).size()}`;
}

function appList(api: string, classes: readonly string[]): HookSpec {
  return { api, classes, kind: "data", dataType: "app_list", describeValue: listSize };
}

export const packageHooks: readonly HookSpec[] = [
  {
    api: "android.content.pm.PackageManager.getInstalledPackages",
    classes: PACKAGE_MANAGER_CLASSES,
    kind: "data",
    dataType: "app_list",
    describeValue: describePackageNames(elementClass("android.content.pm.PackageInfo")),
  },
  {
    api: "android.content.pm.PackageManager.getInstalledApplications",
    classes: PACKAGE_MANAGER_CLASSES,
    kind: "data",
    dataType: "app_list",
    describeValue: describePackageNames(elementClass("android.content.pm.ApplicationInfo")),
  },
  appList("android.content.pm.PackageManager.queryIntentActivities", PACKAGE_MANAGER_CLASSES),
  appList("android.content.pm.PackageManager.queryIntentServices", PACKAGE_MANAGER_CLASSES),
  appList(`${ACTIVITY_MANAGER}.getRunningAppProcesses`, [ACTIVITY_MANAGER]),
  appList(`${ACTIVITY_MANAGER}.getRunningTasks`, [ACTIVITY_MANAGER]),
  appList(`${ACTIVITY_MANAGER}.getRecentTasks`, [ACTIVITY_MANAGER]),
  appList(`${ACTIVITY_MANAGER}.getRunningServices`, [ACTIVITY_MANAGER]),
  // Usage history (needs PACKAGE_USAGE_STATS, an app-op granted in Settings > Usage access; without
  // it the answer is empty, still recorded as an attempt). queryEventsForSelf reads only the app's own.
  appList(`${USAGE_STATS_MANAGER}.queryUsageStats`, [USAGE_STATS_MANAGER]),
  {
    ...appList(`${USAGE_STATS_MANAGER}.queryAndAggregateUsageStats`, [USAGE_STATS_MANAGER]),
    describeValue: (result) => (result === null ? null : `size=${(result as JavaList).size()}`),
  },
  {
    ...appList(`${USAGE_STATS_MANAGER}.queryEvents`, [USAGE_STATS_MANAGER]),
    describeValue: (result) =>
      result === null ? null : `has_events=${String((result as { hasNextEvent(): boolean }).hasNextEvent())}`,
  },
  probe("getPackageInfo"),
  probe("getApplicationInfo"),
  probe("getInstallerPackageName"),
  probe("getLaunchIntentForPackage"),
];
