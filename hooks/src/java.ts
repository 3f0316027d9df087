// Java classes and methods the hot path needs, looked up once and reused for every call.

import Java from "frida-java-bridge";

type Wrapper = Java.Wrapper;

export interface CallerContext {
  readonly thread: string;
  readonly stackTrace: string;
}

interface JavaTools {
  readonly throwable: Wrapper;
  readonly newThrowable: Java.Method;
  readonly stringWriter: Wrapper;
  readonly newStringWriter: Java.Method;
  readonly printWriter: Wrapper;
  readonly newPrintWriter: Java.Method;
  readonly printStackTrace: Java.Method;
  readonly thread: Wrapper;
  readonly currentThread: Java.Method;
  readonly securityException: Wrapper;
}

let tools: JavaTools | null = null;

function javaTools(): JavaTools {
  if (tools === null) {
    const throwable = Java.use("java.lang.Throwable");
    const stringWriter = Java.use("java.io.StringWriter");
    const printWriter = Java.use("java.io.PrintWriter");
    const thread = Java.use("java.lang.Thread");
    // Overloads are chosen up front: an overloaded dispatcher tests every candidate through JNI on each call.
    tools = {
      throwable,
      newThrowable: throwable.$new.overload(),
      stringWriter,
      newStringWriter: stringWriter.$new.overload(),
      printWriter,
      newPrintWriter: printWriter.$new.overload("java.io.Writer"),
      printStackTrace: throwable.printStackTrace.overload("java.io.PrintWriter"),
      thread,
      currentThread: thread.currentThread.overload(),
      securityException: Java.use("java.lang.SecurityException").class,
    };
  }
  return tools;
}

export function prepareJavaTools(): void {
  javaTools();
}

// Throwable.printStackTrace costs a handful of JNI calls; getStackTrace() would cost several per frame.
export function callerContext(): CallerContext {
  const t = javaTools();
  const currentThread: Wrapper = t.currentThread.call(t.thread);
  const throwable: Wrapper = t.newThrowable.call(t.throwable);
  const writer: Wrapper = t.newStringWriter.call(t.stringWriter);
  const printer: Wrapper = t.newPrintWriter.call(t.printWriter, writer);
  try {
    t.printStackTrace.call(throwable, printer);
    return { thread: String(currentThread.getName()), stackTrace: String(writer.toString()) };
  } finally {
    printer.$dispose();
    writer.$dispose();
    throwable.$dispose();
    currentThread.$dispose();
  }
}

interface JavaError {
  readonly $h: NativePointer;
}

function isJavaError(error: unknown): error is Error & JavaError {
  return error instanceof Error && "$h" in error;
}

export function isSecurityException(error: unknown): boolean {
  if (!isJavaError(error)) {
    return false;
  }
  const t = javaTools();
  const thrown = Java.cast(error.$h, t.throwable);
  try {
    return Boolean(t.securityException.isInstance(thrown));
  } finally {
    thrown.$dispose();
  }
}

export function runtimeName(): "art" | "hotspot" {
  return Process.findModuleByName("libart.so") === null ? "hotspot" : "art";
}
