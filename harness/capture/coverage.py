"""What the capture of one run saw and what it lost, for the report's coverage section."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from harness.records import read_jsonl
from harness.rundir import FLOWS

CAPTURE_STATE = "capture.json"


def capture_coverage(run_dir: Path) -> dict[str, Any]:
    """{"flows_total", "flows_error", "flows_undecrypted", "undecrypted": [{host, reason, count}],
    "capture_errors": [text]} from the run dir's flows.jsonl and capture.json."""
    total = 0
    errors = 0
    undecrypted: Counter[tuple[str, str]] = Counter()
    truncated = 0
    decode_failures: Counter[str] = Counter()
    for record in read_jsonl(run_dir / FLOWS):
        total += 1
        status = record.get("status")
        if status == "tls_failed":
            undecrypted[(str(record.get("host") or "?"), str(record.get("error") or ""))] += 1
        elif status == "error":
            errors += 1
        for prefix in ("request", "response"):
            if record.get(f"{prefix}_body_truncated"):
                truncated += 1
            decode_error = record.get(f"{prefix}_decode_error")
            if decode_error and "over cap" not in str(decode_error):
                decode_failures[str(decode_error)] += 1
    capture_errors = _state_errors(run_dir)
    if truncated:
        capture_errors.append(
            f"{truncated} bod{'y was' if truncated == 1 else 'ies were'} cut at the size cap"
            " or not recorded (only the recorded part was searched)"
        )
    capture_errors += [
        f"{count} bod{'y' if count == 1 else 'ies'} could not be decoded, kept raw: {error}"
        for error, count in sorted(decode_failures.items())
    ]
    return {
        "flows_total": total,
        "flows_error": errors,
        "flows_undecrypted": sum(undecrypted.values()),
        "undecrypted": [
            {"host": host, "reason": reason, "count": count}
            for (host, reason), count in sorted(undecrypted.items())
        ],
        "capture_errors": capture_errors,
    }


def _state_errors(run_dir: Path) -> list[str]:
    path = run_dir / CAPTURE_STATE
    if not path.exists():
        if (run_dir / FLOWS).exists():
            return []
        return ["no capture ran: network traffic was not recorded"]
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"capture state {path.name} is unreadable ({exc}): the capture may be incomplete"]
    errors = [str(e) for e in state.get("errors", []) if e]
    if state.get("stopped") is None and not errors:
        errors.append("the capture was never stopped (harness interrupted?): its end may be lost")
    return errors
