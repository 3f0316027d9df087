"""exit_on_permission_denial and frequent_reprompt_after_refusal, from the permission_denial
scenario (accept consent, deny every runtime permission, relaunch, deny again) and the
consent_reject scenario.

exit_on_permission_denial (不给权限不让用, 认定方法 四.2) fails when, after a permission was
denied, (a) the app's process ended or the app closed itself (another app or the launcher came
to the front) within EXIT_WINDOW_S, (b) the same permission dialog came straight back (within
LOOP_GAP_S of the denial) at least LOOP_MIN times in one launch — a dialog loop — or (c) a
dialog insisting on the permission could not be dismissed, so the app's own screen stayed
unreachable. The 10 s window and the loop count are privacy-probe's operationalisation [INF].
Example: 手电筒Pro finishes itself right after READ_PHONE_STATE is denied.

frequent_reprompt_after_refusal (频繁征求同意、频繁申请权限, 认定方法 三.2, 网络数据安全管理条例
22(5)) fails when a denied permission is asked for again without the user asking — later in the
same launch, or on the next launch (SPRINGER 2.1-6) — or when the privacy dialog is still asked
after it was refused REFUSALS_TOLERATED times. The harness taps nothing in between, so every
repeat is unsolicited; a repeat after a harness tap on an app feature is not counted.
A repeat is judged from the app's own `requestPermissions` calls (hook events) as well as from
dialogs that appeared: from Android 11 on the system stops showing a permission the user denied
twice and answers DENIED by itself (developer.android.com/training/permissions/requesting), so an
app that keeps requesting it is still nagging even though no dialog shows. Pressing BACK on the
dialog cancels it without denying (`permission_answer` choice "dismiss"), so it starts nothing.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from harness.detect.engine import Evidence, Outcome, detector
from harness.detect.plan import (
    ScenarioRun,
    event_evidence,
    events_in,
    not_run,
    scenario_run,
    step_evidence,
)
from harness.detect.view import RunView
from harness.records import HookEvent, Step

SCENARIO = "permission_denial"
REQUEST_API = "android.app.Activity.requestPermissions"
EXIT_WINDOW_S = 10.0
LOOP_GAP_S = 3.0
LOOP_MIN = 2
REFUSALS_TOLERATED = 2  # refusing, then once more on a "really?" follow-up, is normal


@dataclass(frozen=True)
class Prompt:
    dialog: Step  # the permission_dialog step
    answer: Step | None  # its permission_answer step
    launch: int  # which launch of the scenario it belongs to

    @property
    def message(self) -> str:
        return str(self.dialog.detail.get("message") or "")

    @property
    def denied(self) -> bool:
        return self.answer is not None and self.answer.detail.get("choice") == "deny"


def _prompts(run: ScenarioRun) -> list[Prompt]:
    prompts: list[Prompt] = []
    launch = 0
    pending: Step | None = None
    for step in run.steps:
        if step.action == "launch":
            launch += 1
        elif step.action == "permission_dialog":
            if pending is not None:
                prompts.append(Prompt(pending, None, launch))
            pending = step
        elif step.action == "permission_answer" and pending is not None:
            prompts.append(Prompt(pending, step, launch))
            pending = None
    if pending is not None:
        prompts.append(Prompt(pending, None, launch))
    return prompts


@detector("exit_on_permission_denial")
def exit_on_permission_denial(view: RunView) -> Outcome:
    if (skipped := not_run(view, SCENARIO)) is not None:
        return skipped
    run = scenario_run(view, SCENARIO)
    assert run is not None
    denials = [p for p in _prompts(run) if p.denied]
    if not denials:
        exits = run.actions("app_exited")
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
    for ended in run.actions("app_exited", "app_left"):
        before = [(ts, message) for ts, message in answered if ts <= ended.ts]
        if not before or ended.ts - before[-1][0] > EXIT_WINDOW_S:
            continue
        what = (
            "the app's process ended"
            if ended.action == "app_exited"
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
        for check in run.actions("main_ui")
        if check.detail.get("reachable") is False
    ]


def _requests(view: RunView, run: ScenarioRun) -> list[tuple[HookEvent, frozenset[str]]]:
    """The app's requestPermissions calls in the scenario, with the permissions each names."""
    found = []
    for event in events_in(view, run.window):
        if event.api.startswith(REQUEST_API) and event.args:
            names = frozenset(n.strip() for n in event.args[0].split(",") if n.strip().startswith("android."))
            if names:
                found.append((event, names))
    return found


