// A finished transform operation as an event: only operations that app or SDK code asked for, whose input
// could hold a canary, sampled per algorithm and per burst so that a hot loop costs few stack traces.

import type Java from "frida-java-bridge";

import { base64Of } from "./base64.js";
import { record } from "./emit.js";
import { callerContext } from "./jni.js";
import { parseStack } from "./stack.js";
import { nativeBase64 } from "./transform_fastpath.js";
import { joined } from "./transform_record.js";
import type { Family, Method, Operation } from "./transform_record.js";

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

const eventsPerAlgorithm = new Map<string, number>();
const bursts = new Map<string, { start: number; count: number }>(); // by family and thread
// The hooked methods' own frames, left out of stacks (transforms.ts adds them).
export const hookFrames = new Set<string>();

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
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const allowed = Math.floor(total / 50); // control characters; binary input stops the scan early
  let control = 0;
  for (const chunk of chunks) {
    for (const byte of chunk) {
      if ((byte < 9 || (byte > 13 && byte < 32) || byte === 127) && ++control > allowed) {
        return false;
      }
    }
  }
  return total > 0;
}

export function emit(method: Method, self: Java.Wrapper, operation: Operation): void {
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
  const input = joined(operation.input, operation.inputKept);
  const value = {
    algorithm,
    family: method.family,
    input: nativeBase64(input) ?? base64Of(input),
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
