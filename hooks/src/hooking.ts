// Generic interception: hook every overload of a method, record one event per outermost call.

import Java from "frida-java-bridge";

import { record, reportAgentError } from "./emit.js";
import type { DataType, EventKind, FailedHook, Outcome } from "./emit.js";
import { callerContext, isSecurityException } from "./jni.js";
import { postedFrom } from "./posting.js";
import { parseStack } from "./stack.js";
import { argText, bounded, readableTypeName, VALUE_LIMIT, valueText } from "./text.js";

export interface Call {
  readonly self: Java.Wrapper;
  readonly args: readonly unknown[];
  readonly argTypes: readonly string[];
}

export interface HookSpec {
  // Public API name "package.Class.method"; the hooked method is its last segment.
  readonly api: string;
  // Concrete classes to hook, the first that has the method wins; by default the API's own class.
  readonly classes?: readonly string[];
  readonly kind: EventKind;
  readonly dataType: DataType | null | ((call: Call) => DataType | null);
  // What a dataType function can answer: listed in the coverage when the hook fails to install.
  readonly possibleDataTypes?: readonly DataType[];
  // Hooks sharing a group record only the outermost call on a thread (Settings.System.getString
  // delegating to Settings.Secure.getStringForUser is one read); by default the API is the group.
  readonly group?: string;
  // The class belongs to an SDK or a vendor build, not to every Android: its absence is expected.
  readonly optional?: boolean;
  // A call for which this is false runs untouched and records nothing. It is decided first, before
  // any other work, so it must be cheap and must not call Java through the bridge (raw JNI reads
  // are fine) unless `whenCallsJava` says so (then it runs later, as agent work).
  readonly when?: (call: Call) => boolean;
  readonly whenCallsJava?: boolean;
  readonly describeArgs?: (call: Call) => string[];
  readonly describeValue?: (result: unknown) => string | null;
  // Agent work for a recorded call, before the original runs (e.g. hooking a listener it registers).
  readonly onCall?: (call: Call) => void;
}

export interface InstallReport {
  readonly installed: string[];
  readonly failed: FailedHook[];
  // Optional hooks whose SDK or vendor class is not in this process.
  readonly absent: string[];
}

interface HookedOverload {
  readonly spec: HookSpec;
  readonly group: string;
  readonly impl: string;
  readonly signature: string;
  readonly argTypes: readonly string[];
  readonly hookFrames: ReadonlySet<string>;
  readonly original: Java.Method;
}

interface Draft {
  readonly ts: number;
  readonly dataType: DataType | null;
  readonly args: readonly string[];
  readonly thread: string;
  readonly stack: readonly string[];
  readonly postedFrom: readonly string[];
}

// Per Java thread: which APIs are being recorded (an overload delegating to a sibling overload of
// the same API records once), and whether the agent itself is calling into Java (its own calls,
// e.g. Location.getLatitude while describing a Location, must not become events).
interface ThreadState {
  readonly activeApis: Set<string>;
  agentDepth: number;
}

const threads = new Map<number, ThreadState>();

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function splitApi(api: string): { readonly className: string; readonly method: string } {
  const dot = api.lastIndexOf(".");
  return { className: api.slice(0, dot), method: api.slice(dot + 1) };
}

function resolveOverloads(spec: HookSpec): { readonly impl: string; readonly overloads: Java.Method[] } {
  const { className, method } = splitApi(spec.api);
  const errors: string[] = [];
  for (const candidate of spec.classes ?? [className]) {
    try {
      const dispatcher: Java.MethodDispatcher | undefined = Java.use(candidate)[method];
      if (dispatcher === undefined) {
        errors.push(`${candidate} has no method ${method}`);
        continue;
      }
      return { impl: candidate, overloads: dispatcher.overloads };
    } catch (error) {
      errors.push(messageOf(error));
    }
  }
  throw new Error(errors.join("; "));
}

function signatureOf(argTypes: readonly string[]): string {
  return `(${argTypes.map(readableTypeName).join(",")})`;
}

function dataTypesOf(spec: HookSpec): string {
  if (typeof spec.dataType === "function") {
    return (spec.possibleDataTypes ?? []).join(",");
  }
  return spec.dataType ?? "";
}

export function installHooks(specs: readonly HookSpec[]): InstallReport {
  const installed: string[] = [];
  const failed: FailedHook[] = [];
  const absent: string[] = [];
  for (const spec of specs) {
    let resolved: { readonly impl: string; readonly overloads: Java.Method[] };
    try {
      resolved = resolveOverloads(spec);
    } catch (error) {
      if (spec.optional === true) {
        absent.push(spec.api);
      } else {
        failed.push({ hook: spec.api, error: messageOf(error), data_types: dataTypesOf(spec) });
      }
      continue;
    }
    try {
      const { impl, overloads } = resolved;
      const { className, method } = splitApi(spec.api);
      // A constructor is hooked as "$init" and shows in stack traces as "<init>".
      const frameMethod = method === "$init" ? "<init>" : method;
      const hookFrames = new Set([`${impl}.${frameMethod}`, `${className}.${frameMethod}`]);
      let hooked = 0;
      for (const original of overloads) {
        const argTypes = original.argumentTypes.map((type) => type.className ?? type.name);
        const overload: HookedOverload = {
          spec,
          group: spec.group ?? spec.api,
          impl,
          signature: signatureOf(argTypes),
          argTypes,
          hookFrames,
          original,
        };
        try {
          original.implementation = function (this: Java.Wrapper, ...args: unknown[]): unknown {
            return intercept(overload, this, args);
          };
          hooked++;
        } catch (error) {
          failed.push({ hook: spec.api + overload.signature, error: messageOf(error), data_types: dataTypesOf(spec) });
        }
      }
      if (hooked > 0) {
        installed.push(spec.api);
      }
    } catch (error) {
      failed.push({ hook: spec.api, error: messageOf(error), data_types: dataTypesOf(spec) });
    }
  }
  return { installed, failed, absent };
}

