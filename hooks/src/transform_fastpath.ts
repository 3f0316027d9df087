// A native fast path for the per-buffer update() calls of Cipher, Mac and MessageDigest on HotSpot.
//
// frida-java-bridge runs every call of a replaced method through JavaScript, ~20-30 µs a call (the
// crossing, wrapping `this` and each argument, calling the original back through JNI): eight times
// what hashing and encrypting a 4 KiB buffer costs. So after an operation's first call (JavaScript:
// it starts the operation), its update() calls are handled by a small C function (CModule) installed
// as the replaced method's native code: it keeps what transform_record.ts would (input up to the cap,
// the head of the output), counts the calls and bytes, and calls the original directly. Calls of
// objects that are not tracked go on to the bridge's JavaScript replacement. Nothing is sampled out:
// the operation takes the kept bytes and counts back at its next JavaScript call (doFinal, or any
// overload not handled here), so its event is the one the JavaScript path alone would have recorded.
//
// This relies on two internals of frida-java-bridge 7.0.x on HotSpot (lib/jvm.js): the replacement's
// mangler (`method._r._m`) installs `mangler.impl` as the native function of the replaced method when
// the scheduled replacement runs (Script.nextTick), and `mangler.resolveTarget` gives a jmethodID of
// the original, made non-virtual, callable with CallNonvirtual<Type>MethodA. On ART (lib/android.js)
// the original is reached another way; there every call takes the JavaScript path, as before.

import Java from "frida-java-bridge";

import { INPUT_CAP, OUTPUT_HEAD } from "./transform_record.js";

// An operation tracked natively: which thread (its JNIEnv) and object, what its calls here added.
const ENTRIES = 128;
// env, ref, calls, input bytes, output bytes, failed, buffer, input kept, output kept, input room, output room
const ENTRY_SIZE = 88;
const SLOT_SIZE = 24; // bridge replacement, original jmethodID, declaring class
// JNI function table indices (the JNI specification's "Interface Function Table").
const JNI = {
  isSameObject: 24,
  callObjectA: 66,
  callIntA: 81,
  callVoidA: 93,
  getArrayLength: 171,
  getByteArrayRegion: 200,
  exceptionCheck: 228,
};

export interface Unrecorded {
  readonly calls: number;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly input: Uint8Array; // what the calls here kept, within the room the operation had left
  readonly output: Uint8Array;
  readonly failed: boolean; // the original threw: the operation ended there
}

interface Mangler {
  impl: NativePointer;
  resolveTarget(wrapper: unknown, isInstanceMethod: boolean, env: unknown, api: unknown): NativePointer;
}

interface Replaced {
  readonly _r?: NativePointer & { readonly _m?: Mangler };
}

interface Overload {
  readonly original: Java.Method;
  readonly className: string;
  readonly argTypes: readonly string[];
  readonly returnType: string;
}

const pending: Overload[] = [];
let entries: NativePointer = NULL;
const entriesEnd = Memory.alloc(4).writeS32(0); // past the last entry in use: where the C side stops looking
const buffers: NativePointer[] = []; // by entry, INPUT_CAP + OUTPUT_HEAD bytes, made on first use
// 1 while the fast path is used; 0 sends every call through JavaScript (benchmarks/transform_overhead.py).
const switchedOn = Memory.alloc(4).writeS32(1);
// Kept for the life of the script: the JVM calls into it.
let module: CModule | null = null;

function isHotSpot(): boolean {
  return (Java as unknown as { api?: { flavor?: string } }).api?.flavor === "jvm";
}

function cType(type: string): string {
  return type === "int" || type === "byte" ? "gint" : "gpointer";
}

// What one call adds to the operation's input (before the original runs), as transform_record.ts does.
function keepInput(argTypes: readonly string[]): string {
  if (argTypes[0] === "byte") {
    return "keep_byte (e, a0);";
  }
  if (argTypes.length >= 3) {
    return "keep_input (env, e, a0, a1, a2);";
  }
  return "if (a0 != NULL) keep_input (env, e, a0, 0, ((GetLen) jni (env)[JNI_LEN]) (env, a0));";
}

function inputSize(argTypes: readonly string[]): string {
  if (argTypes[0] === "byte") {
    return "1";
  }
  return argTypes.length >= 3 ? "(a2 > 0 ? a2 : 0)" : "(a0 != NULL ? ((GetLen) jni (env)[JNI_LEN]) (env, a0) : 0)";
}

// ... and to its output (after): an int result is the count of bytes written into the output array.
function keepOutput(argTypes: readonly string[], returnType: string): string {
  if (returnType === "int") {
    return `e->out_bytes += (r > 0 ? r : 0); keep_output (env, e, a3, ${argTypes.length === 5 ? "a4" : "0"}, r);`;
  }
  if (returnType === "[B") {
    return "gint n = (r != NULL) ? ((GetLen) jni (env)[JNI_LEN]) (env, r) : 0; e->out_bytes += n; keep_output (env, e, r, 0, n);";
  }
  return "";
}

