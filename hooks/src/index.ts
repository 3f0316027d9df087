// Agent entry: installs every surface's hooks, then reports what is installed.

import { performAtBind } from "./bind.js";
import { plantClipboardCanary } from "./canary.js";
import { clipboardHooks } from "./clipboard.js";
import { contentHooks } from "./content.js";
import { fileHooks } from "./files.js";
import { onConfig } from "./config.js";
import { flushEvents, reportAgentError, sendHooked, sendReady } from "./emit.js";
import { installHooks } from "./hooking.js";
import { identifierHooks } from "./identifiers.js";
import { prepareJni, runtimeName } from "./jni.js";
import { locationHooks } from "./location.js";
import { mediaHooks } from "./media.js";
import { networkHooks } from "./network.js";
import { packageHooks } from "./packages.js";
import { permissionHooks } from "./permissions.js";
import { phoneHooks } from "./phone.js";
import { installPostingHooks } from "./posting.js";
import { sensorHooks } from "./sensors.js";
import { hookLocatedTlsFunctions, installNativeTlsHooks, locatedTargets } from "./native_tls.js";
import { installPlaintextHooks } from "./plaintext.js";
import { switchFastPath } from "./transform_fastpath.js";
import { installTransformHooks } from "./transforms.js";
import { uiHooks } from "./ui.js";

const SURFACES = [
  locationHooks,
  contentHooks,
  identifierHooks,
  packageHooks,
  clipboardHooks,
  sensorHooks,
  permissionHooks,
  uiHooks,
  phoneHooks,
  networkHooks,
  fileHooks,
  mediaHooks,
];

rpc.exports = {
  flush(): void {
    flushEvents();
  },
  ping(): string {
    return "pong";
  },
  // Whether saturated transform operations skip JavaScript (on by default; benchmarks compare both).
  transformFastPath(on: boolean): void {
    switchFastPath(on);
  },
};

// Statically linked TLS (Flutter) is hooked where the harness located it, as soon as the library
// is there: it may load before the app binds, when the Java hooks are installed.
onConfig((config) => {
  hookLocatedTlsFunctions(locatedTargets(config.native_tls), (result) => {
    sendHooked(result.installed, result.failed);
  });
});

function start(): void {
  prepareJni();
  const report = installHooks(SURFACES.flat());
  plantClipboardCanary();
  const transforms = installTransformHooks();
  const plaintext = installPlaintextHooks();
  const posting = installPostingHooks();
  const nativeTls = installNativeTlsHooks();
  sendReady(
    runtimeName(),
    [
      ...report.installed,
      ...transforms.installed,
      ...plaintext.installed,
      ...posting.installed,
      ...nativeTls.installed,
    ],
    [...report.failed, ...transforms.failed, ...plaintext.failed, ...posting.failed, ...nativeTls.failed],
  );
}

try {
  performAtBind(() => {
    try {
      start();
    } catch (error) {
      reportAgentError(error);
    }
  });
} catch (error) {
  reportAgentError(error);
}
