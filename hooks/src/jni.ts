// The Java calls every intercepted call makes (thread name, stack trace, toString), done through raw
// JNI: a frida-java-bridge wrapper call costs tens of microseconds, a raw JNI call about one.
// Only standard JNI is used, so this works the same on ART and HotSpot.

import Java from "frida-java-bridge";

export interface CallerContext {
  readonly thread: string;
  readonly stackTrace: string;
}

// "exclusive": the JS lock stays held; every Java method called here only touches objects it
// created itself (or the receiver's toString), so it cannot wait on a thread that waits for the lock.
const FAST: NativeFunctionOptions = { exceptions: "propagate", scheduling: "exclusive" };
const LOCAL_FRAME_CAPACITY = 16;

// Indices into JNINativeInterface, fixed by the JNI specification.
function bindJni(env: NativePointer) {
  const functions = env.readPointer();
  const at = (index: number): NativePointer => functions.add(index * Process.pointerSize).readPointer();
  return {
    findClass: new NativeFunction(at(6), "pointer", ["pointer", "pointer"], FAST),
    exceptionClear: new NativeFunction(at(17), "void", ["pointer"], FAST),
    pushLocalFrame: new NativeFunction(at(19), "int32", ["pointer", "int32"], FAST),
    popLocalFrame: new NativeFunction(at(20), "pointer", ["pointer", "pointer"], FAST),
    newGlobalRef: new NativeFunction(at(21), "pointer", ["pointer", "pointer"], FAST),
    deleteLocalRef: new NativeFunction(at(23), "void", ["pointer", "pointer"], FAST),
    newObjectA: new NativeFunction(at(30), "pointer", ["pointer", "pointer", "pointer", "pointer"], FAST),
    isInstanceOf: new NativeFunction(at(32), "uint8", ["pointer", "pointer", "pointer"], FAST),
    getMethodId: new NativeFunction(at(33), "pointer", ["pointer", "pointer", "pointer", "pointer"], FAST),
    callObjectMethodA: new NativeFunction(at(36), "pointer", ["pointer", "pointer", "pointer", "pointer"], FAST),
    callVoidMethodA: new NativeFunction(at(63), "void", ["pointer", "pointer", "pointer", "pointer"], FAST),
    getFieldId: new NativeFunction(at(94), "pointer", ["pointer", "pointer", "pointer", "pointer"], FAST),
    getObjectField: new NativeFunction(at(95), "pointer", ["pointer", "pointer", "pointer"], FAST),
    callStaticIntMethodA: new NativeFunction(at(131), "int32", ["pointer", "pointer", "pointer", "pointer"], FAST),
    getStaticMethodId: new NativeFunction(at(113), "pointer", ["pointer", "pointer", "pointer", "pointer"], FAST),
    callStaticObjectMethodA: new NativeFunction(
      at(116),
      "pointer",
      ["pointer", "pointer", "pointer", "pointer"],
      FAST,
    ),
    getStringLength: new NativeFunction(at(164), "int32", ["pointer", "pointer"], FAST),
    getStringChars: new NativeFunction(at(165), "pointer", ["pointer", "pointer", "pointer"], FAST),
    releaseStringChars: new NativeFunction(at(166), "void", ["pointer", "pointer", "pointer"], FAST),
    exceptionCheck: new NativeFunction(at(228), "uint8", ["pointer"], FAST),
  };
}

type JniFunctions = ReturnType<typeof bindJni>;

interface JavaRefs {
  readonly jni: JniFunctions;
  readonly threadClass: NativePointer;
  readonly currentThread: NativePointer;
  readonly getName: NativePointer;
  readonly throwableClass: NativePointer;
  readonly newThrowable: NativePointer;
  readonly printStackTrace: NativePointer;
  readonly stringWriterClass: NativePointer;
  readonly newStringWriter: NativePointer;
  readonly printWriterClass: NativePointer;
  readonly newPrintWriter: NativePointer;
  readonly toString: NativePointer;
  readonly securityExceptionClass: NativePointer;
  readonly filePath: NativePointer;
  readonly systemClass: NativePointer;
  readonly identityHashCode: NativePointer;
}

