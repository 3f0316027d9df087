// Transform hooks: encryption, MACs, digests, compression and base64 record what went in (capped) and
// the head of what came out, so that analysis can link a canary in the input to the output in a flow.
//
// One event per finished operation (Cipher/Mac doFinal, MessageDigest digest, a finished Deflater, a
// Base64 encode). These methods sit on hot paths (`update` runs once per buffer), so the per-call work
// is kept small: what an operation keeps is capped (transform_record.ts), events are filtered and
// sampled (transform_event.ts), and once an operation holds all it keeps, its update() calls are only
// counted, natively (transform_fastpath.ts). An operation is tracked per thread and per instance; transforms called from inside another hooked
// transform (Mac.doFinal(byte[]) calling update) are part of the outer call.

import Java from "frida-java-bridge";

import { reportAgentError } from "./emit.js";
import type { FailedHook } from "./emit.js";
import { emit, hookFrames } from "./transform_event.js";
import { outputStartOf } from "./transform_buffers.js";
import { installFastPath, markTracked, offerFastPath, takeUnrecorded } from "./transform_fastpath.js";
import { recordInput, recordOutput } from "./transform_record.js";
import type { Family, Method, Operation } from "./transform_record.js";

const busyThreads = new Set<number>();
// Whose update() calls transform_fastpath.ts handles (Deflater's need finished() after each deflate).
const FAST_PATH_FAMILIES: ReadonlySet<Family> = new Set(["cipher", "mac", "digest"]);
const operations = new Map<string, Operation[]>(); // by family and thread

function env(): Java.Env {
  return Java.vm.getEnv();
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

function isFinal(method: Method, self: Java.Wrapper): boolean {
  if (method.family === "deflate") {
    return method.api.endsWith(".deflate") && Boolean(self.finished());
  }
  return !method.api.endsWith(".update") && !method.api.endsWith(".setInput");
}

// What the native fast path kept and counted since the operation was marked, taken back before any call
// it makes through here (so that a doFinal's own inner update() calls are not counted twice). If one of
// them threw, the operation ended there, as it does below.
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
  if (unrecorded.input.length > 0) {
    operation.input.push(unrecorded.input);
    operation.inputKept += unrecorded.input.length;
  }
  if (unrecorded.output.length > 0) {
    operation.output.push(unrecorded.output);
    operation.outputKept += unrecorded.output.length;
  }
  return operation;
}

function intercept(method: Method, self: Java.Wrapper, args: unknown[]): unknown {
  const tid = Process.getCurrentThreadId();
  if (busyThreads.has(tid)) {
    return method.original.apply(self, args);
  }
  busyThreads.add(tid);
  try {
    let operation: Operation | null = null;
    let outputStart = -1;
    try {
      operation = withUnrecordedCalls(method.family, self, operationFor(method.family, self));
      operation.calls++;
      recordInput(method, operation, args);
      outputStart = outputStartOf(method.family, method.api, method.argTypes, args);
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
        recordOutput(method, operation, args, result, outputStart);
        if (isFinal(method, self)) {
          closeOperation(method.family, operation);
          emit(method, self, operation);
        } else if (operation.fastEntry === null && FAST_PATH_FAMILIES.has(method.family)) {
          operation.fastEntry = markTracked(operation.instance, operation.inputKept, operation.outputKept);
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
      recordOutput(method, operation, args, result, -1);
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
  // Overloads left alone (by their argument types).
  readonly skip?: (argTypes: readonly string[]) => boolean;
}

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
          if (spec.skip?.(argTypes) === true) {
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
