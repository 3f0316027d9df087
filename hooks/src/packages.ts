import Java from "frida-java-bridge";

import type { HookSpec } from "./hooking.js";
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
];
