import { objectToString } from "./jni.js";

// Bounded text renderings of Java values: the hot path never serialises whole objects.

export const ARG_LIMIT = 256;
export const VALUE_LIMIT = 4096;

interface JavaObject {
  readonly $h: NativePointer;
  readonly $className: string;
}

// frida-java-bridge hands primitive arrays over as objects with a numeric length and a JNI handle.
interface PrimitiveArray {
  readonly $h: NativePointer;
  readonly length: number;
  toJSON(): unknown[];
}

export function bounded(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

export function isJavaObject(value: unknown): value is JavaObject {
  return typeof value === "object" && value !== null && "$h" in value;
}

function isPrimitiveArray(value: unknown): value is PrimitiveArray {
  return isJavaObject(value) && typeof (value as Partial<PrimitiveArray>).length === "number";
}

function joinBounded(items: ArrayLike<unknown>, limit: number): string {
  let text = "";
  for (let i = 0; i < items.length; i++) {
    text += (i === 0 ? "" : ",") + textOf(items[i], limit);
    if (text.length > limit) {
      break;
    }
  }
  return bounded(text, limit);
}

// Object arrays arrive as JS arrays, strings as JS strings, longs as numbers or Int64.
export function textOf(value: unknown, limit: number): string {
  if (value === null || value === undefined) {
    return "null";
  }
  if (typeof value === "string") {
    return bounded(value, limit);
  }
  if (Array.isArray(value)) {
    return joinBounded(value, limit);
  }
  if (isPrimitiveArray(value)) {
    return joinBounded(value.toJSON(), limit);
  }
  if (isJavaObject(value)) {
    return bounded(objectText(value), limit);
  }
  return bounded(String(value), limit);
}

// An app class whose toString() throws must not cost the event.
function objectText(value: JavaObject): string {
  try {
    return objectToString(value.$h);
  } catch {
    return `<${value.$className}>`;
  }
}

export function argText(value: unknown): string {
  return textOf(value, ARG_LIMIT);
}

export function valueText(value: unknown): string | null {
  return value === null || value === undefined ? null : textOf(value, VALUE_LIMIT);
}

// "[Ljava.lang.String;" → "java.lang.String[]", "[I" → "int[]".
const PRIMITIVE_CODES: Readonly<Record<string, string>> = {
  Z: "boolean",
  B: "byte",
  C: "char",
  S: "short",
  I: "int",
  J: "long",
  F: "float",
  D: "double",
};

export function readableTypeName(name: string): string {
  let depth = 0;
  while (name[depth] === "[") {
    depth++;
  }
  if (depth === 0) {
    return name;
  }
  const element = name.slice(depth);
  const base = element.startsWith("L") && element.endsWith(";")
    ? element.slice(1, -1)
    : (PRIMITIVE_CODES[element] ?? element);
  return base + "[]".repeat(depth);
}
