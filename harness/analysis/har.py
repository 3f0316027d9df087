"""The run's flows.har for export, made from flows.jsonl when the capture did not leave one."""

from __future__ import annotations

from pathlib import Path

from harness.capture.har import write_har
from harness.rundir import FLOWS, FLOWS_HAR


def ensure_har(run_dir: Path) -> Path | None:
    """The run's flows.har, rebuilt from flows.jsonl when it is missing or older."""
    flows, har = run_dir / FLOWS, run_dir / FLOWS_HAR
    if not flows.is_file():
        return har if har.is_file() else None
    if not har.is_file() or har.stat().st_mtime < flows.stat().st_mtime:
        write_har(flows, har)
    return har
