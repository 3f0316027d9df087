// java.nio.ByteBuffer arguments of the transform methods (Cipher.update/doFinal(ByteBuffer, ByteBuffer),
// Mac/MessageDigest.update(ByteBuffer), Deflater.setInput/deflate(ByteBuffer)): their bytes are the ones
// between position and limit, read without moving the buffer, from its backing array or, for a direct
// buffer, from its memory. A read-only heap buffer exposes neither: only its size is known.

import Java from "frida-java-bridge";

export const BYTE_BUFFER = "java.nio.ByteBuffer";

// A byte[] as frida-java-bridge hands it over; `withElements` reads it in one JNI call.
export interface ByteArray {
  readonly length: number;
  withElements<T>(perform: (elements: NativePointer) => T): T;
}

interface DirectBuffers {
  getDirectBufferAddress(buffer: NativePointer): NativePointer;
}

let bufferClass: Java.Wrapper | null = null;

// Buffer.position(): ByteBuffer declares only position(int) (Java 9's covariant setter), which hides
// the inherited getter from a ByteBuffer wrapper.
export function positionOf(buffer: Java.Wrapper): number {
  bufferClass ??= Java.use("java.nio.Buffer");
  return Number(Java.cast(buffer, bufferClass).position());
}

export function bytesOf(array: unknown, offset: number, length: number): Uint8Array {
  const source = array as ByteArray;
  const count = Math.max(0, Math.min(length, source.length - offset));
  if (count === 0) {
    return new Uint8Array(0);
  }
  const buffer = source.withElements((elements) => elements.add(offset).readByteArray(count));
  return buffer === null ? new Uint8Array(0) : new Uint8Array(buffer);
}

// `count` bytes from `position` on (absolute, as the buffer's own index), or null when unreadable.
export function bufferBytes(buffer: Java.Wrapper, position: number, count: number): Uint8Array | null {
  if (count <= 0) {
    return new Uint8Array(0);
  }
  if (Boolean(buffer.isDirect())) {
    const env = Java.vm.getEnv() as unknown as DirectBuffers;
    const address = env.getDirectBufferAddress(buffer.$h as NativePointer);
    const bytes = address.isNull() ? null : address.add(position).readByteArray(count);
    return bytes === null ? null : new Uint8Array(bytes);
  }
  if (!Boolean(buffer.hasArray())) {
    return null;
  }
  return bytesOf(buffer.array(), Number(buffer.arrayOffset()) + position, count);
}

// Which argument a call writes its output into when that is a ByteBuffer (-1 when none): the second
// one of Cipher.update/doFinal(ByteBuffer, ByteBuffer), the first one of Deflater.deflate(ByteBuffer…).
export function outputBufferIndex(family: string, api: string, argTypes: readonly string[]): number {
  if (api.endsWith(".deflate")) {
    return argTypes.indexOf(BYTE_BUFFER);
  }
  return family === "cipher" ? argTypes.indexOf(BYTE_BUFFER, 1) : -1;
}

// Where the call will write, read before it runs (it moves the position): -1 without an output buffer.
export function outputStartOf(family: string, api: string, argTypes: readonly string[], args: readonly unknown[]): number {
  const index = outputBufferIndex(family, api, argTypes);
  const buffer = index === -1 ? null : ((args[index] ?? null) as Java.Wrapper | null);
  return buffer === null ? -1 : positionOf(buffer);
}
