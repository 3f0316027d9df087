import type { HookSpec } from "./hooking.js";
import { valueText } from "./text.js";

interface ClipItem {
  getText(): unknown;
}

interface ClipData {
  getItemCount(): number;
  getItemAt(index: number): ClipItem | null;
}

function describeClip(result: unknown): string | null {
  if (result === null) {
    return null;
  }
  const clip = result as ClipData;
  if (clip.getItemCount() === 0) {
    return null;
  }
  const item = clip.getItemAt(0);
  return item === null ? null : valueText(item.getText());
}

export const clipboardHooks: readonly HookSpec[] = [
  {
    api: "android.content.ClipboardManager.getPrimaryClip",
    group: "clipboard",
    kind: "data",
    dataType: "clipboard",
    describeValue: describeClip,
  },
  // What is on the clipboard (MIME types, label), read without the content.
  {
    api: "android.content.ClipboardManager.getPrimaryClipDescription",
    kind: "data",
    dataType: "clipboard",
    group: "clipboard",
  },
  // The deprecated text getter (API 1), still served by ClipboardManager on every version.
  { api: "android.content.ClipboardManager.getText", kind: "data", dataType: "clipboard", group: "clipboard" },
];
