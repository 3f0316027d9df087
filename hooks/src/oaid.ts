// The OAID as the MSA (移动安全联盟) SDK hands it over: the app or an SDK registers a listener with
// MdidSdkHelper.InitSdk(Context, boolean, …, IIdentifierListener), and the MSA SDK calls the
// listener back with an IdSupplier whose getOAID/getVAID/getAAID return the ids. IdSupplier and
// IIdentifierListener are interfaces; their implementations are the MSA SDK's obfuscated vendor
// suppliers and the integrator's own class, so no class name is known before the app runs.
// They are hooked as they appear: InitSdk names the listener's class; its callback is then hooked,
// and each delivery of an OAID to it is one event (api `<listener interface>.<callback>`, the value
// the supplier holds, the listener's frame as the stack: its owner received the id). The
// supplier's getters are hooked too (`<IdSupplier interface>.getOAID` …), for code that keeps the
// supplier and reads it later.
//
// Callback shapes covered (MSA SDK integration documents and their demo projects):
//   1.0.10        com.bun.miitmdid.core.IIdentifierListener.OnSupport(boolean, com.bun.miitmdid.supplier.IdSupplier)
//   earlier       … OnSupport(boolean, com.bun.supplier.IdSupplier)
//   1.0.13–1.0.2x com.bun.miitmdid.interfaces.IIdentifierListener.OnSupport(boolean, com.bun.miitmdid.interfaces.IdSupplier)
//   1.0.26+, 2.x  … .onSupport(com.bun.miitmdid.interfaces.IdSupplier)
// On HotSpot (the sim) frida-java-bridge applies a hook installed inside another hook on its next
// tick, i.e. once InitSdk has returned: a callback delivered before that is not seen there.

import Java from "frida-java-bridge";

import { record, reportAgentError } from "./emit.js";
import type { Call, HookSpec } from "./hooking.js";
import { installHooks, runAsAgent } from "./hooking.js";
import { callerContext } from "./jni.js";
import { isJavaObject, valueText } from "./text.js";

const CALLBACKS = ["OnSupport", "onSupport"];
const GETTERS = ["getOAID", "getVAID", "getAAID"];
const LISTENER_INTERFACE = ".IIdentifierListener";
const SUPPLIER_INTERFACE = ".IdSupplier";
const hookedListeners = new Set<string>();
const hookedSuppliers = new Set<string>();

interface Callback {
  readonly listener: string; // the listener's class
  readonly api: string; // "<listener interface>.OnSupport"
  readonly frame: string; // "<listener class>.OnSupport", as it shows in a stack
  readonly overload: string;
  readonly supplierAt: number;
  readonly declaredAs: string; // the IdSupplier interface the callback declares
}

function classNameOf(instance: unknown): string | null {
  if (!isJavaObject(instance)) {
    return null;
  }
  const object = Java.cast(instance as unknown as Java.Wrapper, Java.use("java.lang.Object"));
  return String(object.getClass().getName());
}

function hookSupplier(className: string, declaredAs: string): void {
  if (hookedSuppliers.has(className)) {
    return;
  }
  hookedSuppliers.add(className);
  const specs = GETTERS.map(
    (getter): HookSpec => ({
      api: `${declaredAs}.${getter}`,
      classes: [className],
      kind: "data",
      dataType: "advertising_id", // its own group: a read inside InitSdk is still a read
    }),
  );
  for (const failed of installHooks(specs).failed) {
    reportAgentError(new Error(`OAID supplier ${className}: ${failed.hook}: ${failed.error}`));
  }
}

// One delivery: what the supplier holds, received by the listener's code.
function recordDelivery(callback: Callback, supplier: unknown): void {
  const supplierClass = classNameOf(supplier);
  if (supplierClass === null) {
    return; // "not supported": no supplier, nothing handed over
  }
  const held = Java.cast(supplier as unknown as Java.Wrapper, Java.use(callback.declaredAs));
  const oaid = valueText(held.getOAID());
  hookSupplier(supplierClass, callback.declaredAs);
  if (oaid === null || oaid === "") {
    return;
  }
  const caller = callerContext();
  record({
    ts: Date.now() / 1000,
    api: callback.api,
    impl: callback.listener,
    overload: callback.overload,
    kind: "data",
    data_type: "advertising_id",
    value: oaid,
    args: [],
    thread: caller.thread,
    // the receiver is the listener's owner, not the MSA SDK that called it back (whose frames follow)
    stack: [callback.frame],
    posted_from: [],
    outcome: "returned",
    error: null,
  });
}

function listenerInterface(listener: Java.Wrapper): string {
  const interfaces = listener.class.getInterfaces() as Java.Wrapper[];
  for (const type of interfaces) {
    const name = String(type.getName());
    if (name.endsWith(LISTENER_INTERFACE)) {
      return name;
    }
  }
  return `com.bun.miitmdid.interfaces${LISTENER_INTERFACE}`;
}

function hookCallbacks(className: string): void {
  const listener = Java.use(className);
  const declaringInterface = listenerInterface(listener);
  for (const name of CALLBACKS) {
    const dispatcher: Java.MethodDispatcher | undefined = listener[name];
    for (const overload of dispatcher?.overloads ?? []) {
      const types = overload.argumentTypes.map((type) => type.className ?? type.name);
      const supplierAt = types.findIndex((type) => type.endsWith(SUPPLIER_INTERFACE));
      if (supplierAt < 0) {
        continue;
      }
      const callback: Callback = {
        listener: className,
        api: `${declaringInterface}.${name}`,
        frame: `${className}.${name}`,
        overload: `(${types.join(",")})`,
        supplierAt,
        declaredAs: types[supplierAt] as string,
      };
      overload.implementation = function (this: Java.Wrapper, ...args: unknown[]): unknown {
        runAsAgent(() => recordDelivery(callback, args[supplierAt]));
        return overload.apply(this, args);
      };
    }
  }
}

// HookSpec.onCall of MdidSdkHelper.InitSdk: the listener is its last argument in every version.
// A failure is reported and never costs the InitSdk event itself. A HotSpot lambda (a hidden class,
// "Outer$$Lambda/0x…") cannot be looked up by name and is not followed (on ART, D8's lambda
// classes are ordinary classes).
export function watchIdentifierListener(call: Call): void {
  const className = classNameOf(call.args[call.args.length - 1]);
  if (className === null || hookedListeners.has(className)) {
    return;
  }
  hookedListeners.add(className);
  if (className.includes("/")) {
    return;
  }
  try {
    hookCallbacks(className);
  } catch (error) {
    reportAgentError(error);
  }
}
