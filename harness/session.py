"""One run of one app on one device: install, instrument, drive the scenarios, record, finalise.

The run folder always ends with a manifest saying what happened, even when a stage failed;
`run_app` re-raises the first fatal error after the manifest is written.
"""

from __future__ import annotations

import contextlib
import shutil
import time
import traceback
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import scenarios
from harness import __version__
from harness.agent import build_agent
from harness.apk.native_libs import agent_targets, native_tls_coverage
from harness.device.base import AppInfo, Device, no_launcher_message
from harness.documents import AppRecord, DeviceRecord, Manifest, Stage
from harness.errors import DeviceError, InputError, InstrumentationError, ProbeError
from harness.profile import DEFAULT_PROFILE, DeviceProfile
from harness.records import JsonlWriter
from harness.rundir import EVENTS, LOGCAT, PROFILE, STEPS, RunDir, run_folder_lock
from harness.scenario import ScenarioContext
from harness.steps import StepAction

DEFAULT_DURATION_S = 8.0


@dataclass(frozen=True)
class RunConfig:
    app: Path
    out: Path  # the run folder itself
    scenarios: tuple[str, ...] = scenarios.DEFAULT_PLAN
    duration_s: float = DEFAULT_DURATION_S
    category: str | None = None
    first_party: tuple[str, ...] = ()
    profile: DeviceProfile = DEFAULT_PROFILE
    capture: bool = True
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunResult:
    run_dir: Path
    status: str  # "ok" | "failed" | "partial"
    manifest: Manifest
    error: ProbeError | None = None


def prepare_run_dir(path: Path) -> RunDir:
    """A fresh folder for the run; an older run in the same place is kept beside it, not lost.

    The caller holds the folder's lock, so the older run is not live: no process records into it.
    """
    if path.exists() and any(path.iterdir()):
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(path.stat().st_mtime))
        shutil.move(str(path), str(path.with_name(f"{path.name}.{stamp}.{uuid.uuid4().hex[:4]}")))
    path.mkdir(parents=True, exist_ok=True)
    return RunDir(path)


class _Stages:
    """Records each stage's outcome in the manifest as it ends."""

    def __init__(self, run: RunDir, manifest: Manifest) -> None:
        self.run = run
        self.manifest = manifest

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[Stage]:
        entry = Stage(name, started=time.time())
        self.manifest.stages.append(entry)
        try:
            yield entry
        except ProbeError as exc:
            entry.status, entry.error = "failed", str(exc)
            raise
        except Exception as exc:
            entry.status, entry.error = "failed", f"internal error: {exc!r}"
            entry.extra["traceback"] = traceback.format_exc(limit=8)
            raise
        else:
            entry.status = "ok"
        finally:
            entry.ended = time.time()
            self.run.write_manifest(self.manifest)


def _app_record(info: AppInfo, category: str | None) -> AppRecord:
    return AppRecord(
        package=info.package,
        label=info.label,
        version=info.version,
        category=category,
        source=info.source,
        permissions=list(info.permissions),
    )


def run_app(config: RunConfig, device: Device) -> RunResult:
    """Record the run into `config.out`, holding the folder's lock (see harness.rundir) throughout."""
    with run_folder_lock(config.out):
        return _record(config, device)


def _record(config: RunConfig, device: Device) -> RunResult:
    run = prepare_run_dir(config.out)
    manifest = Manifest.new(uuid.uuid4().hex)
    manifest.tool_version = __version__
    manifest.config = {
        "app": str(config.app),
        "scenarios": list(config.scenarios),
        "duration_s": config.duration_s,
    }
    manifest.first_party_domains = list(config.first_party)
    manifest.coverage.capture = "off"
    info = device.info()
    manifest.device = DeviceRecord(backend=info.backend, serial=info.serial, android=info.android)
    manifest.app = AppRecord(category=config.category)
    run.write_manifest(manifest)
    stages = _Stages(run, manifest)
    config.profile.write(run.file(PROFILE))
    device.plant_canaries(config.profile)
    modules = [scenarios.load(name) for name in config.scenarios]

    error: ProbeError | None = None
    contexts: list[ScenarioContext] = []
    app: AppInfo | None = None
    native_tls: list[dict[str, Any]] = []
    capture = _start_capture(run, manifest, device, info.backend) if config.capture else None
    try:
        if config.app.suffix == ".apk" and config.app.is_file():
            with stages.stage("scan"):
                native_tls = _write_scan(run, config.app)
        with stages.stage("agent") as entry:
            started = time.monotonic()
            bundle = build_agent()
            entry.seconds = round(time.monotonic() - started, 3)
        with stages.stage("install") as entry:
            started = time.monotonic()
            app = device.install(config.app)
            entry.seconds = round(time.monotonic() - started, 3)
            if config.app.is_dir():  # a source folder: the same scan, once it proved installable
                _write_scan(run, config.app)
            manifest.app = _app_record(app, config.category)
            if not app.launcher_activity:  # installed, but nothing a user could start
                raise InputError(no_launcher_message(app.package))
        with JsonlWriter(run.file(EVENTS)) as events, JsonlWriter(run.file(STEPS)) as steps:
            device.capture_logs(run.file(LOGCAT))
            for module in modules:
                ctx = ScenarioContext(
                    device=device, app=app, run=run, steps=steps, events=events,
                    agent_bundle=bundle, scenario=module.NAME,
                    options={
                        "duration": config.duration_s,
                        "clipboard_canary": config.profile.clipboard,
                        "native_tls": agent_targets(native_tls),
                        **config.options,
                    },
                )  # fmt: skip
                contexts.append(ctx)
                outcomes = manifest.coverage.scenarios
                try:
                    outcomes[module.NAME] = _run_scenario(stages, module, ctx)
                except (InstrumentationError, DeviceError) as exc:
                    outcomes[module.NAME] = f"error: {exc}"
                    raise
            with contextlib.suppress(ProbeError):
                device.stop(app.package)
    except ProbeError as exc:
        error = exc
    finally:
        for ctx in contexts:
            for instrumentation in ctx.instrumentations:
                instrumentation.detach()
        if capture is not None:
            _stop_capture(capture, run, manifest, device)
        _write_profile_seen_by_app(run, config.profile, device)
        manifest.coverage.add_notes(device.coverage_notes())
        _finalise(manifest, contexts, config, error)
        if native_tls:
            manifest.coverage.native_tls = native_tls_coverage(native_tls, manifest.coverage.hooks_installed)
        run.write_manifest(manifest)
    return RunResult(run_dir=run.path, status=manifest.status, manifest=manifest, error=error)


