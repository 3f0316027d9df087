import type { Call, HookSpec } from "./hooking.js";

interface JavaClass {
  getName(): string;
}

// The hook sees every dialog as android.app.Dialog; the runtime class tells which one was shown.
function describeDialog(call: Call): string[] {
  const dialogClass = call.self.getClass() as JavaClass;
  return [String(dialogClass.getName())];
}

export const uiHooks: readonly HookSpec[] = [
  { api: "android.app.Dialog.show", kind: "ui", dataType: null, describeArgs: describeDialog },
  { api: "android.widget.PopupWindow.showAtLocation", kind: "ui", dataType: null },
  { api: "android.widget.Toast.show", kind: "ui", dataType: null },
  { api: "android.app.Activity.startActivity", kind: "navigation", dataType: null },
];
