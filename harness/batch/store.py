"""The batch output store: run folders, one durable result file per app, and resume.

Layout of a batch output folder `OUT` (on a farm: a path every host mounts at the same place):

    OUT/batch.json                  the batch index (see harness.batch.index); rewritten atomically
    OUT/<app-id>/                   the latest run folder of each app (manifest.json, findings.json…)
    OUT/_batch/results/<app-id>.json  the final result of each app: the source of truth for resume
    OUT/_batch/attempts/<app-id>/<run-id>/  run folders of earlier attempts (retried or interrupted)
    OUT/_batch/logs/<app-id>.log    output of the runner processes of that app
    OUT/_batch/jobs/                what runner processes report while they run (transient)
    OUT/_batch/lock                 held by the running batch (one batch per folder at a time)
    OUT/_batch/locks/<app-id>.lock  held by the process running that app

Durability: a result file is written to a temporary file, fsynced and renamed over its final
name (then the folder is fsynced), so a reader — or a batch resumed after SIGKILL — sees either
no result or a whole one. An app without a result is run again; its unfinished run folder is
first moved to `_batch/attempts/`, never deleted. Locks are `flock` locks: the kernel drops
them when their holder dies, however it dies.

Result file (`schema` 1; harness.documents.batch.AppResult), written once per app when its last
attempt ends:

    app_id, line, name, app, category, first_party   the catalog row it ran
    fingerprint      the row fields that, when changed, make the result stale
    batch_id         the batch invocation that produced it
    status           "done" (the run completed) | "failed" (it could not: see triage)
    triage           null or a label of harness.batch.triage (a done app can carry
                     no_consent_dialog_found, consent_ambiguous); detail: one line
    run_dir          the run folder, relative to OUT ("<app-id>")
    run_id, run_status   from the run's manifest.json
    exit_code        as `analyze` exits (harness.errors.ExitCode): 0 no fail verdict, 1 at least
                     one, 2 incomplete run or crashed detector; null when not analysed
    verdicts         {"fail": n, "pass": n, "inconclusive": n, "not_tested": n, "not_applicable": n}
    rules            {rule id: verdict status}; failed_rules: [rule id, …]
    analysis_error   why findings.json could not be derived, or null
    attempts         [{attempt, device, worker, started, seconds, triage, infrastructure,
                       detail, run_id, run_dir}]   (triage "interrupted": the batch or its
                       worker died while the attempt ran)
    finished         epoch seconds
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from harness.batch.catalog import CatalogRow
from harness.documents.batch import AppResult
from harness.documents.batch_index import BatchIndex
from harness.errors import InputError, ProbeError
from harness.rundir import MANIFEST, run_in_progress

INDEX = "batch.json"
META = "_batch"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class BatchBusy(ProbeError):
    """Another batch holds the output folder."""


class BatchStore:
    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.meta = self.out / META
        self.results_dir = self.meta / "results"
        self.attempts_dir = self.meta / "attempts"
        self.logs_dir = self.meta / "logs"
        self.locks_dir = self.meta / "locks"

    def ensure(self) -> None:
        if self.out.exists() and not self.out.is_dir():
            raise InputError(f"--out {self.out}: exists and is not a folder")
        for folder in (self.results_dir, self.attempts_dir, self.logs_dir, self.locks_dir):
            folder.mkdir(parents=True, exist_ok=True)

    # -- paths -------------------------------------------------------------------------------

    def run_dir(self, app_id: str) -> Path:
        return self.out / _checked(app_id)

    def result_path(self, app_id: str) -> Path:
        return self.results_dir / f"{_checked(app_id)}.json"

    def log_path(self, app_id: str) -> Path:
        return self.logs_dir / f"{_checked(app_id)}.log"

    def relative(self, path: Path) -> str:
        return path.relative_to(self.out).as_posix()

    # -- results -----------------------------------------------------------------------------

    def read_result(self, app_id: str) -> AppResult | None:
        """The app's result, or None when there is none (or it cannot be read: run it again)."""
        path = self.result_path(app_id)
        try:
            return AppResult.from_json(json.loads(path.read_text(encoding="utf-8")), str(path))
        except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError, InputError):
            return None

    def write_result(self, result: AppResult) -> None:
        write_json_durably(self.result_path(result.app_id), result.to_json())

    def write_index(self, index: BatchIndex) -> None:
        write_json_durably(self.out / INDEX, index.to_json())

    # -- earlier attempts --------------------------------------------------------------------

    def set_aside(self, app_id: str) -> dict[str, Any] | None:
        """Move the app's current run folder into `_batch/attempts/`; what it was, or None."""
        current = self.run_dir(app_id)
        if not current.is_dir():
            return None
        holder = run_in_progress(current)
        if holder is not None:  # a `privacy-probe run` is recording there: never move a live folder
            raise BatchBusy(f"{current}: a run is recording into this folder ({holder})")
        manifest = _read_manifest(current)
        run_id = str(manifest.get("run_id") or uuid.uuid4().hex)
        target = self.attempts_dir / app_id / _checked(run_id)
        if target.exists():
            target = target.with_name(f"{target.name}-{uuid.uuid4().hex[:6]}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(current), str(target))
        device = manifest.get("device") if isinstance(manifest.get("device"), dict) else {}
        return {
            "run_id": run_id,
            "run_dir": self.relative(target),
            "status": manifest.get("status"),
            "device": (device or {}).get("serial"),
            "started": manifest.get("started"),
        }

    # -- locks -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def batch_lock(self) -> Iterator[None]:
        """Exclusive use of OUT by this batch; fails at once when another batch has it."""
        path = self.meta / "lock"
        with path.open("a+", encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise BatchBusy(f"{self.out}: another batch is running on this folder ({holder})") from None
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()} on {os.uname().nodename}\n")
            handle.flush()
            yield

    @contextlib.contextmanager
    def app_lock(self, app_id: str, wait_s: float) -> Iterator[None]:
        """Exclusive use of the app's run folder; waits for a dying earlier runner to let go."""
        path = self.locks_dir / f"{_checked(app_id)}.lock"
        with path.open("a", encoding="utf-8") as handle:
            _flock_waiting(handle, wait_s, f"{app_id} is being run by another process")
            yield


def _flock_waiting(handle: IO[str], wait_s: float, busy: str) -> None:
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise BatchBusy(f"{busy} (waited {wait_s:.0f} s)") from None
            time.sleep(0.1)


def _checked(name: str) -> str:
    """Names from catalogs and manifests become path parts only when they are plain and safe."""
    if not _SAFE_ID.match(name) or name in {".", ".."}:
        raise InputError(f"{name!r} cannot be used as a file name in the batch output")
    return name


def _read_manifest(run_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((run_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json_durably(path: Path, data: Any) -> None:
    """Readers see the old file or the new one, whole; after return it survives a power cut."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself must reach the disk, not only the file's data
    finally:
        os.close(folder)


Rerun = Literal["none", "failed", "all"]


@dataclass(frozen=True)
class ResumePlan:
    to_run: tuple[CatalogRow, ...]
    finished: dict[str, AppResult]  # app id → the result that is kept
    stale: tuple[CatalogRow, ...]  # rows whose result was for different catalog values


def plan_resume(rows: Sequence[CatalogRow], store: BatchStore, rerun: Rerun) -> ResumePlan:
    to_run: list[CatalogRow] = []
    stale: list[CatalogRow] = []
    finished: dict[str, AppResult] = {}
    for row in rows:
        result = store.read_result(row.app_id)
        if result is not None and result.fingerprint != row.fingerprint():
            stale.append(row)
            result = None
        keep = result is not None and (rerun == "none" or (rerun == "failed" and result.status != "failed"))
        if keep and result is not None:
            finished[row.app_id] = result
        else:
            to_run.append(row)
    return ResumePlan(tuple(to_run), finished, tuple(stale))
