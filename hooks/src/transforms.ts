// Transform hooks: encryption, MACs, digests, compression and base64 record what went in (capped) and
// the head of what came out, so that analysis can link a canary in the input to the output in a flow.
//
// One event per finished operation (Cipher/Mac doFinal, MessageDigest digest, a finished Deflater, a
// Base64 encode). These methods sit on hot paths (`update` runs once per buffer), so the per-call work
// is kept small: inputs are copied only until INPUT_CAP bytes per operation, outputs only until
// OUTPUT_HEAD bytes, and after SAMPLE_AFTER events of one algorithm only one in SAMPLE_EVERY is sent.
// An operation is tracked per thread and per instance; transforms called from inside another hooked
// transform (Mac.doFinal(byte[]) calling update) are part of the outer call.

import Java from "frida-java-bridge";

import { base64Of } from "./base64.js";
import { record, reportAgentError } from "./emit.js";
import type { FailedHook } from "./emit.js";
import { callerContext } from "./jni.js";
import { parseStack } from "./stack.js";
import { installFastPath, markSaturated, offerFastPath, takeUnrecorded } from "./transform_fastpath.js";

const INPUT_CAP = 64 * 1024;
const OUTPUT_HEAD = 48;
const SAMPLE_AFTER = 256;
const SAMPLE_EVERY = 16;
// A burst of operations on one thread (a key derivation's thousands of HMACs) costs one stack trace
// per BURST_EVERY operations once BURST_SIZE ran within BURST_WINDOW_MS.
const BURST_SIZE = 32;
const BURST_EVERY = 64;
const BURST_WINDOW_MS = 1000;
// Frames of the runtime and framework (harness/data/sdk_prefixes.json, plus com.sun.): an operation
// none of whose callers is app or SDK code (PNG encoding, jar verification) is not an event, nor is
// one called directly by the runtime's own security code (the TLS key schedule's HMACs and hashes).
const FRAMEWORK_PREFIXES = [
  "android.",
  "androidx.",
  "java.",
  "javax.",
  "jdk.",
  "sun.",
  "com.sun.",
  "dalvik.",
  "libcore.",
  "com.android.",
  "kotlin.",
  "kotlinx.",
  "org.apache.harmony.",
  "org.json.",
  "org.xml.",
  "org.w3c.",
  "com.privacyprobe.sim.",
  "com.google.android.material.",
  "org.chromium.",
];
const RUNTIME_SECURITY_PREFIXES = ["sun.", "com.sun.", "jdk.", "com.android.org.conscrypt."];

function isFramework(frame: string): boolean {
  return FRAMEWORK_PREFIXES.some((prefix) => frame.startsWith(prefix));
}

function calledByAppCode(stack: readonly string[]): boolean {
  const caller = stack[0] ?? "";
  return (
    !RUNTIME_SECURITY_PREFIXES.some((prefix) => caller.startsWith(prefix)) && !stack.every(isFramework)
  );
}

type Family = "cipher" | "mac" | "digest" | "deflate" | "base64";

interface Operation {
  readonly instance: NativePointer; // a global reference to the Java object
  readonly input: Uint8Array[];
  inputKept: number;
  inputSize: number;
  readonly output: Uint8Array[];
  outputKept: number;
  outputSize: number;
  calls: number;
  fastEntry: number | null; // marked saturated: its update() calls are counted natively (transform_fastpath.ts)
}

interface Method {
  readonly family: Family;
  readonly api: string;
  readonly impl: string;
  readonly signature: string;
  readonly argTypes: readonly string[];
  readonly original: Java.Method;
}

// The byte[] arrays frida-java-bridge hands to a replacement; `withElements` reads them in one JNI call.
interface ByteArray {
  readonly length: number;
  withElements<T>(perform: (elements: NativePointer) => T): T;
}

const busyThreads = new Set<number>();
const operations = new Map<string, Operation[]>(); // by family and thread
const eventsPerAlgorithm = new Map<string, number>();
const bursts = new Map<string, { start: number; count: number }>(); // by family and thread
const hookFrames = new Set<string>();

function env(): Java.Env {
  return Java.vm.getEnv();
}

function bytesOf(array: unknown, offset: number, length: number): Uint8Array {
  const source = array as ByteArray;
  const count = Math.max(0, Math.min(length, source.length - offset));
  if (count === 0) {
    return new Uint8Array(0);
  }
  const buffer = source.withElements((elements) => elements.add(offset).readByteArray(count));
  return buffer === null ? new Uint8Array(0) : new Uint8Array(buffer);
}

