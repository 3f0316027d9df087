// TLS plaintext at native BoringSSL/OpenSSL: SSL_write/SSL_read in the libraries that export them.
// On Android that is Conscrypt's TLS (libssl.so, libjavacrypto.so) under HttpsURLConnection and
// OkHttp, and Cronet builds that export BoringSSL; the Java TLS classes of plaintext.ts do not exist
// on ART. One event per call, `kind: "plaintext"`, in the shape plaintext.ts records (analysis:
// harness/detect/plaintext.py), with an empty stack (a native caller has no Java frames here).
// BoringSSL linked statically with hidden symbols (Flutter's libflutter.so) is hooked at the
// offsets the harness located in the app's library (harness/apk/boringssl.py): see
// hookLocatedTlsFunctions. Not covered: Cronet builds that hide their symbols.

import { base64Of } from "./base64.js";
import { record, reportAgentError } from "./emit.js";
import type { FailedHook } from "./emit.js";

const CONNECTION_CAP = 256 * 1024; // plaintext kept per connection and direction
// libssl.so(.3), libboringssl.so, libjavacrypto.so, libcronet.<version>.so
const TLS_LIBRARY = /^lib(ssl|boringssl|javacrypto|cronet)[\w.-]*\.so(\.\d+)*$/;

type Direction = "sent" | "received";

const kept = new Map<string, number>();
// Libraries whose TLS functions are hooked, by either path: a function is hooked once.
const hookedLibraries = new Set<string>();

interface TlsLibrary {
  readonly name: string;
  readonly serverName: NativeFunction<NativePointer, [NativePointerValue, number]> | null;
}

function recordChunk(
  library: TlsLibrary,
  direction: Direction,
  ssl: NativePointer,
  buffer: NativePointer,
  length: number,
): void {
  const connection = `${Process.id}:${ssl.toString()}`;
  const key = `${connection}:${direction}`;
  const room = CONNECTION_CAP - (kept.get(key) ?? 0);
  const count = Math.min(length, room);
  if (count <= 0) {
    return;
  }
  const bytes = buffer.readByteArray(count);
  if (bytes === null) {
    return;
  }
  kept.set(key, (kept.get(key) ?? 0) + count);
  let host = "";
  if (library.serverName !== null) {
    const name = library.serverName(ssl, 0); // TLSEXT_NAMETYPE_host_name
    host = name.isNull() ? "" : (name.readUtf8String() ?? "");
  }
  record({
    ts: Date.now() / 1000,
    api: direction === "sent" ? "SSL_write" : "SSL_read",
    impl: library.name,
    overload: "(SSL*,void*,int)",
    kind: "plaintext",
    data_type: null,
    value: JSON.stringify({
      connection,
      direction,
      peer_host: host,
      peer_port: 443,
      data: base64Of(new Uint8Array(bytes)),
      size: length,
    }),
    args: [],
    thread: String(Process.getCurrentThreadId()),
    stack: [],
    outcome: "returned",
    error: null,
  });
}

// The _ex variants return 1 on success and store the byte count (a size_t) through their last argument.
function extendedCount(result: InvocationReturnValue, counted: NativePointer): number {
  return result.toInt32() === 1 ? counted.readPointer().toUInt32() : 0;
}

// SSL_write(ssl, buf, int num) → bytes written; SSL_write_ex(ssl, buf, size_t num, size_t *written) → 1.
function attachWrite(library: TlsLibrary, target: NativePointer, extended: boolean): void {
  Interceptor.attach(target, {
    onEnter(args) {
      this.ssl = args[0];
      this.buffer = args[1];
      this.written = extended ? args[3] : null;
    },
    onLeave(result) {
      const count = extended ? extendedCount(result, this.written as NativePointer) : result.toInt32();
      if (count > 0) {
        try {
          recordChunk(library, "sent", this.ssl as NativePointer, this.buffer as NativePointer, count);
        } catch (error) {
          reportAgentError(error);
        }
      }
    },
  });
}

// SSL_read(ssl, buf, int num) → bytes read; SSL_read_ex(ssl, buf, size_t num, size_t *read) → 1.
function attachRead(library: TlsLibrary, target: NativePointer, extended: boolean): void {
  Interceptor.attach(target, {
    onEnter(args) {
      this.ssl = args[0];
      this.buffer = args[1];
      this.count = extended ? args[3] : null;
    },
    onLeave(result) {
      const count = extended ? extendedCount(result, this.count as NativePointer) : result.toInt32();
      if (count > 0) {
        try {
          recordChunk(library, "received", this.ssl as NativePointer, this.buffer as NativePointer, count);
        } catch (error) {
          reportAgentError(error);
        }
      }
    },
  });
}