function functionSource(index: number, overload: Overload): string {
  const { argTypes, returnType } = overload;
  const ret = returnType === "void" ? "void" : cType(returnType);
  const params = argTypes.map((type, i) => `${cType(type)} a${i}`);
  const forward = ["env", "self", ...argTypes.map((_, i) => `a${i}`)].join(", ");
  const signature = ["gpointer", "gpointer", ...argTypes.map(cType)].join(", ");
  const values = argTypes.map((type, i) => (cType(type) === "gint" ? `(guint64) (gint64) a${i}` : `(guint64) a${i}`));
  const call = returnType === "void" ? "callVoidA" : returnType === "int" ? "callIntA" : "callObjectA";
  const result = returnType === "void" ? "" : `${ret} r = `;
  return `
${ret} fast_${index} (${["gpointer env", "gpointer self", ...params].join(", ")}) {
  Slot * s = &slots[${index}];
  Entry * e = (s->mid != NULL) ? tracked (env, self) : NULL;
  if (e == NULL)
    return ((${ret} (*) (${signature})) s->js) (${forward});
  guint64 v[${Math.max(1, argTypes.length)}] = { ${values.join(", ") || "0"} };
  ${keepInput(argTypes)}
  ${result}((${ret} (*) (gpointer, gpointer, gpointer, gpointer, guint64 *)) jni (env)[JNI_${call}]) (env, self, s->clazz, s->mid, v);
  if (((Check) jni (env)[JNI_CHECK]) (env)) {
    e->failed = 1;
  } else {
    e->calls++;
    e->in_bytes += ${inputSize(argTypes)};
    ${keepOutput(argTypes, returnType)}
  }
  ${returnType === "void" ? "" : "return r;"}
}`;
}

function moduleSource(overloads: readonly Overload[]): string {
  return `#include <glib.h>
typedef struct { gpointer js; gpointer mid; gpointer clazz; } Slot;
typedef struct {
  gpointer env; gpointer ref; gint64 calls; gint64 in_bytes; gint64 out_bytes; gint64 failed;
  guint8 * buf; gint64 in_kept; gint64 out_kept; gint64 in_room; gint64 out_room;
} Entry;
typedef guint8 (*Same) (gpointer, gpointer, gpointer);
typedef gint (*GetLen) (gpointer, gpointer);
typedef void (*GetRegion) (gpointer, gpointer, gint, gint, gpointer);
typedef guint8 (*Check) (gpointer);
extern Slot slots[];
extern Entry entries[];
extern gint switched_on;
extern gint entries_end;
#define INPUT_CAP ${INPUT_CAP}
#define JNI_SAME ${JNI.isSameObject}
#define JNI_callObjectA ${JNI.callObjectA}
#define JNI_callIntA ${JNI.callIntA}
#define JNI_callVoidA ${JNI.callVoidA}
#define JNI_LEN ${JNI.getArrayLength}
#define JNI_REGION ${JNI.getByteArrayRegion}
#define JNI_CHECK ${JNI.exceptionCheck}
static gpointer * jni (gpointer env) { return *(gpointer **) env; }
/* Entries of a thread are written only by that thread (here, or by the agent's JavaScript running on it). */
static Entry * tracked (gpointer env, gpointer self) {
  if (!switched_on)
    return NULL;
  for (int i = 0; i < entries_end; i++) {
    Entry * e = &entries[i];
    if (e->env == env && !e->failed && ((Same) jni (env)[JNI_SAME]) (env, e->ref, self))
      return e;
  }
  return NULL;
}
/* Copies up to the room left; a range outside the array copies nothing (the original throws). */
static void keep (gpointer env, gpointer array, gint off, gint len, gint64 room, guint8 * to, gint64 * kept) {
  if (room <= 0 || array == NULL || off < 0 || len <= 0)
    return;
  if (off > ((GetLen) jni (env)[JNI_LEN]) (env, array) - len)
    return;
  gint n = (len < room) ? len : (gint) room;
  ((GetRegion) jni (env)[JNI_REGION]) (env, array, off, n, to + *kept);
  *kept += n;
}
static void keep_input (gpointer env, Entry * e, gpointer array, gint off, gint len) {
  keep (env, array, off, len, e->in_room - e->in_kept, e->buf, &e->in_kept);
}
static void keep_output (gpointer env, Entry * e, gpointer array, gint off, gint len) {
  keep (env, array, off, len, e->out_room - e->out_kept, e->buf + INPUT_CAP, &e->out_kept);
}
static void keep_byte (Entry * e, gint value) {
  if (e->in_kept < e->in_room)
    e->buf[e->in_kept++] = (guint8) value;
}
${overloads.map((overload, i) => functionSource(i, overload)).join("\n")}
`;
}

