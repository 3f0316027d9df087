"""One attempt of one app on one device, and what it means for the app.

Used alike by the local device pool and by Dask workers: start the runner process
(`harness.batch.attempt`), stop it when the per-app time budget runs out, triage the attempt
and — when it is the app's last — write the app's result to the store.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from harness.batch.devices import DeviceSlot
from harness.batch.job import AppJob
from harness.batch.store import BatchStore, write_json_durably
from harness.batch.triage import AttemptFacts, Triage, classify
from harness.documents.batch import AppResult, AttemptRecord
from harness.documents.verdict import STATUSES
from harness.rundir import MANIFEST

INTERRUPTED = "interrupted"
_LOG_TAIL_BYTES = 4096


@dataclass(frozen=True)
class AttemptReply:
    attempts: tuple[AttemptRecord, ...]  # every attempt of the app so far, this one last
    triage: Triage
    result: AppResult | None  # the app's final result when this attempt was its last
    device_lost: bool


@dataclass(frozen=True)
class _Process:
    outcome: dict[str, Any]  # what the runner reported ({} when it reported nothing)
    timed_out: bool
    exit_status: int


def attempt_app(job: AppJob, slot: DeviceSlot, store: BatchStore, worker: str | None = None) -> AttemptReply:
    earlier = store.read_result(job.app_id)
    if earlier is not None and earlier.batch_id == job.batch_id:
        # A rescheduled task whose first execution finished: its worker died after writing.
        triage = Triage(earlier.triage, False, earlier.detail or "")
        return AttemptReply(earlier.attempts, triage, earlier, False)
    started = time.time()
    process = _run(job, slot, store)
    outcome = process.outcome
    manifest = _this_attempts_manifest(store, job.app_id, outcome)
    healthy = slot.healthy()
    facts = AttemptFacts(
        timed_out=process.timed_out,
        device_healthy=healthy,
        device_error=outcome.get("device_error") or _device_error(outcome),
        runner_error=_runner_error(store, job, process),
        control_launch=outcome.get("control_launch"),
        exit_status=outcome.get("exit_status"),
    )
    run_dir = store.run_dir(job.app_id)
    triage = classify(run_dir if manifest else None, manifest, facts)
    record = AttemptRecord(
        attempt=job.attempt,
        device=slot.serial,
        worker=worker,
        started=started,
        seconds=round(time.time() - started, 3),
        triage=triage.label,
        infrastructure=triage.infrastructure,
        detail=triage.detail,
        run_id=(manifest or {}).get("run_id"),
        run_dir=store.relative(run_dir) if manifest else None,
    )
    earlier_run = earlier.run_id if earlier is not None else None
    attempts = (*_with_set_aside(job.attempts, outcome.get("set_aside"), earlier_run), record)
    final = triage.label is None or not triage.infrastructure or job.attempt >= job.max_attempts
    result = None
    if final:
        result = build_result(job, triage, attempts, manifest or {}, outcome, store)
        store.write_result(result)
    return AttemptReply(attempts, triage, result, device_lost=not healthy)


def _run(job: AppJob, slot: DeviceSlot, store: BatchStore) -> _Process:
    stem = store.meta / "jobs" / f"{job.app_id}.{job.attempt}.{uuid.uuid4().hex[:8]}"
    outcome_path, order_path = stem.with_name(f"{stem.name}.json"), stem.with_name(f"{stem.name}.order.json")
    outcome_path.parent.mkdir(parents=True, exist_ok=True)
    # the work order goes in a file: catalog fields of any size would overflow a command line (E2BIG)
    write_json_durably(order_path, {"job": job.to_json(), "slot": slot.to_json()})
    command = [sys.executable, "-m", "harness.batch.attempt", str(order_path), str(outcome_path)]
    timed_out = False
    with store.log_path(job.app_id).open("ab") as log:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        log.write(f"--- {stamp} attempt {job.attempt} on {slot.serial}\n".encode())
        log.flush()
        child = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            child.wait(timeout=job.settings.timeout_s)
        except subprocess.TimeoutExpired:
            timed_out = True
        except BaseException:
            _kill_group(child)
            raise
        finally:
            if child.returncode is None:
                _kill_group(child)
            if child.stdin is not None:
                child.stdin.close()
    try:
        outcome = json.loads(outcome_path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        outcome = {}
    outcome_path.unlink(missing_ok=True)
    order_path.unlink(missing_ok=True)
    return _Process(outcome=outcome, timed_out=timed_out, exit_status=child.returncode)


def _kill_group(child: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
    child.wait()


def _this_attempts_manifest(store: BatchStore, app_id: str, outcome: dict[str, Any]) -> dict[str, Any] | None:
    """The run folder's manifest, only once the runner has set the earlier folder aside."""
    if outcome.get("phase") not in ("prepared", "finished"):
        return None
    try:
        data = json.loads((store.run_dir(app_id) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _device_error(outcome: dict[str, Any]) -> str | None:
    return str(outcome["error"]) if outcome.get("error_kind") == "DeviceError" else None


def _runner_error(store: BatchStore, job: AppJob, process: _Process) -> str | None:
    if process.timed_out or process.outcome.get("error_kind") == "DeviceError":
        return None
    if process.outcome.get("error"):
        return f"privacy-probe failed: {process.outcome['error']}"
    if process.outcome.get("phase") != "finished":
        status = process.exit_status
        return f"the runner process ended without reporting (exit status {status}): {_log_tail(store, job)}"
    return None


def _log_tail(store: BatchStore, job: AppJob) -> str:
    path = store.log_path(job.app_id)
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - _LOG_TAIL_BYTES))
        lines = handle.read().decode("utf-8", "replace").splitlines()
    meaningful = [line.strip() for line in lines if line.strip() and not line.startswith("---")]
    return meaningful[-1] if meaningful else "no output"