let refs: JavaRefs | null = null;

function currentEnv(): NativePointer {
  return Java.vm.getEnv().handle as NativePointer;
}

function lookUpRefs(): JavaRefs {
  const env = currentEnv();
  const jni = bindJni(env);
  const globalClass = (name: string): NativePointer => {
    const local = jni.findClass(env, Memory.allocUtf8String(name));
    checkException(jni, env, `FindClass ${name}`);
    return jni.newGlobalRef(env, local);
  };
  const method = (klass: NativePointer, name: string, signature: string): NativePointer => {
    const id = jni.getMethodId(env, klass, Memory.allocUtf8String(name), Memory.allocUtf8String(signature));
    checkException(jni, env, `GetMethodID ${name}${signature}`);
    return id;
  };
  const fieldOf = (klass: NativePointer, name: string, signature: string): NativePointer => {
    const id = jni.getFieldId(env, klass, Memory.allocUtf8String(name), Memory.allocUtf8String(signature));
    checkException(jni, env, `GetFieldID ${name}`);
    return id;
  };
  const staticMethod = (klass: NativePointer, name: string, signature: string): NativePointer => {
    const id = jni.getStaticMethodId(env, klass, Memory.allocUtf8String(name), Memory.allocUtf8String(signature));
    checkException(jni, env, `GetStaticMethodID ${name}${signature}`);
    return id;
  };
  const systemClass = globalClass("java/lang/System");
  const threadClass = globalClass("java/lang/Thread");
  const throwableClass = globalClass("java/lang/Throwable");
  const stringWriterClass = globalClass("java/io/StringWriter");
  const printWriterClass = globalClass("java/io/PrintWriter");
  const currentThread = jni.getStaticMethodId(
    env,
    threadClass,
    Memory.allocUtf8String("currentThread"),
    Memory.allocUtf8String("()Ljava/lang/Thread;"),
  );
  checkException(jni, env, "GetStaticMethodID currentThread");
  return {
    jni,
    threadClass,
    currentThread,
    getName: method(threadClass, "getName", "()Ljava/lang/String;"),
    throwableClass,
    newThrowable: method(throwableClass, "<init>", "()V"),
    printStackTrace: method(throwableClass, "printStackTrace", "(Ljava/io/PrintWriter;)V"),
    stringWriterClass,
    newStringWriter: method(stringWriterClass, "<init>", "()V"),
    printWriterClass,
    newPrintWriter: method(printWriterClass, "<init>", "(Ljava/io/Writer;)V"),
    toString: method(globalClass("java/lang/Object"), "toString", "()Ljava/lang/String;"),
    securityExceptionClass: globalClass("java/lang/SecurityException"),
    filePath: fieldOf(globalClass("java/io/File"), "path", "Ljava/lang/String;"),
    systemClass,
    identityHashCode: staticMethod(systemClass, "identityHashCode", "(Ljava/lang/Object;)I"),
  };
}

function javaRefs(): JavaRefs {
  refs ??= lookUpRefs();
  return refs;
}

// A Java exception left pending would surface in the app at its next JNI transition: clear it here.
function checkException(jni: JniFunctions, env: NativePointer, what: string): void {
  if (jni.exceptionCheck(env) !== 0) {
    jni.exceptionClear(env);
    throw new Error(`${what} threw a Java exception`);
  }
}

function readString(jni: JniFunctions, env: NativePointer, string: NativePointer): string | null {
  if (string.isNull()) {
    return null;
  }
  const length = jni.getStringLength(env, string);
  const chars = jni.getStringChars(env, string, NULL);
  try {
    return chars.readUtf16String(length);
  } finally {
    jni.releaseStringChars(env, string, chars);
  }
}

