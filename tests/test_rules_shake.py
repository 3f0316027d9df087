"""shake_redirect_too_sensitive: the 15 m/s² / 35° / 3 s thresholds and the recorded traces."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.detect.rules.shake_redirect_too_sensitive import below_thresholds
from tests.test_rules_windows import RunBuilder, verdict_of

SCENARIO = "shake"
RULE = "shake_redirect_too_sensitive"


@pytest.mark.parametrize(
    ("peak", "rotation", "duration", "below"),
    [
        (14.99, 40, 3.5, ["14.99 m/s² < 15"]),
        (15.0, 35.0, 3.0, []),
        (16, 34.9, 3.5, ["34.9° < 35°"]),
        (16, 40, 2.99, ["2.99 s < 3 s"]),
        (25, 5, 0.4, ["5° < 35°", "0.4 s < 3 s"]),
    ],
)
def test_threshold_edges(peak: float, rotation: float, duration: float, below: list[str]) -> None:
    assert below_thresholds(peak, rotation, duration) == below


def trace(
    run: RunBuilder, at: float, name: str, peak: float, rotation: float, duration: float, jumped: bool
) -> None:
    where = {"package": "com.example.app", "hash": "h1", "ui": "ui/before.xml"}
    after = {
        "package": "com.android.vending" if jumped else "com.example.app",
        "hash": "h2" if jumped else "h1",
    }
    run.step(
        at,
        SCENARIO,
        "shake_trace",
        name=name,
        peak_ms2=peak,
        rotation_deg=rotation,
        duration_s=duration,
        before=where,
        after={**after, "ui": "ui/after.xml"},
        redirected=jumped,
    )


def shake_run(tmp_path: Path) -> RunBuilder:
    return RunBuilder(tmp_path).launch(0, SCENARIO, fresh=False)


def test_a_jump_after_a_movement_just_below_fails(tmp_path: Path) -> None:
    run = shake_run(tmp_path)
    trace(run, 1, "walking", 2.5, 8, 3.0, False)
    trace(run, 5, "shake_just_below", 14.9, 40, 3.5, True)
    verdict = verdict_of(run.view(), RULE)
    assert verdict["status"] == "fail"
    assert "shake_just_below (14.9 m/s² < 15)" in verdict["summary"]


def test_a_jump_only_after_a_shake_just_above_passes(tmp_path: Path) -> None:
    run = shake_run(tmp_path)
    trace(run, 1, "shake_just_below", 14.9, 40, 3.5, False)
    trace(run, 5, "shake_just_above", 15.1, 40, 3.5, True)
    verdict = verdict_of(run.view(), RULE)
    assert verdict["status"] == "pass"
    assert "did react to a deliberate shake" in verdict["summary"]


def test_no_listener_passes_unless_the_hook_was_missing(tmp_path: Path) -> None:
    run = shake_run(tmp_path / "hooked").step(1, SCENARIO, "shake_skipped", reason="no listener")
    assert verdict_of(run.view(), RULE)["status"] == "pass"
    blind = shake_run(tmp_path / "blind").step(1, SCENARIO, "shake_skipped", reason="no listener")
    blind.hooks = []
    assert verdict_of(blind.view(), RULE)["status"] == "inconclusive"


def test_no_trace_played_is_inconclusive_and_no_scenario_not_tested(tmp_path: Path) -> None:
    assert verdict_of(shake_run(tmp_path / "none").view(), RULE)["status"] == "inconclusive"
    assert verdict_of(RunBuilder(tmp_path / "plan").view(), RULE)["status"] == "not_tested"
