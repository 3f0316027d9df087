"""The runner process of one attempt: `python -m harness.batch.attempt ORDER OUTCOME`.

ORDER is a JSON file {"job": AppJob, "slot": DeviceSlot} (a file, not arguments: catalog
fields may be larger than a command line can carry).

It runs in its own process group, so that the batch can stop an attempt that ran out of
time by killing the group (the app processes with it). Its stdin is a pipe from the process
that started it; when that process dies, however it dies, the pipe closes and the runner
kills its group at once, so no orphaned run keeps writing into the output folder.

It reports through the OUTCOME file, written atomically twice: once the run folder is
prepared (`phase: prepared`) and when the attempt is over (`phase: finished`).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from harness.api import RunOptions
from harness.batch.devices import DeviceSlot
from harness.batch.job import AppJob
from harness.batch.store import BatchStore, write_json_durably
from harness.batch.triage import ControlLaunch, died_on_launch
from harness.device.base import Device
from harness.errors import DeviceError, ProbeError

APP_LOCK_WAIT_S = 60.0
CONTROL_DWELL_S = 4.0


def _die_with_parent() -> None:
    def watch() -> None:
        # raw reads: a buffered stdin would hold a lock that breaks interpreter shutdown
        while os.read(0, 4096):
            pass  # EOF: the parent is gone (or let go of us)
        os.killpg(os.getpgid(0), signal.SIGKILL)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def control_launch(device: Device, package: str, dwell_s: float) -> ControlLaunch:
    """Launch the app without Frida: does it keep running where it died instrumented?"""
    try:
        device.clear_data(package)
        device.launch(package)
    except DeviceError:
        return "died"
    deadline = time.monotonic() + dwell_s
    while time.monotonic() < deadline:
        if not device.is_running(package):
            return "died"
        time.sleep(0.2)
    device.stop(package)
    return "survived"


def _exit_status(device: Device, package: str) -> int | None:
    """How the app's last process ended, on backends that know it (the sim device does)."""
    exit_code = getattr(device, "exit_code", None)
    status = exit_code(package) if callable(exit_code) else None
    return status if isinstance(status, int) else None


def _analyse(run_dir: Path, first_party: Sequence[str]) -> dict[str, Any]:
    from harness.api import analyze_run, exit_code_for

    findings = analyze_run(run_dir, first_party=first_party)
    rules = {v.rule: str(v.status) for v in findings.verdicts}
    return {"exit_code": int(exit_code_for(findings)), "rules": rules}


def run_options(job: AppJob) -> RunOptions:
    return RunOptions(
        scenarios=job.settings.scenarios,
        duration_s=job.settings.duration_s,
        category=job.category,
        first_party=job.first_party,
    )


def execute(job: AppJob, slot: DeviceSlot, report: dict[str, Any], save: Callable[[], None]) -> None:
    """Run the app into its run folder; everything that writes there happens under the app's lock."""
    from harness.api import record_run

    store = BatchStore(Path(job.out))
    with store.app_lock(job.app_id, APP_LOCK_WAIT_S):
        report["set_aside"] = store.set_aside(job.app_id)
        report["phase"] = "prepared"
        save()
        try:
            device = slot.open()
        except ProbeError as exc:
            report["device_error"] = str(exc)
            return
        run_dir = store.run_dir(job.app_id)
        try:
            result = record_run(job.source or job.package or job.app, run_dir, device, run_options(job))
            report["run_id"] = result.manifest.run_id
            package = result.manifest.app.package
            if package and died_on_launch(run_dir, result.manifest.to_json()):
                report["exit_status"] = _exit_status(device, package)
                dwell = min(CONTROL_DWELL_S, max(1.0, job.settings.duration_s or CONTROL_DWELL_S))
                report["control_launch"] = control_launch(device, package, dwell)
        finally:
            device.close()
        if package:
            try:
                report["analysis"] = _analyse(run_dir, job.first_party)
            except Exception as exc:  # a broken detector must not lose the run; the result says why
                report["analysis_error"] = f"{type(exc).__name__}: {exc}"


def main(argv: Sequence[str]) -> int:
    _die_with_parent()
    order = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    job = AppJob.from_json(order["job"])
    slot = DeviceSlot.from_json(order["slot"])
    outcome_path = Path(argv[1])
    report: dict[str, Any] = {"phase": "started", "pid": os.getpid()}

    def save() -> None:
        write_json_durably(outcome_path, report)

    try:
        execute(job, slot, report, save)
    except Exception as exc:
        report["error"] = f"{type(exc).__name__}: {exc}"
        report["error_kind"] = type(exc).__name__
        report["traceback"] = traceback.format_exc(limit=12)
    report["phase"] = "finished"
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
