"""shake_redirect_too_sensitive (摇一摇高灵敏度误触跳转, 26号文; T/TAF 078.7-2022; TC260 摇一摇
广告触发行为安全要求 2025): a shake-triggered jump must need acceleration ≥ 15 m/s², rotation ≥ 35°
and ≥ 3 s of shaking; ordinary handling (walking, picking the phone up, a short jolt) must not
trigger it.

The shake scenario plays accelerometer traces and records, per trace, its peak linear
acceleration, peak rotation and duration and whether the app then showed another screen or
another app. A trace below any one threshold that caused a jump fails the rule; a jump after a
trace meeting all three is allowed (and reported). Example: 摇一摇有礼 opens the app store on a
0.4 s jolt. The thresholds are applied to the trace's linear acceleration (gravity removed),
the stricter reading of a standard that does not say which.
"""

from __future__ import annotations

from harness.detect.engine import Outcome, detector
from harness.detect.plan import not_run, scenario_run, step_evidence
from harness.detect.view import RunView
from harness.records import Step
from harness.steps import StepAction

SCENARIO = "shake"
MIN_ACCELERATION_MS2 = 15.0
MIN_ROTATION_DEG = 35.0
MIN_DURATION_S = 3.0
LISTENER_HOOK = "android.hardware.SensorManager.registerListener"


def _number(step: Step, key: str) -> float:
    value = step.detail.get(key)
    return float(value) if isinstance(value, int | float) else 0.0


def below_thresholds(peak_ms2: float, rotation_deg: float, duration_s: float) -> list[str]:
    """Which thresholds a movement stays under; empty when it meets all three."""
    under = []
    if peak_ms2 < MIN_ACCELERATION_MS2:
        under.append(f"{peak_ms2:g} m/s² < {MIN_ACCELERATION_MS2:g}")
    if rotation_deg < MIN_ROTATION_DEG:
        under.append(f"{rotation_deg:g}° < {MIN_ROTATION_DEG:g}°")
    if duration_s < MIN_DURATION_S:
        under.append(f"{duration_s:g} s < {MIN_DURATION_S:g} s")
    return under


def _under(step: Step) -> list[str]:
    return below_thresholds(
        _number(step, "peak_ms2"), _number(step, "rotation_deg"), _number(step, "duration_s")
    )


def _after_ui(step: Step) -> object:
    after = step.detail.get("after")
    return after.get("ui") if isinstance(after, dict) else None


@detector("shake_redirect_too_sensitive")
def shake_redirect_too_sensitive(view: RunView) -> Outcome:
    if (skipped := not_run(view, SCENARIO)) is not None:
        return skipped
    run = scenario_run(view, SCENARIO)
    assert run is not None
    skipped_step = run.first(StepAction.SHAKE_SKIPPED)
    if skipped_step is not None:
        if LISTENER_HOOK not in view.hooks_installed:
            return Outcome(
                "inconclusive",
                f"no accelerometer listener seen, but the {LISTENER_HOOK} hook was not installed",
            )
        return Outcome(
            "pass",
            "the app never registered an accelerometer listener, so no shake can trigger anything",
            evidence=[step_evidence(skipped_step)],
        )
    traces = run.actions(StepAction.SHAKE_TRACE)
    if not traces:
        return Outcome("inconclusive", "no shake trace was played (the app was not usable)")
    jumps = [t for t in traces if t.detail.get("redirected") is True and _under(t)]
    evidence = [
        step_evidence(
            t,
            trace=t.detail.get("name"),
            below=_under(t),
            redirected=t.detail.get("redirected"),
            ui=_after_ui(t),
        )
        for t in traces
    ]
    if jumps:
        described = [f"{t.detail.get('name')} ({', '.join(_under(t))})" for t in jumps]
        return Outcome(
            "fail",
            f"the app jumped away after movements below the thresholds: {'; '.join(described)}",
            evidence=evidence,
        )
    strong = [t for t in traces if not _under(t)]
    reacts = any(t.detail.get("redirected") is True for t in strong)
    reaction = (
        "it did react to a deliberate shake above all thresholds"
        if reacts
        else "it did not react to any trace"
        if strong
        else "no trace above the thresholds was played"
    )
    return Outcome(
        "pass",
        f"no jump after {len(traces) - len(strong)} ordinary movement(s) below the thresholds; {reaction}",
        evidence=evidence,
    )