def _with_set_aside(
    attempts: tuple[AttemptRecord, ...], set_aside: dict[str, Any] | None, earlier_run: str | None
) -> list[AttemptRecord]:
    """Earlier attempts, pointing at where their run folders went.

    A set-aside folder that is neither one of them nor the run of the app's earlier result
    (a re-run) belongs to an attempt that was interrupted (its batch or worker died).
    """
    records = list(attempts)
    if set_aside is None or set_aside["run_id"] == earlier_run:
        return records
    for index, record in enumerate(records):
        if record.run_id == set_aside["run_id"]:
            records[index] = replace(record, run_dir=set_aside["run_dir"])
            return records
    records.append(
        AttemptRecord(
            attempt=None,
            device=set_aside.get("device"),
            worker=None,
            started=set_aside.get("started"),
            seconds=None,
            triage=INTERRUPTED,
            infrastructure=True,
            detail=f"an earlier run did not finish (manifest status {set_aside.get('status')!r})",
            run_id=set_aside["run_id"],
            run_dir=set_aside["run_dir"],
        )
    )
    return records


def build_result(
    job: AppJob,
    triage: Triage,
    attempts: tuple[AttemptRecord, ...],
    manifest: dict[str, Any],
    outcome: dict[str, Any],
    store: BatchStore,
) -> AppResult:
    analysis = outcome.get("analysis") if isinstance(outcome.get("analysis"), dict) else None
    rules: dict[str, str] | None = dict(analysis["rules"]) if analysis else None
    counts = Counter((rules or {}).values())
    return AppResult(
        app_id=job.app_id,
        line=job.line,
        name=job.name,
        app=job.app,
        category=job.category,
        first_party=job.first_party,
        fingerprint=job.fingerprint,
        batch_id=job.batch_id,
        status="done" if triage.completed else "failed",
        triage=triage.label,
        detail=triage.detail,
        run_dir=store.relative(store.run_dir(job.app_id)) if manifest else None,
        run_id=manifest.get("run_id"),
        run_status=manifest.get("status"),
        exit_code=analysis["exit_code"] if analysis else None,
        verdicts={s: counts.get(s, 0) for s in STATUSES} if analysis else None,
        rules=rules,
        failed_rules=tuple(sorted(r for r, s in (rules or {}).items() if s == "fail")),
        analysis_error=outcome.get("analysis_error"),
        attempts=attempts,
        finished=time.time(),
    )


def give_up(job: AppJob, store: BatchStore, triage: Triage) -> AppResult:
    """Write the final result of an app that cannot get another attempt (no device left…)."""
    result = build_result(job, triage, job.attempts, {}, {}, store)
    store.write_result(result)
    return result
