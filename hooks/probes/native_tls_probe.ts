// Test entry of tests/test_native_tls.py: the native TLS hooks alone, on a plain host process.

import { flushEvents, reportAgentError } from "../src/emit.js";
import { installNativeTlsHooks } from "../src/native_tls.js";

rpc.exports = {
  flush(): void {
    flushEvents();
  },
};

try {
  const report = installNativeTlsHooks();
  send({ type: "probe:ready", hooks_installed: report.installed, hooks_failed: report.failed });
} catch (error) {
  reportAgentError(error);
}