def _write_scan(run: RunDir, apk: Path) -> list[dict[str, Any]]:
    """The static scan of the APK or app folder (harness.apk.scan), kept beside the runtime records;
    returns its native libraries that link BoringSSL statically (`native_tls`), for the agent."""
    from harness.apk.scan import SCAN_FILE, scan_app
    from harness.records import write_json_atomic

    document = scan_app(apk).to_json()
    write_json_atomic(run.file(SCAN_FILE), document)
    return list(document["native_tls"])


def _start_capture(run: RunDir, manifest: Manifest, device: Device, backend: str) -> Any:
    """Start mitmdump and point the device at it; a capture that cannot start is recorded, not fatal."""
    from harness.capture.proxy import CaptureSettings, MitmdumpProcess

    settings = CaptureSettings(mode="offline" if backend == "sim" else "forward")
    mode = settings.mode
    capture = MitmdumpProcess(run.path, settings)
    entry = Stage("capture", started=time.time(), extra={"mode": mode})
    manifest.stages.append(entry)
    try:
        capture.start()
        device.setup_proxy(capture.host, capture.port, capture.ca_cert)
    except ProbeError as exc:
        capture.stop()
        entry.status, entry.error, entry.ended = "failed", str(exc), time.time()
        manifest.coverage.capture = f"failed: {exc}"
        run.write_manifest(manifest)
        return None
    entry.status, entry.ended = "ok", time.time()
    entry.extra["port"] = capture.port
    manifest.coverage.capture = mode
    run.write_manifest(manifest)
    return capture


def _stop_capture(capture: Any, run: RunDir, manifest: Manifest, device: Device) -> None:
    from harness.capture.coverage import capture_coverage

    with contextlib.suppress(ProbeError):
        device.clear_proxy()
    capture.stop()
    manifest.coverage.add_notes(capture_coverage(run.path))
    if capture.lost:
        manifest.incomplete = [*(manifest.incomplete or []), capture.lost]


def _run_scenario(stages: _Stages, module: Any, ctx: ScenarioContext) -> str:
    """Run one scenario; its own failures are recorded, a lost device or agent ends the run."""
    try:
        with stages.stage(f"scenario:{module.NAME}"):
            module.run(ctx)
    except (InstrumentationError, DeviceError) as exc:
        ctx.step(StepAction.SCENARIO_ERROR, error=str(exc))
        raise
    except ProbeError as exc:
        ctx.step(StepAction.SCENARIO_ERROR, error=str(exc))
        return f"error: {exc}"
    except Exception as exc:  # a broken scenario must not lose the run; the manifest has the traceback
        ctx.step(StepAction.SCENARIO_ERROR, error=repr(exc))
        return f"error: internal error in scenario: {exc!r}"
    return "ran"


def _finalise(
    manifest: Manifest,
    contexts: list[ScenarioContext],
    config: RunConfig,
    error: ProbeError | None,
) -> None:
    reports = [i.report for ctx in contexts for i in ctx.instrumentations]
    coverage = manifest.coverage
    if reports:
        coverage.hooks_installed = sorted({h for r in reports for h in r.hooks_installed})
        failed = {f["hook"]: f for r in reports for f in r.hooks_failed}
        coverage.hooks_failed = [dict(failed[k]) for k in sorted(failed)]
        coverage.agent_runtime = reports[0].runtime
        coverage.agent_errors = [e for r in reports for e in r.errors]
        coverage.events_recorded = sum(r.events_recorded for r in reports)
        coverage.app_processes = [
            {
                "attach_s": round(r.attach_s, 3),
                "detached": r.detached_reason,
                "crash": r.crash,
                "canaries": r.canaries,
                "process": r.process,
            }
            for r in reports
        ]
    for name in config.scenarios:
        coverage.scenarios.setdefault(name, "skipped: an earlier stage failed")
    scenario_errors = [s for s in coverage.scenarios.values() if s.startswith("error")]
    if error is not None:
        manifest.status = "failed"
        manifest.error = str(error)
        manifest.error_kind = type(error).__name__
    elif scenario_errors or manifest.incomplete:
        manifest.status = "partial"
    else:
        manifest.status = "ok"
    manifest.ended = time.time()


def _write_profile_seen_by_app(run: RunDir, profile: DeviceProfile, device: Device) -> None:
    """Identifiers cannot be planted on a real device: profile.json gets the ones it reported
    (harness.device.canaries). The sim returns the profile's own values: nothing to do there."""
    read_identifiers = getattr(device, "read_identifiers", None)
    if not callable(read_identifiers):
        return
    from harness.device.identifiers import profile_seen_by_app
    from harness.records import read_jsonl

    profile_seen_by_app(profile, read_identifiers, read_jsonl(run.file(EVENTS))).write(run.file(PROFILE))
