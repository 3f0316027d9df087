"""The run folder: where a run records everything, and where analysis reads it back.

RUN_DIR/
  manifest.json   status, app, device, per-stage results, coverage (written atomically)
  profile.json    the canary values planted for this run
  events.jsonl    hook events (HookEvent)
  steps.jsonl     scenario steps and harness actions (Step)
  flows.jsonl     one record per HTTP(S) flow (capture), flows.har, flows.mitm
  logcat.txt      the app process's output
  ui/             uiautomator XML dumps and PNG screenshots
  findings.json   verdicts derived by `privacy-probe analyze`
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.errors import ProbeError
from harness.records import SCHEMA_VERSION, write_json_atomic

MANIFEST = "manifest.json"
PROFILE = "profile.json"
EVENTS = "events.jsonl"
STEPS = "steps.jsonl"
FLOWS = "flows.jsonl"
FLOWS_HAR = "flows.har"
FLOWS_RAW = "flows.mitm"
LOGCAT = "logcat.txt"
UI_DIR = "ui"
FINDINGS = "findings.json"


class RunBusy(ProbeError):
    """Another process is recording into (or analysing) this run folder."""


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

    def read_manifest(self) -> dict[str, Any]:
        path = self.file(MANIFEST)
        if not path.exists():
            return {}
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        write_json_atomic(self.file(MANIFEST), manifest)


def new_manifest(run_id: str) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "run_id": run_id,
        "status": "running",
        "started": time.time(),
        "ended": None,
        "app": {},
        "device": {},
        "stages": [],
        "coverage": {"hooks_installed": [], "hooks_failed": [], "scenarios": {}},
        "first_party_domains": [],
    }


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
