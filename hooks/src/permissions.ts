import type { HookSpec } from "./hooking.js";

// One permission check is one event however it is asked: ContextImpl.checkSelfPermission and
// checkCallingOrSelfPermission end in checkPermission(String, int, int), which androidx
// (ContextCompat.checkSelfPermission, PermissionChecker) calls directly with myPid()/myUid().
const CHECK = "permission_check";

export const permissionHooks: readonly HookSpec[] = [
  { api: "android.app.Activity.requestPermissions", kind: "permission_request", dataType: null },
  { api: "android.app.ContextImpl.checkSelfPermission", kind: "permission_check", dataType: null, group: CHECK },
  { api: "android.app.ContextImpl.checkPermission", kind: "permission_check", dataType: null, group: CHECK },
  {
    api: "android.app.ContextImpl.checkCallingOrSelfPermission",
    kind: "permission_check",
    dataType: null,
    group: CHECK,
  },
];
