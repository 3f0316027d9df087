// What one transform operation records: its input (capped), the head of its output, and the sizes of
// every call. transforms.ts tracks operations; transform_event.ts turns a finished one into an event.

import type Java from "frida-java-bridge";

import { BYTE_BUFFER, bufferBytes, bytesOf, outputBufferIndex, positionOf } from "./transform_buffers.js";
import type { ByteArray } from "./transform_buffers.js";

export const INPUT_CAP = 64 * 1024;
export const OUTPUT_HEAD = 48;

export type Family = "cipher" | "mac" | "digest" | "deflate" | "base64";

export interface Operation {
  readonly instance: NativePointer; // a global reference to the Java object
  readonly input: Uint8Array[];
  inputKept: number;
  inputSize: number;
  readonly output: Uint8Array[];
  outputKept: number;
  outputSize: number;
  calls: number;
  fastEntry: number | null; // tracked natively from its second call on (transform_fastpath.ts)
}

export interface Method {
  readonly family: Family;
  readonly api: string;
  readonly impl: string;
  readonly signature: string;
  readonly argTypes: readonly string[];
  readonly original: Java.Method;
}

export function addInput(operation: Operation, array: unknown, offset: number, length: number): void {
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

export function joined(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

function intArg(args: readonly unknown[], index: number): number {
  return Number(args[index]);
}

// What one call adds to the operation, read before the original runs (inputs) and after (outputs).
export function recordInput(method: Method, operation: Operation, args: readonly unknown[]): void {
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
  } else if (types[0] === BYTE_BUFFER) {
    addBufferInput(operation, (args[0] ?? null) as Java.Wrapper | null);
  } else if (types[0] === "byte") {
    operation.inputSize += 1;
    if (operation.inputKept < INPUT_CAP) {
      operation.input.push(Uint8Array.of(Number(args[0]) & 0xff));
      operation.inputKept += 1;
    }
  }
}

function addBufferInput(operation: Operation, buffer: Java.Wrapper | null): void {
  if (buffer === null) {
    return;
  }
  const remaining = Number(buffer.remaining());
  operation.inputSize += remaining;
  const room = INPUT_CAP - operation.inputKept;
  const chunk = room > 0 ? bufferBytes(buffer, positionOf(buffer), Math.min(remaining, room)) : null;
  if (chunk !== null) {
    operation.input.push(chunk);
    operation.inputKept += chunk.length;
  }
}

// `outputStart`: where an output ByteBuffer stood before the call (transform_buffers.ts), or -1.
export function recordOutput(
  method: Method,
  operation: Operation,
  args: readonly unknown[],
  result: unknown,
  outputStart: number,
): void {
  const types = method.argTypes;
  if (outputStart >= 0 && typeof result === "number") {
    const buffer = args[outputBufferIndex(method.family, method.api, types)] as Java.Wrapper;
    operation.outputSize += Math.max(0, result);
    const room = OUTPUT_HEAD - operation.outputKept;
    const chunk = room > 0 && result > 0 ? bufferBytes(buffer, outputStart, Math.min(result, room)) : null;
    if (chunk !== null) {
      operation.output.push(chunk);
      operation.outputKept += chunk.length;
    }
    return;
  }
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
  if (types.includes(BYTE_BUFFER)) {
    return; // its output position was not read
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
