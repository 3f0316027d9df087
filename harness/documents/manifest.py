"""manifest.json: what a run recorded, written by harness.session as the run goes.

Fields every run writes are always present in the JSON; the optional ones (`error`, `config`,
a stage's `seconds`...) are left out when absent. Keys this version does not know are kept in
`extra` and written back, so an older tool rewriting a newer manifest loses nothing.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from harness.documents.fields import Fields, JsonObject, put

MANIFEST_SCHEMA = 1
RunStatus = Literal["running", "ok", "partial", "failed"]
RUN_STATUSES: tuple[RunStatus, ...] = ("running", "ok", "partial", "failed")


@dataclass
class AppRecord:
    package: str | None = None
    label: str | None = None
    version: str | None = None
    category: str | None = None
    source: str | None = None  # where the app came from (APK or source folder), once installed
    permissions: list[str] | None = None  # declared in AndroidManifest.xml, once installed
    extra: JsonObject = field(default_factory=dict)

    @classmethod
    def read(cls, f: Fields) -> AppRecord:
        return cls(
            package=f.opt_text("package"),
            label=f.opt_text("label"),
            version=f.opt_text("version"),
            category=f.opt_text("category"),
            source=f.opt_text("source"),
            permissions=f.opt_texts("permissions"),
            extra=f.rest(),
        )

    def to_json(self) -> JsonObject:
        out: JsonObject = {
            "package": self.package,
            "label": self.label,
            "version": self.version,
            "category": self.category,
        }
        put(out, "source", self.source)
        put(out, "permissions", self.permissions)
        return {**out, **self.extra}


@dataclass
class DeviceRecord:
    backend: str | None = None  # "sim" | "adb"
    serial: str | None = None
    android: str | None = None  # "14 (API 34, simulated)"
    extra: JsonObject = field(default_factory=dict)

    @classmethod
    def read(cls, f: Fields) -> DeviceRecord:
        return cls(f.opt_text("backend"), f.opt_text("serial"), f.opt_text("android"), f.rest())

    def to_json(self) -> JsonObject:
        out: JsonObject = {}
        put(out, "backend", self.backend)
        put(out, "serial", self.serial)
        put(out, "android", self.android)
        return {**out, **self.extra}


@dataclass
class Stage:
    """One stage of the run (capture, scan, agent, install, scenario:NAME) as it ended."""

    name: str
    status: str = "running"  # "running" | "ok" | "failed"
    started: float | None = None
    ended: float | None = None
    error: str | None = None
    seconds: float | None = None  # how long the stage's own work took (agent build, install)
    extra: JsonObject = field(default_factory=dict)  # traceback, capture mode and port...

    @classmethod
    def read(cls, f: Fields) -> Stage:
        return cls(
            name=f.text("name"),
            status=f.text("status", "running"),
            started=f.opt_number("started"),
            ended=f.opt_number("ended"),
            error=f.opt_text("error"),
            seconds=f.opt_number("seconds"),
            extra=f.rest(),
        )

    def to_json(self) -> JsonObject:
        out: JsonObject = {"name": self.name, "status": self.status}
        put(out, "started", self.started)
        put(out, "seconds", self.seconds)
        put(out, "error", self.error)
        put(out, "ended", self.ended)
        return {**out, **self.extra}


@dataclass
class RunCoverage:
    """What the run observed, as written at record time (findings add what analysis saw)."""

    hooks_installed: list[str] = field(default_factory=list)
    hooks_failed: list[JsonObject] = field(default_factory=list)  # {"hook", "error", ...}
    scenarios: dict[str, str] = field(default_factory=dict)  # name -> "ran" | "error: ..." | "skipped: ..."
    capture: str | None = None  # "off" | "offline" | "forward" | "failed: ..."
    events_recorded: int | None = None
    agent_runtime: str | None = None
    agent_errors: list[str] | None = None
    # one per attach: attach_s, detached, crash, canaries, process
    app_processes: list[JsonObject] | None = None
    # what the capture recorded (harness.capture.coverage), once it stopped
    flows_total: int | None = None
    flows_error: int | None = None
    flows_undecrypted: int | None = None
    undecrypted: list[JsonObject] | None = None  # [{host, reason, count}]
    capture_errors: list[str] | None = None
    # libraries linking BoringSSL statically: [{library, state, detail}] (harness/apk/native_libs.py)
    native_tls: list[JsonObject] | None = None
    extra: JsonObject = field(default_factory=dict)  # the device's coverage notes: open keys, kept as written

    @classmethod
    def read(cls, f: Fields) -> RunCoverage:
        return cls(
            hooks_installed=f.texts("hooks_installed"),
            hooks_failed=f.objects("hooks_failed"),
            scenarios=f.text_map("scenarios"),
            capture=f.opt_text("capture"),
            events_recorded=f.opt_integer("events_recorded"),
            agent_runtime=f.opt_text("agent_runtime"),
            agent_errors=f.opt_texts("agent_errors"),
            app_processes=f.objects("app_processes") if f.has("app_processes") else None,
            flows_total=f.opt_integer("flows_total"),
            flows_error=f.opt_integer("flows_error"),
            flows_undecrypted=f.opt_integer("flows_undecrypted"),
            undecrypted=f.objects("undecrypted") if f.has("undecrypted") else None,
            capture_errors=f.opt_texts("capture_errors"),
            native_tls=f.objects("native_tls") if f.has("native_tls") else None,
            extra=f.rest(),
        )

    def add_notes(self, notes: Mapping[str, Any]) -> None:
        """Merge what the capture or the device reports about the run (keys it names set or replaced)."""
        merged = RunCoverage.read(Fields({**self.to_json(), **notes}, "coverage notes"))
        for name in (f.name for f in fields(self)):
            setattr(self, name, getattr(merged, name))

    def to_json(self) -> JsonObject:
        out: JsonObject = {
            "hooks_installed": self.hooks_installed,
            "hooks_failed": self.hooks_failed,
            "scenarios": self.scenarios,
        }
        put(out, "capture", self.capture)
        put(out, "flows_total", self.flows_total)
        put(out, "flows_error", self.flows_error)
        put(out, "flows_undecrypted", self.flows_undecrypted)
        put(out, "undecrypted", self.undecrypted)
        put(out, "capture_errors", self.capture_errors)
        out.update(self.extra)
        put(out, "agent_runtime", self.agent_runtime)
        put(out, "agent_errors", self.agent_errors)
        put(out, "events_recorded", self.events_recorded)
        put(out, "app_processes", self.app_processes)
        put(out, "native_tls", self.native_tls)
        return out


@dataclass
class Manifest:
    run_id: str
    status: RunStatus = "running"
    started: float = 0.0
    ended: float | None = None
    app: AppRecord = field(default_factory=AppRecord)
    device: DeviceRecord = field(default_factory=DeviceRecord)
    stages: list[Stage] = field(default_factory=list)
    coverage: RunCoverage = field(default_factory=RunCoverage)
    first_party_domains: list[str] = field(default_factory=list)
    tool_version: str | None = None
    config: JsonObject | None = None  # how the run was asked for: app, scenarios, duration_s
    incomplete: list[str] | None = None  # why parts of the run were not observed (capture lost...)
    error: str | None = None  # the error that ended a failed run
    error_kind: str | None = None  # its class name
    extra: JsonObject = field(default_factory=dict)
    schema: int = MANIFEST_SCHEMA

    @classmethod
    def new(cls, run_id: str) -> Manifest:
        return cls(run_id=run_id, started=time.time())

    @classmethod
    def from_json(cls, data: object, document: str = "manifest.json") -> Manifest:
        """The manifest in `data`; InputError (one line) when it is not one."""
        f = Fields(data, document)
        status = f.text("status", "running")
        if status not in RUN_STATUSES:
            raise f.invalid("status", f"{status[:40]!r} is not one of {', '.join(RUN_STATUSES)}")
        return cls(
            schema=f.integer("schema", MANIFEST_SCHEMA),
            run_id=f.text("run_id"),
            status=status,  # narrowed by the check against RUN_STATUSES
            started=f.number("started"),
            ended=f.opt_number("ended"),
            app=f.record("app", AppRecord.read),
            device=f.record("device", DeviceRecord.read),
            stages=f.records("stages", Stage.read),
            coverage=f.record("coverage", RunCoverage.read),
            first_party_domains=f.texts("first_party_domains"),
            tool_version=f.opt_text("tool_version"),
            config=f.opt_object("config"),
            incomplete=f.opt_texts("incomplete"),
            error=f.opt_text("error"),
            error_kind=f.opt_text("error_kind"),
            extra=f.rest(),
        )

    def to_json(self) -> JsonObject:
        out: JsonObject = {
            "schema": self.schema,
            "run_id": self.run_id,
            "status": self.status,
            "started": self.started,
            "ended": self.ended,
            "app": self.app.to_json(),
            "device": self.device.to_json(),
            "stages": [stage.to_json() for stage in self.stages],
            "coverage": self.coverage.to_json(),
            "first_party_domains": self.first_party_domains,
        }
        put(out, "tool_version", self.tool_version)
        put(out, "config", self.config)
        put(out, "incomplete", self.incomplete)
        put(out, "error", self.error)
        put(out, "error_kind", self.error_kind)
        return {**out, **self.extra}
