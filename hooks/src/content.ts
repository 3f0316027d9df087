import type { DataType } from "./emit.js";
import type { Call, HookSpec } from "./hooking.js";

interface Cursor {
  getCount(): number;
}

// Longest prefix first: "content://mms-sms" must not be taken for "content://mms".
const URI_DATA_TYPES: ReadonlyArray<readonly [string, DataType]> = [
  ["content://com.android.contacts", "contacts"],
  ["content://call_log", "call_log"],
  ["content://mms-sms", "sms"],
  ["content://sms", "sms"],
  ["content://mms", "sms"],
  ["content://com.android.calendar", "calendar"],
  ["content://media", "photos"],
  ["content://browser", "browser_history"],
  ["content://com.android.browser", "browser_history"],
  ["content://com.android.chrome.browser", "browser_history"],
  // OAID providers of vendor builds, queried by the MSA SDK and by Chinese SDKs directly.
  ["content://com.vivo.vms.IdProvider", "advertising_id"],
  ["content://com.meizu.flyme.openidsdk", "advertising_id"],
  ["content://cn.nubia.identity", "advertising_id"],
  ["content://com.coolpad.deviceidsupport", "advertising_id"],
];
const URI_TYPES: readonly DataType[] = [...new Set(URI_DATA_TYPES.map(([, dataType]) => dataType))];

function isUnder(uri: string, prefix: string): boolean {
  if (!uri.startsWith(prefix)) {
    return false;
  }
  const next = uri.charAt(prefix.length);
  return next === "" || next === "/" || next === "?";
}

function classifyQuery(call: Call): DataType | null {
  const uri = call.args[0];
  if (uri === null || uri === undefined) {
    return null;
  }
  const text = String(uri);
  for (const [prefix, dataType] of URI_DATA_TYPES) {
    if (isUnder(text, prefix)) {
      return dataType;
    }
  }
  return null;
}

// The row count only: reading rows would move the app's cursor.
function describeCursor(result: unknown): string | null {
  return result === null ? null : `rows=${(result as Cursor).getCount()}`;
}

export const contentHooks: readonly HookSpec[] = [
  {
    api: "android.content.ContentResolver.query",
    kind: "data",
    dataType: classifyQuery,
    possibleDataTypes: URI_TYPES,
    describeValue: describeCursor,
  },
];
