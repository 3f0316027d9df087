"""Frida session handling: attach to an app process, load the agent, record what it reports.

The agent sends `agent:ready` (hooks installed / failed), batched `event:hook` messages and
`agent:error`. Events are written to events.jsonl as they arrive (one flush per record), so a
crash of the app or of the harness loses at most the batch in flight.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from harness.errors import InstrumentationError
from harness.records import HookEvent, JsonlWriter
from harness.sdk import SdkTable, attribute_sdk, load_sdk_table

READY_TIMEOUT_S = 20.0
_RECORDING = threading.Lock()
_EVENT_FIELDS = (
    "ts", "api", "kind", "data_type", "value", "stack", "thread", "args", "outcome", "error",
    "impl", "overload", "posted_from",
)  # fmt: skip


@dataclass
class AgentReport:
    """What the agent told us about itself; goes into the run's coverage."""

    runtime: str = ""
    hooks_installed: list[str] = field(default_factory=list)
    hooks_failed: list[dict[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    events_recorded: int = 0
    detached_reason: str | None = None
    crash: str | None = None
    attach_s: float = 0.0
    process: str = ""  # the app process the agent ran in ("com.app", "com.app:push")
    # canaries the agent planted in the process: "clipboard" → "planted: how" / "not planted: why"
    canaries: dict[str, str] = field(default_factory=dict)


def withhold_foreign_clipboard(event: HookEvent, canary: str | None) -> HookEvent:
    """A clipboard read keeps its value only if it is our canary: an emulator shares the host's
    clipboard, whose content (anything the tester copied) must never reach a run record."""
    if event.data_type != "clipboard" or event.value is None or (canary and canary in event.value):
        return event
    withheld = f"[withheld: {len(event.value)} characters that are not the clipboard canary]"
    return dataclasses.replace(event, value=withheld)


def hook_event_from_payload(raw: dict[str, Any], app_package: str, table: SdkTable) -> HookEvent:
    values = {name: raw[name] for name in _EVENT_FIELDS if name in raw}
    stack = [str(frame) for frame in values.get("stack") or []]
    values["stack"] = stack
    values.setdefault("kind", "data")
    values.setdefault("data_type", None)
    values.setdefault("value", None)
    values["ts"] = float(values.get("ts") or time.time())
    values["api"] = str(values.get("api") or "unknown")
    posted_from = [str(frame) for frame in values.get("posted_from") or []]
    values["posted_from"] = posted_from
    return HookEvent(sdk=attribute_sdk(stack, app_package, table, posted_from), **values)


class Instrumentation:
    """One Frida session on one app process."""

    def __init__(
        self,
        frida_device: Any,
        bundle: str,
        events: JsonlWriter,
        app_package: str,
        on_event: Callable[[HookEvent], None] | None = None,
        clipboard_canary: str | None = None,
        process: str | None = None,
        native_tls: list[dict[str, Any]] | None = None,
    ) -> None:
        """process: the name of the app process this instruments (default: the main one);
        native_tls: TLS functions located in the app's native libraries (harness/apk/native_libs.py)."""
        self._native_tls = native_tls or []
        self._device = frida_device
        self._clipboard_canary = clipboard_canary
        self._bundle = bundle
        self._events = events
        self._package = app_package
        self._on_event = on_event
        self._table = load_sdk_table()
        self._lock = _RECORDING  # the app's processes may share one events file
        self._ready = threading.Event()
        self._session: Any = None
        self._script: Any = None
        self._started = time.monotonic()
        self.report = AgentReport(process=process or app_package)

    def attach(self, pid: int) -> None:
        """Attach and load the agent into a process that has not run app code yet.

        This returns without waiting for the agent: in a freshly spawned Android app
        frida-java-bridge queues `Java.perform` until the app binds (index.js,
        `_performPendingVmOpsWhenReady`: the queued work runs when
        `ActivityThread.getPackageInfo` returns inside `handleBindApplication`, before the
        Application is made), and an app binds only after it is resumed. So the order is
        attach → resume → `wait_ready()`.
        """
        self._started = time.monotonic()
        try:
            self._session = self._device.attach(pid)
            self._session.on("detached", self._on_detached)
            self._script = self._session.create_script(self._bundle, name="privacy-probe")
            self._script.on("message", self._on_message)
            self._script.load()
            self._script.post(
                {"type": "config", "clipboard": self._clipboard_canary or "", "native_tls": self._native_tls}
            )
        except Exception as exc:  # frida raises many unrelated types; all mean "not instrumented"
            raise InstrumentationError(f"Frida could not instrument pid {pid}: {exc}") from None

    def wait_ready(self, timeout: float = READY_TIMEOUT_S) -> None:
        """Wait until the agent has installed its hooks (call after the process was resumed)."""
        if not self._ready.wait(timeout) or not self.report.runtime:
            detail = "; ".join(self.report.errors) or "no agent:ready message"
            if self.report.detached_reason is not None:
                detail += f" (the process went away: {self.report.detached_reason})"
            raise InstrumentationError(f"the agent did not start within {timeout:g} s: {detail}")
        self.report.attach_s = time.monotonic() - self._started

    def _on_detached(self, reason: str, crash: Any = None) -> None:
        self.report.detached_reason = reason
        if crash is not None:
            self.report.crash = str(getattr(crash, "summary", crash))
        self._ready.set()  # a process that died while starting will never say ready

    def _on_message(self, message: dict[str, Any], _data: Any) -> None:
        if message.get("type") == "error":
            self.report.errors.append(str(message.get("description") or message))
            self._ready.set()  # a script error while starting would otherwise be a silent wait
            return
        payload = message.get("payload")
        if not isinstance(payload, dict):
            return
        kind = payload.get("type")
        if kind == "event:hook":
            self._record(payload.get("events") or [])
        elif kind == "agent:ready":
            self.report.runtime = str(payload.get("runtime", ""))
            # hooks the agent reported earlier (agent:hooks) stay in the lists
            self.report.hooks_installed[:0] = list(payload.get("hooks_installed") or [])
            self.report.hooks_failed[:0] = list(payload.get("hooks_failed") or [])
            self._ready.set()
        elif kind == "agent:hooks":  # installed later, in a library the app loaded after starting
            self.report.hooks_installed.extend(payload.get("hooks_installed") or [])
            self.report.hooks_failed.extend(payload.get("hooks_failed") or [])
        elif kind == "agent:planted":
            outcome = "planted" if payload.get("planted") else "not planted"
            self.report.canaries[str(payload.get("canary"))] = f"{outcome}: {payload.get('how')}"
        elif kind == "agent:error":
            self.report.errors.append(str(payload.get("error")))
            if not self.report.runtime:
                self._ready.set()  # the agent failed while starting: report it now, not after a timeout

    def _record(self, raw_events: list[Any]) -> None:
        with self._lock:
            for raw in raw_events:
                if not isinstance(raw, dict):
                    continue
                event = hook_event_from_payload(raw, self._package, self._table)
                event = withhold_foreign_clipboard(event, self._clipboard_canary)
                event = dataclasses.replace(event, process=self.report.process)
                self._events.write(event)
                self.report.events_recorded += 1
                if self._on_event is not None:
                    self._on_event(event)

    def flush(self) -> None:
        """Ask the agent to send what it has buffered (no-op once the process is gone)."""
        if self._script is None or self.report.detached_reason is not None:
            return
        try:
            self._script.exports_sync.flush()
        except Exception as exc:  # the process may die between the check and the call
            if self.report.detached_reason is None:
                self.report.errors.append(f"flush failed: {exc}")

    def detach(self) -> None:
        self.flush()
        if self._session is not None and self.report.detached_reason is None:
            try:
                self._session.detach()
            except Exception as exc:  # already gone is fine; anything else is worth recording
                self.report.errors.append(f"detach failed: {exc}")