function operationFor(family: Family, self: Java.Wrapper): Operation {
  const key = `${family}:${Process.getCurrentThreadId()}`;
  let open = operations.get(key);
  if (open === undefined) {
    open = [];
    operations.set(key, open);
  }
  const handle = self.$h as NativePointer;
  const current = env();
  for (const operation of open) {
    if (current.isSameObject(operation.instance, handle) as boolean) {
      return operation;
    }
  }
  const operation: Operation = {
    instance: current.newGlobalRef(handle) as NativePointer,
    input: [],
    inputKept: 0,
    inputSize: 0,
    output: [],
    outputKept: 0,
    outputSize: 0,
    calls: 0,
    fastEntry: null,
  };
  open.push(operation);
  return operation;
}

function closeOperation(family: Family, operation: Operation): void {
  if (operation.fastEntry !== null) {
    takeUnrecorded(operation.fastEntry);
    operation.fastEntry = null;
  }
  const key = `${family}:${Process.getCurrentThreadId()}`;
  const open = operations.get(key);
  if (open !== undefined) {
    open.splice(open.indexOf(operation), 1);
    if (open.length === 0) {
      operations.delete(key);
    }
  }
  env().deleteGlobalRef(operation.instance);
}

function addInput(operation: Operation, array: unknown, offset: number, length: number): void {
  operation.inputSize += Math.max(0, length);
  const room = INPUT_CAP - operation.inputKept;
  if (room > 0 && array !== null) {
    const chunk = bytesOf(array, offset, Math.min(length, room));
    operation.input.push(chunk);
    operation.inputKept += chunk.length;
  }
}

function addOutput(operation: Operation, array: unknown, offset: number, length: number): void {
  operation.outputSize += Math.max(0, length);
  const room = OUTPUT_HEAD - operation.outputKept;
  if (room > 0 && array !== null && length > 0) {
    const chunk = bytesOf(array, offset, Math.min(length, room));
    operation.output.push(chunk);
    operation.outputKept += chunk.length;
  }
}

