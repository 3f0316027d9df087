// The C source of the transform fast path (transform_fastpath.ts): one function per update() overload,
// with the replaced method's JNI signature, and the helpers they share, plus a base64 encoder for the
// recorded inputs (64 KiB take ~6 ms in QuickJS, well under 1 ms here).

import type Java from "frida-java-bridge";

import { INPUT_CAP } from "./transform_record.js";

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

export interface Overload {
  readonly original: Java.Method;
  readonly className: string;
  readonly argTypes: readonly string[];
  readonly returnType: string;
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

export function moduleSource(overloads: readonly Overload[]): string {
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
/* Standard base64 with padding; out holds 4 * ceil(n / 3) + 1 bytes. */
void base64_encode (const guint8 * in, gint n, gchar * out) {
  static const gchar alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  gint i = 0, o = 0;
  for (; i + 2 < n; i += 3) {
    guint32 v = ((guint32) in[i] << 16) | ((guint32) in[i + 1] << 8) | in[i + 2];
    out[o++] = alphabet[v >> 18];
    out[o++] = alphabet[(v >> 12) & 63];
    out[o++] = alphabet[(v >> 6) & 63];
    out[o++] = alphabet[v & 63];
  }
  if (i < n) {
    guint32 v = ((guint32) in[i] << 16) | ((i + 1 < n) ? ((guint32) in[i + 1] << 8) : 0);
    out[o++] = alphabet[v >> 18];
    out[o++] = alphabet[(v >> 12) & 63];
    out[o++] = (i + 1 < n) ? alphabet[(v >> 6) & 63] : '=';
    out[o++] = '=';
  }
  out[o] = 0;
}
${overloads.map((overload, i) => functionSource(i, overload)).join("\n")}
`;
}
