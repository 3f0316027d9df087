import type { HookSpec } from "./hooking.js";

export const permissionHooks: readonly HookSpec[] = [
  { api: "android.app.Activity.requestPermissions", kind: "permission_request", dataType: null },
  { api: "android.app.ContextImpl.checkSelfPermission", kind: "permission_check", dataType: null },
];