def _launch_of(run: ScenarioRun, ts: float) -> int:
    return sum(1 for s in run.steps if s.action == "launch" and s.ts <= ts)


def _silent_repeats(view: RunView, run: ScenarioRun, prompts: list[Prompt]) -> list[tuple[str, Evidence]]:
    """requestPermissions calls for a permission the user denied, after the denial, without a
    user tap on a feature in between — whether or not the system still showed a dialog."""
    requests = _requests(view, run)
    denied_at: dict[str, float] = {}
    for prompt in prompts:
        if not prompt.denied or prompt.answer is None:
            continue
        cause = [names for event, names in requests if event.ts <= prompt.dialog.ts]
        for name in cause[-1] if cause else ():
            denied_at.setdefault(name, prompt.answer.ts)
    found = []
    for event, names in requests:
        again = sorted(n for n in names if n in denied_at and denied_at[n] < event.ts)
        if not again or _user_asked(run, denied_at[again[0]], event.ts):
            continue
        where = (
            "in the same launch"
            if _launch_of(run, event.ts) == _launch_of(run, denied_at[again[0]])
            else ("on relaunch")
        )
        short = ", ".join(n.rsplit(".", 1)[-1] for n in again)
        found.append(
            (
                f"the app requested {short} again {where} after it was denied",
                event_evidence(
                    event, permissions=again, after_denial_s=round(event.ts - denied_at[again[0]], 3)
                ),
            )
        )
    return found


def _user_asked(run: ScenarioRun, after: float, before: float) -> bool:
    return any(s.action == "tap" and s.detail.get("feature") and after < s.ts < before for s in run.steps)


@detector("frequent_reprompt_after_refusal")
def frequent_reprompt_after_refusal(view: RunView) -> Outcome:
    if (skipped := not_run(view, SCENARIO, "consent_reject")) is not None:
        return skipped
    repeats: list[tuple[str, Evidence]] = []
    notes = []
    run = scenario_run(view, SCENARIO) if view.scenarios.get(SCENARIO) == "ran" else None
    if run is not None:
        prompts = _prompts(run)
        denied: dict[str, Prompt] = {}
        for prompt in prompts:
            first = denied.get(prompt.message)
            if first is not None and first.answer is not None:
                if not _user_asked(run, first.answer.ts, prompt.dialog.ts):
                    where = "in the same launch" if prompt.launch == first.launch else "on relaunch"
                    delay = round(prompt.dialog.ts - first.answer.ts, 3)
                    evidence = step_evidence(prompt.dialog, message=prompt.message, after_denial_s=delay)
                    repeats.append((f"{prompt.message!r} asked again {where} after it was denied", evidence))
            elif prompt.denied:
                denied[prompt.message] = prompt
        repeats.extend(_silent_repeats(view, run, prompts))
        notes.append(f"{len(denied)} permission(s) denied in {SCENARIO}")
    reject = scenario_run(view, "consent_reject") if view.scenarios.get("consent_reject") == "ran" else None
    if reject is not None:
        refusals = [s for s in reject.steps if s.action == "consent" and s.detail.get("choice") == "reject"]
        still = reject.actions("consent_still_asked")
        if len(refusals) > REFUSALS_TOLERATED or still:
            last = still[0] if still else refusals[-1]
            repeats.append(
                (
                    f"the privacy dialog was still asked after {len(refusals)} refusals",
                    step_evidence(last, refusals=len(refusals)),
                )
            )
        notes.append(f"privacy dialog refused {len(refusals)} time(s) in consent_reject")
    if repeats:
        summary = "; ".join(dict.fromkeys(text for text, _ in repeats))  # each kind once; evidence has all
        return Outcome("fail", summary, evidence=[e for _, e in repeats])
    return Outcome("pass", f"nothing refused was asked for again ({'; '.join(notes)})")
