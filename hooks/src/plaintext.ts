// TLS plaintext at the JVM's TLS streams: what the app wrote into (and read from) a TLS connection,
// before encryption, whether or not the capture proxy could decrypt that connection (pinned
// certificates, clients that ignore the system proxy). One event per write or read call.
//
// HotSpot (the sim): sun.security.ssl.SSLSocketImpl$AppOutputStream.write / $AppInputStream.read.
// On ART, TLS is Conscrypt over BoringSSL: SSL_write/SSL_read in native code, hooked by
// native_tls.ts; these Java classes do not exist there.

import Java from "frida-java-bridge";

import { base64Of } from "./base64.js";
import { record, reportAgentError } from "./emit.js";
import type { FailedHook } from "./emit.js";
import { callerContext } from "./jni.js";
import { parseStack } from "./stack.js";

const CONNECTION_CAP = 256 * 1024; // plaintext kept per connection and direction
const STREAMS = [
  { className: "sun.security.ssl.SSLSocketImpl$AppOutputStream", method: "write", direction: "sent" },
  { className: "sun.security.ssl.SSLSocketImpl$AppInputStream", method: "read", direction: "received" },
] as const;

type Direction = (typeof STREAMS)[number]["direction"];

interface ByteArray {
  readonly length: number;
  withElements<T>(perform: (elements: NativePointer) => T): T;
}

const kept = new Map<string, number>(); // bytes recorded per connection and direction
const busyThreads = new Set<number>();
const hookFrames = new Set<string>(STREAMS.map((s) => `${s.className}.${s.method}`));

interface Chunk {
  readonly connection: string;
  readonly direction: Direction;
  readonly peerHost: string;
  readonly peerPort: number;
  readonly impl: string;
  readonly bytes: Uint8Array;
  readonly size: number;
}

// Received bytes wait here, per connection, until the app writes on it again or RECEIVED_BATCH
// bytes piled up: a reader taking one byte at a time (a header parser) is one event, not hundreds.
// What a connection receives after its last write and below the batch size is not recorded.
const RECEIVED_BATCH = 4096;
const pendingReceived = new Map<string, Chunk[]>();

function recordChunk(
  direction: Direction,
  stream: Java.Wrapper,
  array: unknown,
  offset: number,
  length: number,
): void {
  const socket = stream.this$0.value as Java.Wrapper;
  if (!(socket.getUseClientMode() as boolean)) {
    return; // the app's own TLS server: what it answers is not sent by the app to anyone
  }
  // identity hashes repeat across processes (each launch is a new one)
  const connection = `${Process.id}:${Java.use("java.lang.System").identityHashCode(socket)}`;
  const key = `${connection}:${direction}`;
  const room = CONNECTION_CAP - (kept.get(key) ?? 0);
  if (room <= 0 || length <= 0 || array === null) {
    return;
  }
  const count = Math.min(length, room);
  const buffer = (array as ByteArray).withElements((elements) => elements.add(offset).readByteArray(count));
  if (buffer === null) {
    return;
  }
  kept.set(key, (kept.get(key) ?? 0) + count);
  const chunk: Chunk = {
    connection,
    direction,
    peerHost: String(socket.getPeerHost()),
    peerPort: Number(socket.getPeerPort()),
    impl: String(socket.$className),
    bytes: new Uint8Array(buffer),
    size: length,
  };
  const pending = pendingReceived.get(connection) ?? [];
  if (direction === "received") {
    pending.push(chunk);
    pendingReceived.set(connection, pending);
    if (pending.reduce((total, c) => total + c.bytes.length, 0) >= RECEIVED_BATCH) {
      pendingReceived.delete(connection);
      emitChunk(joinedChunks(pending));
    }
    return;
  }
  if (pending.length > 0) {
    pendingReceived.delete(connection);
    emitChunk(joinedChunks(pending));
  }
  emitChunk(chunk);
}

function joinedChunks(chunks: readonly Chunk[]): Chunk {
  const first = chunks[0] as Chunk;
  const bytes = new Uint8Array(chunks.reduce((total, c) => total + c.bytes.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk.bytes, at);
    at += chunk.bytes.length;
  }
  return { ...first, bytes, size: chunks.reduce((total, c) => total + c.size, 0) };
}

function emitChunk(chunk: Chunk): void {
  const caller = callerContext();
  const value = {
    connection: chunk.connection,
    direction: chunk.direction,
    peer_host: chunk.peerHost,
    peer_port: chunk.peerPort,
    data: base64Of(chunk.bytes),
    size: chunk.size,
  };
  record({
    ts: Date.now() / 1000,
    api: chunk.direction === "sent" ? "javax.net.ssl.SSLSocket.write" : "javax.net.ssl.SSLSocket.read",
    impl: chunk.impl,
    overload: "(byte[],int,int)",
    kind: "plaintext",
    data_type: null,
    value: JSON.stringify(value),
    args: [],
    thread: caller.thread,
    stack: parseStack(caller.stackTrace, hookFrames),
    outcome: "returned",
    error: null,
  });
}

export interface PlaintextInstallReport {
  readonly installed: string[];
  readonly failed: FailedHook[];
}

export function installPlaintextHooks(): PlaintextInstallReport {
  const installed: string[] = [];
  const failed: FailedHook[] = [];
  for (const stream of STREAMS) {
    const api = `${stream.className}.${stream.method}`;
    try {
      const original = Java.use(stream.className)[stream.method].overload("[B", "int", "int") as Java.Method;
      original.implementation = function (this: Java.Wrapper, ...args: unknown[]): unknown {
        const tid = Process.getCurrentThreadId();
        if (busyThreads.has(tid)) {
          return original.apply(this, args);
        }
        busyThreads.add(tid);
        try {
          if (stream.direction === "sent") {
            try {
              recordChunk("sent", this, args[0] ?? null, Number(args[1]), Number(args[2]));
            } catch (error) {
              reportAgentError(error);
            }
            return original.apply(this, args);
          }
          const read = Number(original.apply(this, args));
          try {
            recordChunk("received", this, args[0] ?? null, Number(args[1]), read);
          } catch (error) {
            reportAgentError(error);
          }
          return read;
        } finally {
          busyThreads.delete(tid);
        }
      };
      installed.push(api);
    } catch (error) {
      failed.push({ hook: api, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { installed, failed };
}
