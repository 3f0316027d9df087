"""exit_on_permission_denial (不给权限不让用, 认定方法 四.2), from the permission_denial scenario
(see harness/detect/permission_answers.py).

Fails when, after a permission was denied, (a) the app's process ended or the app closed itself
(another app or the launcher came to the front) within EXIT_WINDOW_S, (b) the same permission
dialog came straight back (within LOOP_GAP_S of the denial) at least LOOP_MIN times in one
launch — a dialog loop — or (c) a dialog insisting on the permission could not be dismissed, so
the app's own screen stayed unreachable. The 10 s window and the loop count are privacy-probe's
operationalisation [INF]. Example: 手电筒Pro finishes itself right after READ_PHONE_STATE is denied.
"""

from __future__ import annotations

import itertools

from harness.detect.engine import Evidence, Outcome, detector
from harness.detect.permission_answers import SCENARIO, Prompt, prompts
from harness.detect.plan import ScenarioRun, not_run, scenario_run, step_evidence
from harness.detect.view import RunView
from harness.steps import StepAction

EXIT_WINDOW_S = 10.0
LOOP_GAP_S = 3.0
LOOP_MIN = 2


@detector("exit_on_permission_denial")
def exit_on_permission_denial(view: RunView) -> Outcome:
    if (skipped := not_run(view, SCENARIO)) is not None:
        return skipped
    run = scenario_run(view, SCENARIO)
    assert run is not None
    denials = [p for p in prompts(run) if p.denied]
    if not denials:
        exits = run.actions(StepAction.APP_EXITED)
        if exits:
            return Outcome(
                "inconclusive",
                "the app's process ended before it asked for any permission, so denial could not be tested",
                evidence=[step_evidence(exits[0])],
            )
        return Outcome("pass", "the app asked for no runtime permission after consent, on launch or relaunch")
    failures = [*_exits(run, denials), *_loops(denials), *_blocked(run)]
    shown = [step_evidence(d.dialog, message=d.message) for d in denials[:3]]
    if failures:
        return Outcome(
            "fail", "; ".join(text for text, _ in failures), evidence=[e for _, e in failures] + shown
        )
    return Outcome(
        "pass",
        f"{len(denials)} permission dialog(s) denied; the app kept running and its screen stayed usable",
        evidence=shown,
    )


def _exits(run: ScenarioRun, denials: list[Prompt]) -> list[tuple[str, Evidence]]:
    """The process ended, or the app left the screen, within EXIT_WINDOW_S of a denial."""
    answered = [(d.answer.ts, d.message) for d in denials if d.answer is not None]
    found = []
    for ended in run.actions(StepAction.APP_EXITED, StepAction.APP_LEFT):
        before = [(ts, message) for ts, message in answered if ts <= ended.ts]
        if not before or ended.ts - before[-1][0] > EXIT_WINDOW_S:
            continue
        what = (
            "the app's process ended"
            if ended.action == StepAction.APP_EXITED
            else f"the app left the screen to {ended.detail.get('package')}"
        )
        found.append(
            (
                f"{what} {ended.ts - before[-1][0]:.1f} s after {before[-1][1]!r} was denied",
                step_evidence(ended),
            )
        )
    return found


def _loops(denials: list[Prompt]) -> list[tuple[str, Evidence]]:
    """The same dialog back within LOOP_GAP_S of its denial, LOOP_MIN times in one launch."""
    found = []
    streak: list[Prompt] = []
    for previous, current in itertools.pairwise(denials):
        quick = (
            current.launch == previous.launch
            and current.message == previous.message
            and previous.answer is not None
            and current.dialog.ts - previous.answer.ts <= LOOP_GAP_S
        )
        streak = [*streak, current] if quick else []
        if len(streak) == LOOP_MIN:
            text = f"the dialog {current.message!r} came straight back {LOOP_MIN} times after being denied"
            found.append((text, step_evidence(current.dialog, message=current.message)))
    return found


def _blocked(run: ScenarioRun) -> list[tuple[str, Evidence]]:
    return [
        (f"the app's screen stayed unreachable: {check.detail.get('reason')}", step_evidence(check))
        for check in run.actions(StepAction.MAIN_UI)
        if check.detail.get("reachable") is False
    ]
