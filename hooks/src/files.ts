// Identifiers read around the APIs: from files (/sys/class/net/*/address, /proc/net/arp) and from
// shell commands (getprop, cat, ip, pm). These APIs are hot, so whether a call is an event is
// decided from its arguments alone, before any stack is walked.

import type { DataType } from "./emit.js";
import type { Call, HookSpec } from "./hooking.js";
import { filePathOf, objectToString } from "./jni.js";
import { ARG_LIMIT, isJavaObject, textOf } from "./text.js";

const NET_CLASS = "/sys/class/net/";

export function fileDataType(path: string): DataType | null {
  if (path.startsWith(NET_CLASS) && path.endsWith("/address")) {
    return "mac_address";
  }
  if (path === "/proc/net/arp") {
    return "wifi"; // the neighbours' (the router's) hardware addresses
  }
  if (path === "/sys/devices/soc0/serial_number" || path === "/sys/class/android_usb/android0/iSerial") {
    return "device_id";
  }
  return null;
}

function pathArgument(call: Call): string | null {
  const arg = call.args[0];
  if (typeof arg === "string") {
    return arg;
  }
  return isJavaObject(arg) && call.argTypes[0] === "java.io.File" ? filePathOf(arg.$h) : null;
}

function classifyFile(call: Call): DataType | null {
  const path = pathArgument(call);
  return path === null ? null : fileDataType(path);
}

const SERIAL_PROPERTY = /\b(ro\.serialno|ro\.boot\.serialno|ril\.serialnumber)\b/;

// A command line (as one string) → what it reads, or null.
export function commandDataType(command: string): DataType | null {
  const text = command.trim();
  if (/^(\S*\/)?getprop\b/.test(text)) {
    return text === "getprop" || text.endsWith("/getprop") || SERIAL_PROPERTY.test(text) ? "device_id" : null;
  }
  if (/^(\S*\/)?cat\s/.test(text)) {
    const paths = text.split(/\s+/).slice(1);
    return paths.map(fileDataType).find((type) => type !== null) ?? null;
  }
  if (/^(\S*\/)?(ip\s+(link|addr|a)\b|ifconfig\b|busybox\s+ifconfig\b)/.test(text)) {
    return "mac_address";
  }
  if (/^(\S*\/)?pm\s+list\s+packages\b/.test(text)) {
    return "app_list";
  }
  return null;
}

function commandOf(call: Call): string | null {
  const arg = call.args[0];
  if (typeof arg === "string") {
    return arg;
  }
  if (Array.isArray(arg)) {
    return arg.map(String).join(" ");
  }
  return null;
}

function classifyExec(call: Call): DataType | null {
  const command = commandOf(call);
  return command === null ? null : commandDataType(command);
}

interface ProcessBuilder {
  command(): unknown;
}

// ProcessBuilder.start is not hot; its command list is read from Java: "[cat, /proc/net/arp]"
// (List.toString through JNI: the bridge's List wrapper has no Java toString).
function commandList(call: Call): string {
  return textOf((call.self as unknown as ProcessBuilder).command(), ARG_LIMIT);
}

function classifyProcessBuilder(call: Call): DataType | null {
  return commandDataType(commandList(call).slice(1, -1).split(", ").join(" "));
}

const FILE_TYPES: readonly DataType[] = ["mac_address", "wifi", "device_id"];
const COMMAND_TYPES: readonly DataType[] = ["mac_address", "wifi", "device_id", "app_list"];

function fileOpen(api: string, classes: readonly string[]): HookSpec {
  return {
    api,
    classes,
    kind: "data",
    dataType: classifyFile,
    possibleDataTypes: FILE_TYPES,
    when: (call) => classifyFile(call) !== null,
    group: "file.open",
    describeValue: () => null,
  };
}

// java.nio.file.Files (Android 8+, libcore): the Path argument's text, read with one raw JNI
// toString (an interface: the bridge's wrapper names no field to read).
function classifyNioFile(call: Call): DataType | null {
  const arg = call.args[0];
  return isJavaObject(arg) ? fileDataType(objectToString(arg.$h)) : null;
}

function nioRead(method: string, optional = false): HookSpec {
  return {
    api: `java.nio.file.Files.${method}`,
    kind: "data",
    dataType: classifyNioFile,
    possibleDataTypes: FILE_TYPES,
    when: (call) => classifyNioFile(call) !== null,
    group: "file.open",
    describeValue: () => null,
    optional,
  };
}

export const fileHooks: readonly HookSpec[] = [
  // readAllBytes/readAllLines/lines/readString end in newByteChannel or newBufferedReader: one group.
  ...["readAllBytes", "readAllLines", "lines", "newInputStream", "newBufferedReader", "newByteChannel"].map(
    (method) => nioRead(method),
  ),
  nioRead("readString", true), // Java 11: Android 13 (API 33) and later only
  // FileReader and FileInputStream(String) end in FileInputStream(File) on OpenJDK and libcore.
  fileOpen("java.io.FileInputStream.$init", ["java.io.FileInputStream"]),
  fileOpen("java.io.RandomAccessFile.$init", ["java.io.RandomAccessFile"]),
  {
    api: "java.lang.Runtime.exec",
    kind: "data",
    dataType: classifyExec,
    possibleDataTypes: COMMAND_TYPES,
    when: (call) => classifyExec(call) !== null,
    group: "process.start",
    describeValue: () => null,
  },
  {
    api: "java.lang.ProcessBuilder.start",
    kind: "data",
    dataType: classifyProcessBuilder,
    possibleDataTypes: COMMAND_TYPES,
    when: (call) => classifyProcessBuilder(call) !== null,
    whenCallsJava: true,
    group: "process.start",
    describeArgs: (call) => [commandList(call)],
    describeValue: () => null,
  },
];