function withLocalFrame<T>(jni: JniFunctions, env: NativePointer, work: () => T): T {
  if (jni.pushLocalFrame(env, LOCAL_FRAME_CAPACITY) !== 0) {
    jni.exceptionClear(env);
    throw new Error("PushLocalFrame failed");
  }
  try {
    return work();
  } finally {
    jni.popLocalFrame(env, NULL);
  }
}

function oneArgument(value: NativePointer): NativePointer {
  const jvalue = Memory.alloc(8);
  jvalue.writePointer(value);
  return jvalue;
}

// Looks up and warms up everything (class initialisation included) before the first hooked call.
export function prepareJni(): void {
  callerContext();
}

export function callerContext(): CallerContext {
  const r = javaRefs();
  const { jni } = r;
  const env = currentEnv();
  return withLocalFrame(jni, env, () => {
    const thread = jni.callStaticObjectMethodA(env, r.threadClass, r.currentThread, NULL);
    checkException(jni, env, "Thread.currentThread");
    const name = jni.callObjectMethodA(env, thread, r.getName, NULL);
    checkException(jni, env, "Thread.getName");
    const throwable = jni.newObjectA(env, r.throwableClass, r.newThrowable, NULL);
    checkException(jni, env, "new Throwable");
    const writer = jni.newObjectA(env, r.stringWriterClass, r.newStringWriter, NULL);
    checkException(jni, env, "new StringWriter");
    const printer = jni.newObjectA(env, r.printWriterClass, r.newPrintWriter, oneArgument(writer));
    checkException(jni, env, "new PrintWriter");
    jni.callVoidMethodA(env, throwable, r.printStackTrace, oneArgument(printer));
    checkException(jni, env, "Throwable.printStackTrace");
    const trace = jni.callObjectMethodA(env, writer, r.toString, NULL);
    checkException(jni, env, "StringWriter.toString");
    return { thread: readString(jni, env, name) ?? "", stackTrace: readString(jni, env, trace) ?? "" };
  });
}

// Object.toString through virtual dispatch: works whatever static type the bridge gave the object.
export function objectToString(object: NativePointer): string {
  const r = javaRefs();
  const { jni } = r;
  const env = currentEnv();
  return withLocalFrame(jni, env, () => {
    const text = jni.callObjectMethodA(env, object, r.toString, NULL);
    checkException(jni, env, "toString");
    return readString(jni, env, text) ?? "null";
  });
}

// java.io.File's `path` field (the same private field on OpenJDK and libcore), read without a call.
export function filePathOf(file: NativePointer): string | null {
  const r = javaRefs();
  const { jni } = r;
  const env = currentEnv();
  // One local reference: deleted at once instead of pushing a local frame (this runs on every file open).
  const path = jni.getObjectField(env, file, r.filePath);
  try {
    return readString(jni, env, path);
  } finally {
    if (!path.isNull()) {
      jni.deleteLocalRef(env, path);
    }
  }
}

// System.identityHashCode: which posted Runnable or Message a worker is running, without a bridge call.
export function identityHash(object: NativePointer): number {
  const r = javaRefs();
  const env = currentEnv();
  const hash = r.jni.callStaticIntMethodA(env, r.systemClass, r.identityHashCode, oneArgument(object));
  checkException(r.jni, env, "System.identityHashCode");
  return hash;
}

interface JavaError {
  readonly $h: NativePointer;
}

export function isSecurityException(error: unknown): boolean {
  if (!(error instanceof Error && "$h" in error)) {
    return false;
  }
  const r = javaRefs();
  return r.jni.isInstanceOf(currentEnv(), (error as JavaError).$h, r.securityExceptionClass) !== 0;
}

export function runtimeName(): "art" | "hotspot" {
  return Process.findModuleByName("libart.so") === null ? "hotspot" : "art";
}
