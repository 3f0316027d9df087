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
];

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
    describeValue: describeCursor,
  },
];
