"""`privacy-probe demo`: the example catalog through the batch engine, on sim devices.

The examples are built to break rules, so their fail verdicts are the demo's content: the
demo exits 0 when every example was tested, and 2 (naming each app and why) when one could
not be — an example that cannot be tested is a defect of the demo.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from harness.documents.batch_index import IndexEntry
from harness.errors import ExitCode, InputError
from harness.humanize import clock_time, duration
from harness.paths import PROJECT_ROOT

CATALOG = PROJECT_ROOT / "examples" / "catalog.csv"
# An example runs its whole plan in well under a minute; one that hangs must not hold the demo.
APP_TIMEOUT_S = 240.0


def app_line(app: IndexEntry) -> str:
    """One line per example: what it showed, or why it could not be tested."""
    if app.status != "done":
        return f"{app.app_id}: NOT TESTED ({app.triage or app.status}): {app.detail or 'no result'}"
    failed = list(app.failed_rules or ())
    inconclusive = (app.verdicts or {}).get("inconclusive", 0)
    shown = (
        f"{len(failed)} rule{'s' if len(failed) != 1 else ''} failed: {', '.join(failed)}"
        if failed
        else "no rule failed"
    )
    line = f"{app.app_id}: {shown}" + (f" ({inconclusive} inconclusive)" if inconclusive else "")
    if app.incomplete:
        line += f"; INCOMPLETE run (see {app.run_dir or app.app_id}/report.html)"
    return line


def run_demo(
    out: Path,
    devices: str,
    dwell_s: float,
    catalog: Path = CATALOG,
    scenarios: tuple[str, ...] | None = None,  # None: the full plan
) -> ExitCode:
    from harness.batch.devices import parse_devices
    from harness.batch.driver import BatchRequest, run_batch
    from harness.batch.job import BatchSettings
    from harness.batch.progress import make_progress
    from reports import render_catalog

    if any(kind != "sim" for kind, _ in parse_devices(devices)):
        raise InputError(f"--devices {devices}: the demo runs on sim devices (sim:N)")
    if not catalog.is_file():
        raise InputError(f"{catalog}: the example catalog is missing")
    started = time.time()
    print(f"demo: started at {clock_time(started)}: the examples of {catalog} on {devices}", flush=True)
    request = BatchRequest(
        catalog=catalog,
        out=out,
        devices=devices,
        settings=BatchSettings(scenarios=scenarios, duration_s=dwell_s, timeout_s=APP_TIMEOUT_S),
        rerun="all",
    )
    index = run_batch(request, make_progress())
    page = render_catalog(out)
    apps = index.apps
    for app in apps:
        print(f"  {app_line(app)}")
    untested = [app for app in apps if app.status != "done" or app.incomplete]
    print(
        f"demo: {len(apps)} example apps in {duration(time.time() - started)} "
        f"(ended {clock_time(time.time())}); open {page.resolve()}"
    )
    if untested:
        names = ", ".join(
            f"{a.app_id} ({'incomplete' if a.incomplete else a.triage or a.status})" for a in untested
        )
        print(
            f"privacy-probe: error: {len(untested)} of {len(apps)} example apps could not be tested: {names}",
            file=sys.stderr,
        )
        return ExitCode.ERROR
    return ExitCode.OK
