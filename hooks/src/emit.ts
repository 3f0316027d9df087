// The only module that talks to the Python side: every send() of the agent is here.

export type EventKind =
  | "data"
  | "permission_request"
  | "permission_check"
  | "ui"
  | "navigation"
  | "transform"
  | "plaintext";

export type DataType =
  | "location"
  | "contacts"
  | "call_log"
  | "sms"
  | "device_id"
  | "phone_number"
  | "mac_address"
  | "wifi"
  | "app_list"
  | "clipboard"
  | "sensor"
  | "advertising_id"
  | "carrier"
  | "cell_info"
  | "ip_address"
  | "bluetooth"
  | "sms_send"
  | "calendar"
  | "photos"
  | "browser_history"
  | "accounts"
  | "camera"
  | "microphone";

export type Outcome = "returned" | "security_exception" | "threw";

export type Runtime = "art" | "hotspot";

// Field names are the wire format read by harness/records.py (HookEvent).
export interface HookEvent {
  readonly ts: number;
  readonly api: string;
  readonly impl: string;
  readonly overload: string;
  readonly kind: EventKind;
  readonly data_type: DataType | null;
  readonly value: string | null;
  readonly args: readonly string[];
  readonly thread: string;
  readonly stack: readonly string[];
  // The stack that posted the work this thread runs (Thread.start, Executor, Handler), if known.
  readonly posted_from?: readonly string[];
  readonly outcome: Outcome;
  readonly error: string | null;
}

export interface FailedHook {
  readonly hook: string;
  readonly error: string;
  // The data types this hook would have recorded, comma-separated ("" for non-data hooks).
  readonly data_types?: string;
}

const MAX_BATCH = 64;
const FLUSH_DELAY_MS = 50;

let buffered: HookEvent[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

export function record(event: HookEvent): void {
  buffered.push(event);
  if (buffered.length >= MAX_BATCH) {
    flushEvents();
  } else if (flushTimer === null) {
    flushTimer = setTimeout(flushEvents, FLUSH_DELAY_MS);
  }
}

export function flushEvents(): void {
  if (flushTimer !== null) {
    clearTimeout(flushTimer);
    flushTimer = null;
  }
  if (buffered.length === 0) {
    return;
  }
  const events = buffered;
  buffered = [];
  send({ type: "event:hook", events });
}

export function sendReady(
  runtime: Runtime,
  installed: readonly string[],
  failed: readonly FailedHook[],
): void {
  send({ type: "agent:ready", runtime, hooks_installed: installed, hooks_failed: failed });
}

// Hooks installed after agent:ready (in a library the app loaded later).
export function sendHooked(installed: readonly string[], failed: readonly FailedHook[]): void {
  send({ type: "agent:hooks", hooks_installed: installed, hooks_failed: failed });
}

// A canary the agent planted in the app process (or could not, and why).
export function sendPlanted(canary: string, planted: boolean, how: string): void {
  send({ type: "agent:planted", canary, planted, how });
}

// An agent bug must not flood the channel once per intercepted call: each distinct error is sent once.
const reportedErrors = new Set<string>();

export function reportAgentError(error: unknown): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (reportedErrors.has(text)) {
    return;
  }
  reportedErrors.add(text);
  const stack = error instanceof Error && error.stack !== undefined ? error.stack : "";
  flushEvents();
  send({ type: "agent:error", error: text, stack });
}