function replacementOf(original: Java.Method): (NativePointer & { readonly _m?: Mangler }) | null {
  const replacement = (original as unknown as Replaced)._r;
  return replacement instanceof NativePointer && replacement._m !== undefined ? replacement : null;
}

// Called right after `original.implementation` was set, in the same tick (before the bridge installs it).
export function offerFastPath(original: Java.Method, className: string, argTypes: readonly string[]): void {
  if (!isHotSpot() || replacementOf(original) === null) {
    return;
  }
  const returnType = original.returnType.className ?? original.returnType.name;
  if (!["void", "int", "[B"].includes(returnType) || !argTypes.every((t) => ["[B", "int", "byte"].includes(t))) {
    return;
  }
  if (returnType === "int" && argTypes[3] !== "[B") {
    return; // an int result is read as the bytes written into the array at argument 3 (Cipher.update)
  }
  pending.push({ original, className, argTypes, returnType });
}

// Compiles the offered overloads into one module and has the bridge install its functions instead.
export function installFastPath(): number {
  const overloads = pending.splice(0);
  if (overloads.length === 0) {
    return 0;
  }
  const slots = Memory.alloc(SLOT_SIZE * overloads.length);
  entries = Memory.alloc(ENTRY_SIZE * ENTRIES);
  module = new CModule(moduleSource(overloads), { slots, entries, switched_on: switchedOn, entries_end: entriesEnd });
  const compiled = module;
  overloads.forEach((overload, i) => {
    const replacement = replacementOf(overload.original) as NativePointer & { readonly _m: Mangler };
    slots.add(i * SLOT_SIZE).writePointer(replacement);
    replacement._m.impl = compiled[`fast_${i}`] as NativePointer;
  });
  // After the bridge's own tick has replaced the methods: until then `mid` is NULL and calls go to it.
  Script.nextTick(() => {
    const env = Java.vm.getEnv();
    overloads.forEach((overload, i) => {
      const replacement = replacementOf(overload.original) as NativePointer & { readonly _m: Mangler };
      const slot = slots.add(i * SLOT_SIZE);
      const declaring = Java.use(overload.className).class as Java.Wrapper;
      slot.add(16).writePointer(env.newGlobalRef(declaring.$h as NativePointer) as NativePointer);
      slot.add(8).writePointer(replacement._m.resolveTarget(null, true, env, null));
    });
  });
  return overloads.length;
}

export function switchFastPath(on: boolean): void {
  switchedOn.writeS32(on ? 1 : 0);
}

// Tracks an operation natively from its next call on, with the room it has left; null when the table is full.
export function markTracked(instance: NativePointer, inputKept: number, outputKept: number): number | null {
  if (entries.isNull() || switchedOn.readS32() === 0) {
    return null;
  }
  for (let i = 0; i !== ENTRIES; i++) {
    const entry = entries.add(i * ENTRY_SIZE);
    if (entry.readPointer().isNull()) {
      const buffer = (buffers[i] ??= Memory.alloc(INPUT_CAP + OUTPUT_HEAD));
      entry.add(8).writePointer(instance);
      for (let field = 16; field !== 48; field += 8) {
        entry.add(field).writeS64(0);
      }
      entry.add(48).writePointer(buffer);
      entry.add(56).writeS64(0).add(8).writeS64(0);
      entry.add(72).writeS64(Math.max(0, INPUT_CAP - inputKept));
      entry.add(80).writeS64(Math.max(0, OUTPUT_HEAD - outputKept));
      entry.writePointer(Java.vm.getEnv().handle); // last: the C side matches on it
      entriesEnd.writeS32(Math.max(entriesEnd.readS32(), i + 1));
      return i;
    }
  }
  return null;
}

// What the operation's calls here added since it was marked; the mark is removed.
export function takeUnrecorded(index: number): Unrecorded {
  const entry = entries.add(index * ENTRY_SIZE);
  const buffer = buffers[index] ?? NULL;
  const inputKept = entry.add(56).readS64().toNumber();
  const outputKept = entry.add(64).readS64().toNumber();
  const unrecorded = {
    calls: entry.add(16).readS64().toNumber(),
    inputSize: entry.add(24).readS64().toNumber(),
    outputSize: entry.add(32).readS64().toNumber(),
    input: new Uint8Array(buffer.readByteArray(inputKept) ?? new ArrayBuffer(0)),
    output: new Uint8Array(buffer.add(INPUT_CAP).readByteArray(outputKept) ?? new ArrayBuffer(0)),
    failed: entry.add(40).readS64().toNumber() !== 0,
  };
  entry.writePointer(NULL);
  return unrecorded;
}
