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

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
