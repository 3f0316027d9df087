"""The run folder: where a run records everything, and the one reader of what it recorded.

RUN_DIR/
  manifest.json   status, app, device, per-stage results, coverage (written atomically)
  profile.json    the canary values planted for this run
  events.jsonl    hook events (HookEvent)
  steps.jsonl     scenario steps and harness actions (Step)
  flows.jsonl     one record per HTTP(S) flow (capture), flows.har, flows.mitm
  logcat.txt      the app process's output
  ui/             uiautomator XML dumps and PNG screenshots
  findings.json   verdicts derived by `privacy-probe analyze`

Analysis, reports and batch read a run through `RunDir`: `manifest()` and `findings()` as typed
documents (harness.documents), `profile()`, and `events()` / `steps()` / `flows()` as streams of
typed records that count the lines they could not read.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from harness.documents import Findings, Manifest
from harness.errors import InputError, ProbeError
from harness.records import (
    FLOWS_FILE,
    FileStats,
    Flow,
    HookEvent,
    Step,
    event_from_json,
    flow_from_json,
    read_jsonl,
    step_from_json,
    write_json_atomic,
)

if TYPE_CHECKING:
    from harness.profile import DeviceProfile

R = TypeVar("R")

MANIFEST = "manifest.json"
PROFILE = "profile.json"
EVENTS = "events.jsonl"
STEPS = "steps.jsonl"
FLOWS = FLOWS_FILE
FLOWS_HAR = "flows.har"
FLOWS_RAW = "flows.mitm"
LOGCAT = "logcat.txt"
UI_DIR = "ui"
FINDINGS = "findings.json"


class RunBusy(ProbeError):
    """Another process is recording into (or analysing) this run folder."""


def is_run_dir(path: Path) -> bool:
    return (path / MANIFEST).is_file()


class RecordStream(Generic[R]):
    """The records of one JSONL file, read each time it is iterated (never held whole).

    `stats` tells how the latest iteration went: whether the file is there, how many records
    it held and how many lines could not be read into one.
    """

    def __init__(self, path: Path, parse: Callable[[dict[str, Any], int], R | None]) -> None:
        self.path = path
        self._parse = parse
        self.stats = FileStats(path.name, present=path.is_file())

    def __iter__(self) -> Iterator[R]:
        stats = self.stats = FileStats(self.path.name)
        for index, raw in enumerate(read_jsonl(self.path, stats)):
            record = self._parse(raw, index)
            if record is None:
                stats.unreadable += 1
                continue
            stats.records += 1
            yield record


@dataclass
class RunDir:
    path: Path

    def file(self, name: str) -> Path:
        return self.path / name

    @property
    def ui_dir(self) -> Path:
        ui = self.path / UI_DIR
        ui.mkdir(parents=True, exist_ok=True)
        return ui

    def write_manifest(self, manifest: Manifest) -> None:
        write_json_atomic(self.file(MANIFEST), manifest.to_json())

    # -- reading ----------------------------------------------------------------------------

    def manifest(self) -> Manifest:
        """manifest.json; InputError when the folder is not a run folder or the file is broken."""
        if not self.path.is_dir():
            raise InputError(f"{self.path}: no such directory")
        if not is_run_dir(self.path):
            raise InputError(f"{self.path}: not a run folder (no {MANIFEST})")
        path = self.file(MANIFEST)
        return Manifest.from_json(_read_json(path), str(path))

    def findings(self) -> Findings | None:
        """findings.json, or None when the run was not analysed."""
        path = self.file(FINDINGS)
        if not path.exists():
            return None
        return Findings.from_json(_read_json(path), str(path))

    def profile(self) -> DeviceProfile | None:
        """The canary values planted for the run, or None when none were recorded."""
        from harness.profile import DeviceProfile

        path = self.file(PROFILE)
        if not path.exists():
            return None
        raw = _read_json(path)
        if not isinstance(raw, dict):
            raise InputError(f"{path}: not a device profile (not a JSON object)")
        try:
            return DeviceProfile.from_json(raw)
        except (TypeError, ValueError) as exc:
            raise InputError(f"{path}: not a device profile ({exc})") from None

    def events(self) -> RecordStream[HookEvent]:
        return RecordStream(self.file(EVENTS), event_from_json)

    def steps(self) -> RecordStream[Step]:
        return RecordStream(self.file(STEPS), step_from_json)

    def flows(self) -> RecordStream[Flow]:
        """The request side of each flow; `.stats.present` is False when capture was off."""
        return RecordStream(self.file(FLOWS), flow_from_json)


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_bytes().decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise InputError(f"{path}: not valid JSON (nested too deeply to read)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror})") from None


# -- the run folder's lock ------------------------------------------------------------------
#
# A run holds an flock on `.NAME.lock` beside its folder from before the folder is prepared
# until its findings and report are written, so a second run into the same place neither
# moves the live folder aside nor mixes its records into it. The kernel drops the lock when
# its holder dies, however it dies. Within one process the lock is re-entrant (the CLI holds
# it around `run_app`, which takes it too).

_held: dict[Path, int] = {}
_held_guard = threading.Lock()


def lock_path(run_dir: Path) -> Path:
    return run_dir.parent / f".{run_dir.name}.lock"


@contextlib.contextmanager
def run_folder_lock(run_dir: Path) -> Iterator[None]:
    """Exclusive use of `run_dir` by this process; RunBusy at once when another has it."""
    key = run_dir.absolute()
    with _held_guard:
        if key in _held:
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    key.parent.mkdir(parents=True, exist_ok=True)
    with lock_path(key).open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise RunBusy(f"{key}: another run is recording into this folder ({holder})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} on {os.uname().nodename}\n")
        handle.flush()
        with _held_guard:
            _held[key] = 1
        try:
            yield
        finally:
            with _held_guard:
                del _held[key]


def run_in_progress(run_dir: Path) -> str | None:
    """Who is still recording into `run_dir` ("pid N on HOST"), or None when nobody is."""
    key = run_dir.absolute()
    path = lock_path(key)
    if key in _held or not path.is_file():
        return None
    try:
        handle = path.open("r", encoding="utf-8")
    except OSError:
        return None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return handle.read().strip() or "another process"
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None
