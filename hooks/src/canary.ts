// Plants the clipboard canary from inside the app process, the one way that works on every
// Android build: AOSP has no `cmd clipboard` shell command, and an emulator's clipboard holds
// whatever the host's clipboard holds. The clip is set once, just before Application.onCreate
// (Instrumentation.callApplicationOnCreate, called by ActivityThread.handleBindApplication), so
// any read by the app sees it. Writing needs no focus (AOSP services/core/java/com/android/
// server/clipboard/ClipboardService.java, clipboardAccessAllowed: OP_WRITE_CLIPBOARD is allowed).

import Java from "frida-java-bridge";

import { onConfig } from "./config.js";
import { sendPlanted } from "./emit.js";

let clipboardCanary: string | null = null;

// The harness posts the run's canaries right after loading the agent, before the app may run.
onConfig((config) => {
  const text = config.clipboard;
  clipboardCanary = typeof text === "string" && text !== "" ? text : null;
});

function setPrimaryClip(app: Java.Wrapper, canary: string): void {
  const ClipData = Java.use("android.content.ClipData");
  const ClipboardManager = Java.use("android.content.ClipboardManager");
  const service = app.getSystemService.overload("java.lang.String").call(app, "clipboard");
  const clipboard = Java.cast(service, ClipboardManager);
  const JavaString = Java.use("java.lang.String");
  clipboard.setPrimaryClip(ClipData.newPlainText(JavaString.$new("privacy-probe"), JavaString.$new(canary)));
}

export function plantClipboardCanary(): void {
  let callApplicationOnCreate: Java.Method;
  try {
    callApplicationOnCreate = Java.use("android.app.Instrumentation").callApplicationOnCreate;
  } catch (error) {
    sendPlanted("clipboard", false, `Instrumentation.callApplicationOnCreate cannot be hooked: ${String(error)}`);
    return;
  }
  let done = false;
  callApplicationOnCreate.implementation = function (this: Java.Wrapper, app: Java.Wrapper): void {
    if (!done) {
      done = true;
      const canary = clipboardCanary;
      if (canary === null) {
        sendPlanted("clipboard", false, "the harness sent no clipboard canary before the app started");
      } else {
        try {
          setPrimaryClip(app, canary);
          sendPlanted("clipboard", true, "ClipboardManager.setPrimaryClip in the app process before Application.onCreate");
        } catch (error) {
          sendPlanted("clipboard", false, String(error));
        }
      }
    }
    callApplicationOnCreate.call(this, app);
  };
}
