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

import { moduleSource } from "./transform_native.js";
import type { Overload } from "./transform_native.js";
import { INPUT_CAP, OUTPUT_HEAD } from "./transform_record.js";

// An operation tracked natively: which thread (its JNIEnv) and object, what its calls here added.
const ENTRIES = 128;
// env, ref, calls, input bytes, output bytes, failed, buffer, input kept, output kept, input room, output room
const ENTRY_SIZE = 88;
const SLOT_SIZE = 24; // bridge replacement, original jmethodID, declaring class
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

let encoder: NativeFunction<void, [NativePointer, number, NativePointer]> | null = null;

// Base64 of recorded bytes by the module's C encoder; null before the module exists (or off HotSpot).
export function nativeBase64(data: Uint8Array): string | null {
  if (module === null) {
    return null;
  }
  encoder ??= new NativeFunction(module.base64_encode as NativePointer, "void", ["pointer", "int", "pointer"]);
  const input = Memory.alloc(Math.max(1, data.length));
  input.writeByteArray(data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer);
  const output = Memory.alloc(Math.ceil(data.length / 3) * 4 + 1);
  encoder(input, data.length, output);
  return output.readCString() ?? "";
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