function joined(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

function hexOf(data: Uint8Array): string {
  let text = "";
  for (const byte of data) {
    text += (byte < 16 ? "0" : "") + byte.toString(16);
  }
  return text;
}

function sampled(algorithm: string): number | null {
  const count = (eventsPerAlgorithm.get(algorithm) ?? 0) + 1;
  eventsPerAlgorithm.set(algorithm, count);
  if (count <= SAMPLE_AFTER) {
    return 1;
  }
  return count % SAMPLE_EVERY === 0 ? SAMPLE_EVERY : null;
}

function algorithmOf(method: Method, self: Java.Wrapper): string {
  switch (method.family) {
    case "cipher":
    case "mac":
    case "digest":
      return String(self.getAlgorithm());
    case "deflate":
      return "deflate";
    case "base64":
      return "base64";
  }
}

function inBurst(family: Family): boolean {
  const key = `${family}:${Process.getCurrentThreadId()}`;
  const now = Date.now();
  const burst = bursts.get(key);
  if (burst === undefined || now - burst.start > BURST_WINDOW_MS) {
    bursts.set(key, { start: now, count: 1 });
    return false;
  }
  burst.count++;
  return burst.count > BURST_SIZE && burst.count % BURST_EVERY !== 0;
}

// Whether the bytes read as text: identifiers, JSON, forms. Hashes and MACs of binary input (the TLS
// key schedule, certificate fingerprints) cannot hold a canary as such and are not events, which
// spares their stack traces.
function isText(chunks: readonly Uint8Array[]): boolean {
  let control = 0;
  let total = 0;
  for (const chunk of chunks) {
    for (const byte of chunk) {
      if (byte < 9 || (byte > 13 && byte < 32) || byte === 127) {
        control++;
      }
    }
    total += chunk.length;
  }
  return total > 0 && control * 50 <= total;
}

function emit(method: Method, self: Java.Wrapper, operation: Operation): void {
  if ((method.family === "mac" || method.family === "digest") && !isText(operation.input)) {
    return;
  }
  if (inBurst(method.family)) {
    return;
  }
  const algorithm = algorithmOf(method, self);
  const weight = sampled(`${method.family}:${algorithm}`);
  if (weight === null) {
    return;
  }
  const caller = callerContext();
  const stack = parseStack(caller.stackTrace, hookFrames);
  if (!calledByAppCode(stack)) {
    return;
  }
  const value = {
    algorithm,
    family: method.family,
    input: base64Of(joined(operation.input, operation.inputKept)),
    input_size: operation.inputSize,
    output_head: hexOf(joined(operation.output, operation.outputKept)),
    output_size: operation.outputSize,
    calls: operation.calls,
    weight,
  };
  record({
    ts: Date.now() / 1000,
    api: method.api,
    impl: method.impl,
    overload: method.signature,
    kind: "transform",
    data_type: null,
    value: JSON.stringify(value),
    args: [],
    thread: caller.thread,
    stack,
    outcome: "returned",
    error: null,
  });
}

function intArg(args: readonly unknown[], index: number): number {
  return Number(args[index]);
}

// What one call adds to the operation, read before the original runs (inputs) and after (outputs).
function recordInput(method: Method, operation: Operation, args: readonly unknown[]): void {
  const types = method.argTypes;
  if (method.api.endsWith(".deflate")) {
    return; // Deflater.deflate's array is the output
  }
  if (types[0] === "[B" && !(method.family === "cipher" && types.length === 2 && types[1] === "int")) {
    if (method.family === "mac" && types.length === 2) {
      return; // Mac.doFinal(byte[] output, int offset)
    }
    if (method.family === "digest" && method.api.endsWith(".digest") && types.length === 3) {
      return; // MessageDigest.digest(byte[] buf, int offset, int len) writes into buf
    }
    const array = args[0] ?? null;
    const whole = array === null ? 0 : (array as ByteArray).length;
    const offset = types.length >= 3 && types[1] === "int" ? intArg(args, 1) : 0;
    const length = types.length >= 3 && types[2] === "int" ? intArg(args, 2) : whole;
    addInput(operation, array, offset, length);
  } else if (types[0] === "byte") {
    operation.inputSize += 1;
    if (operation.inputKept < INPUT_CAP) {
      operation.input.push(Uint8Array.of(Number(args[0]) & 0xff));
      operation.inputKept += 1;
    }
  }
}

function recordOutput(method: Method, operation: Operation, args: readonly unknown[], result: unknown): void {
  const types = method.argTypes;
  if (result !== null && typeof result === "object" && "withElements" in (result as object)) {
    addOutput(operation, result, 0, (result as ByteArray).length);
    return;
  }
  if (typeof result === "string") {
    operation.outputSize += result.length;
    if (operation.outputKept < OUTPUT_HEAD) {
      const head = result.slice(0, OUTPUT_HEAD - operation.outputKept);
      operation.output.push(new Uint8Array(Array.from(head, (ch) => ch.charCodeAt(0) & 0xff)));
      operation.outputKept += head.length;
    }
    return;
  }
  if (typeof result !== "number") {
    return;
  }
  // int-returning overloads write `result` bytes into an output array argument
  const outIndex = types.lastIndexOf("[B");
  if (outIndex <= 0 && !(method.family === "digest" || method.family === "deflate" || types.length === 2)) {
    return;
  }
  const index = outIndex === -1 ? 0 : outIndex;
  const offset = types[index + 1] === "int" ? intArg(args, index + 1) : 0;
  addOutput(operation, args[index] ?? null, offset, result);
}

function isFinal(method: Method, self: Java.Wrapper): boolean {
  if (method.family === "deflate") {
    return method.api.endsWith(".deflate") && Boolean(self.finished());
  }
  return !method.api.endsWith(".update") && !method.api.endsWith(".setInput");
}

// The calls the native fast path counted since the operation was marked saturated, taken back before any
// call it makes through here (so that a doFinal's own inner update() calls are not counted twice). If one
// of them threw, the operation ended there, as it does below.
function withUnrecordedCalls(family: Family, self: Java.Wrapper, operation: Operation): Operation {
  if (operation.fastEntry === null) {
    return operation;
  }
  const unrecorded = takeUnrecorded(operation.fastEntry);
  operation.fastEntry = null;
  if (unrecorded.failed) {
    closeOperation(family, operation);
    return operationFor(family, self);
  }
  operation.calls += unrecorded.calls;
  operation.inputSize += unrecorded.inputSize;
  operation.outputSize += unrecorded.outputSize;
  return operation;
}

// Whether further update() calls can only add to the operation's counts.
function holdsAllItRecords(family: Family, operation: Operation): boolean {
  if (operation.inputKept < INPUT_CAP) {
    return false;
  }
  return family === "mac" || family === "digest" || (family === "cipher" && operation.outputKept >= OUTPUT_HEAD);
}

function intercept(method: Method, self: Java.Wrapper, args: unknown[]): unknown {
  const tid = Process.getCurrentThreadId();
  if (busyThreads.has(tid)) {
    return method.original.apply(self, args);
  }
  busyThreads.add(tid);
  try {
    let operation: Operation | null = null;
    try {
      operation = withUnrecordedCalls(method.family, self, operationFor(method.family, self));
      operation.calls++;
      recordInput(method, operation, args);
    } catch (error) {
      reportAgentError(error);
    }
    let result: unknown;
    try {
      result = method.original.apply(self, args);
    } catch (error) {
      if (operation !== null) {
        closeOperation(method.family, operation);
      }
      throw error;
    }
    if (operation !== null) {
      try {
        recordOutput(method, operation, args, result);
        if (isFinal(method, self)) {
          closeOperation(method.family, operation);
          emit(method, self, operation);
        } else if (operation.fastEntry === null && holdsAllItRecords(method.family, operation)) {
          operation.fastEntry = markSaturated(operation.instance);
        }
      } catch (error) {
        reportAgentError(error);
      }
    }
    return result;
  } finally {
    busyThreads.delete(tid);
  }
}

// Encoders (static or stateless) keep no state between calls: each call is one operation.
function interceptOneShot(method: Method, self: Java.Wrapper, args: unknown[]): unknown {
  const tid = Process.getCurrentThreadId();
  if (busyThreads.has(tid)) {
    return method.original.apply(self, args);
  }
  busyThreads.add(tid);
  try {
    const operation: Operation = {
      instance: NULL,
      input: [],
      inputKept: 0,
      inputSize: 0,
      output: [],
      outputKept: 0,
      outputSize: 0,
      calls: 1,
      fastEntry: null,
    };
    try {
      recordInput(method, operation, args);
    } catch (error) {
      reportAgentError(error);
    }
    const result = method.original.apply(self, args);
    try {
      recordOutput(method, operation, args, result);
      emit(method, self, operation);
    } catch (error) {
      reportAgentError(error);
    }
    return result;
  } finally {
    busyThreads.delete(tid);
  }
}

interface TransformSpec {
  readonly family: Family;
  readonly className: string;
  readonly methods: readonly string[];
  readonly oneShot?: boolean;
  // Overloads left alone (by their argument types), e.g. ByteBuffer ones whose content is not read.
  readonly skip?: (argTypes: readonly string[]) => boolean;
}

const byteBufferOverload = (types: readonly string[]): boolean =>
  types.some((type) => type === "java.nio.ByteBuffer");

export const TRANSFORM_SPECS: readonly TransformSpec[] = [
  { family: "cipher", className: "javax.crypto.Cipher", methods: ["update", "doFinal"] },
  { family: "mac", className: "javax.crypto.Mac", methods: ["update", "doFinal"] },
  { family: "digest", className: "java.security.MessageDigest", methods: ["update", "digest"] },
  { family: "deflate", className: "java.util.zip.Deflater", methods: ["setInput", "deflate"] },
  {
    family: "base64",
    className: "android.util.Base64",
    methods: ["encode", "encodeToString"],
    oneShot: true,
  },
  {
    family: "base64",
    className: "java.util.Base64$Encoder",
    methods: ["encode", "encodeToString"],
    oneShot: true,
    skip: (types) => types.length !== 1 || types[0] !== "[B",
  },
];

export interface TransformInstallReport {
  readonly installed: string[];
  readonly failed: FailedHook[];
}

export function installTransformHooks(): TransformInstallReport {
  const installed: string[] = [];
  const failed: FailedHook[] = [];
  for (const spec of TRANSFORM_SPECS) {
    for (const name of spec.methods) {
      const api = `${spec.className.replace("$", ".")}.${name}`;
      hookFrames.add(`${spec.className}.${name}`);
      try {
        const dispatcher: Java.MethodDispatcher | undefined = Java.use(spec.className)[name];
        if (dispatcher === undefined) {
          throw new Error(`${spec.className} has no method ${name}`);
        }
        let hooked = 0;
        for (const original of dispatcher.overloads) {
          const argTypes = original.argumentTypes.map((type) => type.className ?? type.name);
          if ((spec.skip ?? byteBufferOverload)(argTypes)) {
            continue;
          }
          const method: Method = {
            family: spec.family,
            api,
            impl: spec.className,
            signature: `(${argTypes.join(",")})`,
            argTypes,
            original,
          };
          const handler = spec.oneShot === true ? interceptOneShot : intercept;
          original.implementation = function (this: Java.Wrapper, ...args: unknown[]): unknown {
            return handler(method, this, args);
          };
          if (name === "update" && spec.family !== "deflate") {
            offerFastPath(original, spec.className, argTypes);
          }
          hooked++;
        }
        if (hooked > 0) {
          installed.push(api);
        }
      } catch (error) {
        failed.push({ hook: api, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  try {
    installFastPath();
  } catch (error) {
    failed.push({ hook: "transform fast path", error: error instanceof Error ? error.message : String(error) });
  }
  return { installed, failed };
}
