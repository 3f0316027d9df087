// Async stacks: which code posted the work a worker thread runs. A Thread, an Executor task or a
// Handler message is keyed when it is posted (the posting stack is walked then); while the worker
// runs it, events on that thread carry the posting stack (`posted_from`), as debuggers show async
// stacks. A bare method reference run by a pool has no SDK frame of its own: this is how it is found.

import Java from "frida-java-bridge";

import { reportAgentError } from "./emit.js";
import { callerContext, identityHash } from "./jni.js";
import { parseStack } from "./stack.js";
import { isJavaObject } from "./text.js";

const MAX_POSTED = 2048;
const POOL = "java.util.concurrent.ThreadPoolExecutor";
const HANDLER = "android.os.Handler";
const MAX_FRAMES = 48;

// Posted work not yet run, by identity hash of the Runnable or Message (oldest first).
const pending = new Map<number, readonly string[]>();
// What each native thread is running now, and threads started with a known posting stack.
const running = new Map<number, readonly string[]>();
const startedThreads = new Map<string, readonly string[]>();
let busy = false;

export function postedFrom(threadId: number, threadName: string): readonly string[] {
  return running.get(threadId) ?? startedThreads.get(threadName) ?? [];
}

function remember<K>(map: Map<K, readonly string[]>, key: K, frames: readonly string[]): void {
  map.set(key, frames);
  if (map.size > MAX_POSTED) {
    const oldest = map.keys().next();
    if (oldest.done !== true) {
      map.delete(oldest.value);
    }
  }
}

// The poster's stack, followed by the stack that posted the poster's own work, if any.
function postingStack(hookFrames: ReadonlySet<string>): readonly string[] {
  const caller = callerContext();
  const frames = parseStack(caller.stackTrace, hookFrames);
  const outer = postedFrom(Process.getCurrentThreadId(), caller.thread);
  return [...frames, ...outer].slice(0, MAX_FRAMES);
}

// Agent work inside a hook: a failure is reported, never thrown into the app; no re-entry.
function guarded(work: () => void): void {
  if (busy) {
    return;
  }
  busy = true;
  try {
    work();
  } catch (error) {
    reportAgentError(error);
  } finally {
    busy = false;
  }
}

function keyOf(value: unknown): number | null {
  return isJavaObject(value) ? identityHash(value.$h) : null;
}

type Overload = Java.Method;

function eachOverload(className: string, method: string, replace: (overload: Overload) => void): void {
  for (const overload of Java.use(className)[method].overloads as Overload[]) {
    replace(overload);
  }
}

function onPost(className: string, method: string, postedIndex: number): void {
  const frames = new Set([`${className}.${method}`]);
  eachOverload(className, method, (overload) => {
    overload.implementation = function (this: Java.Wrapper, ...args: unknown[]): unknown {
      guarded(() => {
        const key = keyOf(args[postedIndex]);
        if (key !== null) {
          remember(pending, key, postingStack(frames));
        }
      });
      return overload.apply(this, args);
    };
  });
}

function onDispatch(className: string, method: string): void {
  eachOverload(className, method, (overload) => {
    overload.implementation = function (this: Java.Wrapper, ...args: unknown[]): unknown {
      const tid = Process.getCurrentThreadId();
      const before = running.get(tid);
      guarded(() => {
        const key = keyOf(args[0]);
        const posted = key === null ? undefined : pending.get(key);
        if (posted !== undefined) {
          running.set(tid, posted);
        }
      });
      try {
        return overload.apply(this, args);
      } finally {
        if (before === undefined) {
          running.delete(tid);
        } else {
          running.set(tid, before);
        }
      }
    };
  });
}

// ThreadPoolExecutor.beforeExecute/afterExecute bracket each task on the worker thread.
function onTaskBoundary(method: "beforeExecute" | "afterExecute"): void {
  eachOverload(POOL, method, (overload) => {
    overload.implementation = function (this: Java.Wrapper, ...args: unknown[]): unknown {
      const tid = Process.getCurrentThreadId();
      if (method === "afterExecute") {
        running.delete(tid);
      } else {
        guarded(() => {
          const key = keyOf(args[1]);
          const posted = key === null ? undefined : pending.get(key);
          if (posted !== undefined) {
            running.set(tid, posted);
          }
        });
      }
      return overload.apply(this, args);
    };
  });
}

interface JavaThread {
  getName(): string;
}

function onThreadStart(): void {
  const frames = new Set(["java.lang.Thread.start"]);
  eachOverload("java.lang.Thread", "start", (overload) => {
    overload.implementation = function (this: Java.Wrapper, ...args: unknown[]): unknown {
      guarded(() => {
        remember(startedThreads, String((this as unknown as JavaThread).getName()), postingStack(frames));
      });
      return overload.apply(this, args);
    };
  });
}

export interface PostingReport {
  readonly installed: string[];
  readonly failed: { readonly hook: string; readonly error: string }[];
}

// Thread.start; ThreadPoolExecutor.execute → beforeExecute (runWorker calls it on the worker for
// each task, on OpenJDK and libcore); Handler.sendMessageAtTime (every post/send ends there) →
// Handler.dispatchMessage on the looper thread.
export function installPostingHooks(): PostingReport {
  const installed: string[] = [];
  const failed: { hook: string; error: string }[] = [];
  const steps: ReadonlyArray<readonly [string, () => void]> = [
    ["java.lang.Thread.start", onThreadStart],
    [`${POOL}.execute`, () => onPost(POOL, "execute", 0)],
    [`${POOL}.beforeExecute`, () => onTaskBoundary("beforeExecute")],
    [`${POOL}.afterExecute`, () => onTaskBoundary("afterExecute")],
    [`${HANDLER}.sendMessageAtTime`, () => onPost(HANDLER, "sendMessageAtTime", 0)],
    [`${HANDLER}.dispatchMessage`, () => onDispatch(HANDLER, "dispatchMessage")],
  ];
  for (const [hook, install] of steps) {
    try {
      install();
      installed.push(hook);
    } catch (error) {
      failed.push({ hook, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { installed, failed };
}