// Runs agent work on behalf of a hooked call: Java calls it makes are not recorded, and an agent
// bug is reported instead of reaching the app (the caller still gets the original result).
function asAgent<T>(state: ThreadState, work: () => T): T | null {
  state.agentDepth++;
  try {
    return work();
  } catch (error) {
    reportAgentError(error);
    return null;
  } finally {
    state.agentDepth--;
  }
}

// Agent work in a hook installed by hand (not through installHooks): Java calls it makes, even to
// hooked APIs, are not recorded; a failure is reported.
export function runAsAgent<T>(work: () => T): T | null {
  const tid = Process.getCurrentThreadId();
  const state = threads.get(tid) ?? { activeApis: new Set<string>(), agentDepth: 0 };
  threads.set(tid, state);
  try {
    return asAgent(state, work);
  } finally {
    if (state.activeApis.size === 0 && state.agentDepth === 0) {
      threads.delete(tid);
    }
  }
}

// The cheap filter of a spec, run before anything else; a filter that fails reports and lets the call by.
function passesFilter(hook: HookedOverload, call: Call): boolean {
  const when = hook.spec.when;
  if (when === undefined || hook.spec.whenCallsJava === true) {
    return true;
  }
  try {
    return when(call);
  } catch (error) {
    reportAgentError(error);
    return false;
  }
}

function intercept(hook: HookedOverload, self: Java.Wrapper, args: unknown[]): unknown {
  const call: Call = { self, args, argTypes: hook.argTypes };
  if (!passesFilter(hook, call)) {
    return hook.original.apply(self, args);
  }
  const tid = Process.getCurrentThreadId();
  let state = threads.get(tid);
  if (state === undefined) {
    state = { activeApis: new Set(), agentDepth: 0 };
    threads.set(tid, state);
  } else if (state.agentDepth > 0 || state.activeApis.has(hook.group)) {
    return hook.original.apply(self, args);
  }
  const api = hook.group;
  state.activeApis.add(api);
  try {
    const draft = asAgent(state, () => startEvent(hook, call, tid));
    if (draft === null) {
      return hook.original.apply(self, args);
    }
    let result: unknown;
    try {
      result = hook.original.apply(self, args);
    } catch (error) {
      asAgent(state, () => finishEvent(hook, draft, null, thrownOutcome(error), messageOf(error)));
      throw error;
    }
    asAgent(state, () => finishEvent(hook, draft, describeValue(hook.spec, result), "returned", null));
    return result;
  } finally {
    state.activeApis.delete(api);
    if (state.activeApis.size === 0 && state.agentDepth === 0) {
      threads.delete(tid);
    }
  }
}

// null: this call is not an event (the spec's `when` said no).
function startEvent(hook: HookedOverload, call: Call, tid: number): Draft | null {
  const spec = hook.spec;
  if (spec.whenCallsJava === true && spec.when !== undefined && !spec.when(call)) {
    return null;
  }
  const ts = Date.now() / 1000;
  const dataType = typeof spec.dataType === "function" ? spec.dataType(call) : spec.dataType;
  const args = spec.describeArgs !== undefined ? spec.describeArgs(call) : call.args.map(argText);
  const caller = callerContext();
  spec.onCall?.(call);
  return {
    ts,
    dataType,
    args,
    thread: caller.thread,
    stack: parseStack(caller.stackTrace, hook.hookFrames),
    postedFrom: postedFrom(tid, caller.thread),
  };
}

function describeValue(spec: HookSpec, result: unknown): string | null {
  return spec.describeValue !== undefined ? spec.describeValue(result) : valueText(result);
}

function thrownOutcome(error: unknown): Outcome {
  return isSecurityException(error) ? "security_exception" : "threw";
}

function finishEvent(
  hook: HookedOverload,
  draft: Draft,
  value: string | null,
  outcome: Outcome,
  error: string | null,
): void {
  record({
    ts: draft.ts,
    api: hook.spec.api,
    impl: hook.impl,
    overload: hook.signature,
    kind: hook.spec.kind,
    data_type: draft.dataType,
    value,
    args: draft.args,
    thread: draft.thread,
    stack: draft.stack,
    posted_from: draft.postedFrom,
    outcome,
    error: error === null ? null : bounded(error, VALUE_LIMIT),
  });
}