export interface NativeTlsInstallReport {
  readonly installed: string[];
  readonly failed: FailedHook[];
}

export function installNativeTlsHooks(
  modules: readonly Module[] = Process.enumerateModules(),
): NativeTlsInstallReport {
  const installed: string[] = [];
  const failed: FailedHook[] = [];
  for (const module of modules) {
    if (!TLS_LIBRARY.test(module.name)) {
      continue;
    }
    const write = module.findExportByName("SSL_write");
    const read = module.findExportByName("SSL_read");
    if (write === null || read === null || hookedLibraries.has(module.name)) {
      continue; // hidden symbols (see hookLocatedTlsFunctions), or hooked already
    }
    hookedLibraries.add(module.name);
    const serverNameAddress = module.findExportByName("SSL_get_servername");
    const library: TlsLibrary = {
      name: module.name,
      serverName:
        serverNameAddress === null
          ? null
          : new NativeFunction(serverNameAddress, "pointer", ["pointer", "int"]),
    };
    try {
      attachWrite(library, write, false);
      attachRead(library, read, false);
      installed.push(`${module.name}!SSL_write`, `${module.name}!SSL_read`);
      // OpenSSL 1.1.1+ (and CPython's ssl module) use the _ex variants: size_t lengths and counts
      const writeEx = module.findExportByName("SSL_write_ex");
      const readEx = module.findExportByName("SSL_read_ex");
      if (writeEx !== null && readEx !== null) {
        attachWrite(library, writeEx, true);
        attachRead(library, readEx, true);
        installed.push(`${module.name}!SSL_write_ex`, `${module.name}!SSL_read_ex`);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failed.push({ hook: `${module.name}!SSL_write`, error: message });
    }
  }
  return { installed, failed };
}

// Where the harness found SSL_write/SSL_read in a library without symbols: offsets from its base.
export interface LocatedTlsFunctions {
  readonly library: string;
  readonly arch: string;
  readonly ssl_write: number;
  readonly ssl_read: number;
}

// The config's `native_tls` list, keeping only well-formed entries.
export function locatedTargets(value: unknown): LocatedTlsFunctions[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter(
    (entry: unknown): entry is LocatedTlsFunctions =>
      typeof entry === "object" &&
      entry !== null &&
      typeof (entry as LocatedTlsFunctions).library === "string" &&
      typeof (entry as LocatedTlsFunctions).arch === "string" &&
      Number.isSafeInteger((entry as LocatedTlsFunctions).ssl_write) &&
      Number.isSafeInteger((entry as LocatedTlsFunctions).ssl_read),
  );
}

function hookLocated(module: Module, target: LocatedTlsFunctions): NativeTlsInstallReport {
  const library: TlsLibrary = { name: module.name, serverName: null }; // SSL_get_servername is hidden too
  const hook = `${module.name}!SSL_write@${target.ssl_write.toString(16)}`;
  // A library other than the scanned one (an update since the scan) must not be patched blindly:
  // both offsets have to land in its executable code.
  const outside = [target.ssl_write, target.ssl_read].find((offset) => {
    const range = offset < module.size ? Process.findRangeByAddress(module.base.add(offset)) : null;
    return range === null || !range.protection.includes("x");
  });
  if (outside !== undefined) {
    const error = `+0x${outside.toString(16)} is not code of this ${module.name} (not the scanned build?)`;
    return { installed: [], failed: [{ hook, error }] };
  }
  try {
    attachWrite(library, module.base.add(target.ssl_write), false);
    attachRead(library, module.base.add(target.ssl_read), false);
    return { installed: [hook, `${module.name}!SSL_read@${target.ssl_read.toString(16)}`], failed: [] };
  } catch (error) {
    return { installed: [], failed: [{ hook, error: error instanceof Error ? error.message : String(error) }] };
  }
}

// Hooks each target of this process's architecture in its library now, or when it is loaded (a
// Flutter app loads libflutter.so from FlutterLoader, after the agent started). Each library is
// hooked once; `report` hears of every installation.
export function hookLocatedTlsFunctions(
  targets: readonly LocatedTlsFunctions[],
  report: (result: NativeTlsInstallReport) => void,
): void {
  const mine = targets.filter((target) => target.arch === Process.arch);
  if (mine.length === 0) {
    return;
  }
  const consider = (module: Module): void => {
    const target = mine.find((candidate) => candidate.library === module.name);
    if (target === undefined || hookedLibraries.has(module.name)) {
      return;
    }
    hookedLibraries.add(module.name);
    report(hookLocated(module, target));
  };
  Process.attachModuleObserver({ onAdded: consider });
  for (const target of mine) {
    const loaded = Process.findModuleByName(target.library);
    if (loaded !== null) {
      consider(loaded);
    }
  }
}
