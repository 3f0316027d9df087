"""Triage of one attempt from its run folder (manifest + steps, as the session writes them)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from harness.batch.triage import LABELS, AttemptFacts, classify, died_on_launch


def run_folder(
    tmp_path: Path,
    status: str,
    *,
    failed_stage: str | None = None,
    error_kind: str | None = None,
    steps: Sequence[str] = (),
) -> tuple[Path, dict[str, Any]]:
    stages = [{"name": "agent", "status": "ok"}, {"name": "install", "status": "ok"}]
    if failed_stage == "agent":
        stages = [{"name": "agent", "status": "failed", "error": "boom"}]
    elif failed_stage == "install":
        stages = [stages[0], {"name": "install", "status": "failed", "error": "boom"}]
    elif failed_stage:
        stages.append({"name": failed_stage, "status": "failed", "error": "boom"})
    manifest: dict[str, Any] = {"run_id": "r1", "status": status, "stages": stages, "coverage": {}}
    if error_kind:
        manifest.update(error=f"{error_kind} happened", error_kind=error_kind)
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    lines = [
        json.dumps({"ts": float(i), "scenario": "first_launch", "action": a, "detail": {}})
        for i, a in enumerate(steps)
    ]
    (tmp_path / "steps.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return tmp_path, manifest


LAUNCHED = ["clear_data", "launch", "launched", "screen"]
LAUNCH_ONLY = ["clear_data", "launch"]
SCENARIO = "scenario:first_launch"
NONE = AttemptFacts()
DIED = AttemptFacts(control_launch="died")
SURVIVED = AttemptFacts(control_launch="survived")
NOT_FOUND = "consent_dialog_not_found"
SEGV_SURVIVED = AttemptFacts(control_launch="survived", exit_status=-11)
SEGV_DIED = AttemptFacts(control_launch="died", exit_status=-11)
KILLED_SURVIVED = AttemptFacts(control_launch="survived", exit_status=-9)


@pytest.mark.parametrize(
    ("status", "stage", "kind", "steps", "facts", "label", "infrastructure"),
    [
        ("ok", None, None, [*LAUNCHED, "screen", "stop"], NONE, None, False),
        ("partial", None, None, [*LAUNCHED, "scenario_error"], NONE, None, False),
        ("failed", "install", "CompileError", [], NONE, "install_failed", False),
        ("failed", "install", "InputError", [], NONE, "install_failed", False),
        ("failed", "install", "DeviceError", [], NONE, "install_failed", True),
        ("failed", "agent", "EnvironmentProblem", [], NONE, "hook_failed", True),
        ("failed", SCENARIO, "InstrumentationError", LAUNCH_ONLY, NONE, "hook_failed", True),
        ("failed", SCENARIO, "DeviceError", [*LAUNCHED, "tap"], NONE, "device_lost", True),
        ("failed", SCENARIO, "EnvironmentProblem", LAUNCHED, NONE, "harness_error", True),
        # the app process died while being started: with and without Frida, or only with it
        ("failed", SCENARIO, "DeviceError", LAUNCH_ONLY,
         DIED, "crashed_on_launch", False),
        ("failed", SCENARIO, "DeviceError", LAUNCH_ONLY,
         SURVIVED, "anti_instrumentation", False),
        ("failed", SCENARIO, "AppCrashed", LAUNCH_ONLY, SURVIVED, "anti_instrumentation", False),
        ("failed", SCENARIO, "AppCrashed", LAUNCH_ONLY, DIED, "crashed_on_launch", False),
        # a native crash (SIGSEGV) only under Frida is taken for Frida's crash and retried
        ("failed", SCENARIO, "AppCrashed", LAUNCH_ONLY, SEGV_SURVIVED, "hook_failed", True),
        ("failed", SCENARIO, "AppCrashed", LAUNCH_ONLY, SEGV_DIED, "crashed_on_launch", False),
        ("ok", None, None, [*LAUNCHED, "app_exited"], KILLED_SURVIVED, "anti_instrumentation", False),
        # it started, then ended on its own before any interaction
        ("ok", None, None, [*LAUNCHED, "app_exited"], DIED, "crashed_on_launch", False),
        ("ok", None, None, [*LAUNCHED, "app_exited"], SURVIVED, "anti_instrumentation", False),
        # ending after the harness tapped something is behaviour, not a crash
        ("ok", None, None, [*LAUNCHED, "tap", "app_exited"], NONE, None, False),
        ("ok", None, None, [*LAUNCHED, NOT_FOUND], NONE, "no_consent_dialog_found", False),
        # facts from the runner come first
        ("ok", None, None, LAUNCHED, AttemptFacts(timed_out=True), "timeout", False),
        ("ok", None, None, LAUNCHED, AttemptFacts(timed_out=True, device_healthy=False), "device_lost", True),
        ("ok", None, None, LAUNCHED, AttemptFacts(device_error="sim-1 is gone"), "device_lost", True),
        ("ok", None, None, LAUNCHED, AttemptFacts(runner_error="segfault"), "harness_error", True),
    ],
)  # fmt: skip
def test_classify(
    tmp_path: Path,
    status: str,
    stage: str | None,
    kind: str | None,
    steps: list[str],
    facts: AttemptFacts,
    label: str | None,
    infrastructure: bool,
) -> None:
    run_dir, manifest = run_folder(tmp_path, status, failed_stage=stage, error_kind=kind, steps=steps)
    triage = classify(run_dir, manifest, facts)
    assert (triage.label, triage.infrastructure) == (label, infrastructure)
    assert triage.label is None or triage.label in LABELS
    assert (triage.detail == "") == (label is None)
    assert triage.completed == (label in (None, "no_consent_dialog_found"))


def test_no_manifest_is_a_harness_error(tmp_path: Path) -> None:
    triage = classify(None, None, AttemptFacts())
    assert (triage.label, triage.infrastructure) == ("harness_error", True)


def test_died_on_launch_ignores_a_later_exit(tmp_path: Path) -> None:
    run_dir, manifest = run_folder(tmp_path, "ok", steps=[*LAUNCHED, "back", "app_exited"])
    assert not died_on_launch(run_dir, manifest)
