"""The library API: what `privacy-probe run|analyze`, the batch runner and a user's script call.

    from harness import RunOptions, open_device, probe_app

    result = probe_app("examples/leaky_sdk", Path("runs/leaky_sdk"), open_device("sim"))
    print(result.exit_code, result.report)

`probe_app` records one run into its run folder (holding the folder's lock), analyses it and
renders its report; `record_run` only records (the batch runner analyses on its own terms);
`analyze_run`, `exit_code_for` and `render_run` redo the later steps on an existing folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness.errors import ExitCode, InputError, ProbeError

if TYPE_CHECKING:
    from harness.detect.user_inputs import UserInputs
    from harness.device.base import Device
    from harness.documents import Findings
    from harness.session import RunConfig, RunResult


@dataclass(frozen=True)
class RunOptions:
    """How to run an app; None keeps the session's default (harness.session.RunConfig)."""

    scenarios: tuple[str, ...] | None = None  # the plan; None: scenarios.DEFAULT_PLAN
    duration_s: float | None = None  # dwell time per scenario
    category: str | None = None  # the app's category, for the necessary-data rule
    first_party: tuple[str, ...] = ()  # domains that belong to the app's operator
    capture: bool = True  # route traffic through mitmdump
    sdk_list: Path | None = None  # the declared SDK list or privacy policy (declared vs observed)
    store_listing: Path | None = None  # the store listing, JSON or CSV


@dataclass(frozen=True)
class ProbeResult:
    run_dir: Path
    status: str  # the manifest's: "ok" | "partial" | "failed"
    findings: Findings | None  # None when the run failed before anything could be analysed
    exit_code: ExitCode
    report: Path | None  # report.html (None when not rendered)
    error: ProbeError | None = None  # why the run failed; its run folder still says what happened

    @property
    def failed_rules(self) -> list[str]:
        verdicts = self.findings.verdicts if self.findings else []
        return [v.rule for v in verdicts if v.status == "fail"]


def open_device(spec: str = "sim") -> Device:
    """'sim' / 'sim-2' / 'sim@33' (a simulated device at that API level) or an adb serial."""
    from harness.sim.device import SimDevice, parse_sim_spec

    sim = parse_sim_spec(spec)
    if sim is not None:
        return SimDevice(serial=sim[0], api_level=sim[1])
    from harness.device.adb import AdbDevice

    return AdbDevice.open(spec)


def run_folder_name(app: Path) -> str:
    """The run folder's name for an app under a parent folder: the app's name, a plain file name.

    Resolved first, so `..` or a trailing slash names the folder itself, never a path that
    climbs out of the parent.
    """
    from harness.batch.catalog import app_id_for

    return app_id_for(app.resolve().name.removesuffix(".jar").removesuffix(".apk") or "app")


def run_config(app: Path, run_dir: Path, options: RunOptions) -> RunConfig:
    """The session's configuration; unknown scenario names are refused before anything runs."""
    import scenarios
    from harness.session import RunConfig

    chosen: dict[str, Any] = {}
    if options.scenarios is not None:
        for name in options.scenarios:
            scenarios.load(name)
        chosen["scenarios"] = tuple(options.scenarios)
    if options.duration_s is not None:
        chosen["duration_s"] = options.duration_s
    return RunConfig(
        app=app,
        out=run_dir,
        category=options.category,
        first_party=tuple(options.first_party),
        capture=options.capture,
        **chosen,
    )


def record_run(
    app: Path | str, run_dir: Path, device: Device, options: RunOptions = RunOptions()
) -> RunResult:
    """Record one run into `run_dir` (see harness.session.run_app); the device stays open."""
    config, inputs = _prepare(Path(app), run_dir, options)
    return _record(config, inputs, device)


def probe_app(
    app: Path | str,
    run_dir: Path,
    device: Device | str = "sim",
    options: RunOptions = RunOptions(),
    *,
    render: bool = True,
) -> ProbeResult:
    """Run, analyse and report one app into `run_dir`, which stays locked until all is written.

    `device`: an open Device (left open) or a spec for `open_device` (opened once the inputs
    proved good, closed after the run). A run that fails is still reported; the result carries
    the error rather than raising it.
    """
    from harness.rundir import run_folder_lock

    path = Path(app)
    if not path.exists():
        raise InputError(f"{app}: no such file or directory")
    config, inputs = _prepare(path, run_dir, options)
    with run_folder_lock(run_dir):
        if isinstance(device, str):
            opened = open_device(device)
            try:
                result = _record(config, inputs, opened)
            finally:
                opened.close()
        else:
            result = _record(config, inputs, device)
        findings = None
        if result.error is None:
            findings = analyze_run(result.run_dir, first_party=options.first_party)
        report = render_run(result.run_dir) if render else None
    return ProbeResult(
        run_dir=result.run_dir,
        status=result.status,
        findings=findings,
        exit_code=ExitCode.ERROR if findings is None else exit_code_for(findings),
        report=report,
        error=result.error,
    )


def _prepare(app: Path, run_dir: Path, options: RunOptions) -> tuple[RunConfig, UserInputs]:
    from harness.detect.user_inputs import load_user_inputs

    inputs = load_user_inputs(options.sdk_list, options.store_listing)
    return run_config(app, run_dir, options), inputs


def _record(config: RunConfig, inputs: UserInputs, device: Device) -> RunResult:
    from harness.rundir import run_folder_lock
    from harness.session import run_app

    with run_folder_lock(config.out):
        result = run_app(config, device)
        inputs.save(result.run_dir)
    return result


def analyze_run(run_dir: Path, *, first_party: Sequence[str] = ()) -> Findings:
    """Derive RUN_DIR/findings.json from the recorded files alone; returns it."""
    from harness.analysis import analyze_run as analyse

    return analyse(run_dir, first_party=first_party)


def exit_code_for(findings: Findings) -> ExitCode:
    """0 no rule failed, 1 some rule failed, 2 a detector crashed or the run is incomplete."""
    from harness.analysis import exit_code_for as code_for

    return ExitCode(code_for(findings))


def render_run(run_dir: Path) -> Path:
    """Write RUN_DIR/report.html and the run's exports; returns the report's path."""
    from reports import render_run as render

    return render(run_dir)
