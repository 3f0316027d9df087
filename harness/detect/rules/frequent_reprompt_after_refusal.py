"""frequent_reprompt_after_refusal (频繁征求同意、频繁申请权限, 认定方法 三.2, 网络数据安全管理条例
22(5)), from the permission_denial scenario (see harness/detect/permission_answers.py) and the
consent_reject scenario.

Fails when a denied permission is asked for again without the user asking — later in the same
launch, or on the next launch (SPRINGER 2.1-6) — or when the privacy dialog is still asked after
it was refused REFUSALS_TOLERATED times. The harness taps nothing in between, so every repeat is
unsolicited; a repeat after a harness tap on an app feature is not counted. A repeat is judged
from the app's own `requestPermissions` calls (hook events) as well as from dialogs that
appeared: from Android 11 on the system stops showing a permission the user denied twice and
answers DENIED by itself (developer.android.com/training/permissions/requesting), so an app that
keeps requesting it is still nagging even though no dialog shows.
"""

from __future__ import annotations

from harness.detect.engine import Evidence, Outcome, detector
from harness.detect.permission_answers import SCENARIO, Prompt, prompts
from harness.detect.plan import ScenarioRun, event_evidence, events_in, not_run, scenario_run, step_evidence
from harness.detect.view import RunView
from harness.records import HookEvent
from harness.steps import ConsentChoice, StepAction

CONSENT_SCENARIO = "consent_reject"
REQUEST_API = "android.app.Activity.requestPermissions"
REFUSALS_TOLERATED = 2  # refusing, then once more on a "really?" follow-up, is normal


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
    return sum(1 for s in run.steps if s.action == StepAction.LAUNCH and s.ts <= ts)


def _silent_repeats(view: RunView, run: ScenarioRun, asked: list[Prompt]) -> list[tuple[str, Evidence]]:
    """requestPermissions calls for a permission the user denied, after the denial, without a
    user tap on a feature in between — whether or not the system still showed a dialog."""
    requests = _requests(view, run)
    denied_at: dict[str, float] = {}
    for prompt in asked:
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
    return any(
        s.action == StepAction.TAP and s.detail.get("feature") and after < s.ts < before for s in run.steps
    )


@detector("frequent_reprompt_after_refusal")
def frequent_reprompt_after_refusal(view: RunView) -> Outcome:
    if (skipped := not_run(view, SCENARIO, CONSENT_SCENARIO)) is not None:
        return skipped
    repeats: list[tuple[str, Evidence]] = []
    notes = []
    run = scenario_run(view, SCENARIO) if view.scenarios.get(SCENARIO) == "ran" else None
    if run is not None:
        asked = prompts(run)
        denied: dict[str, Prompt] = {}
        for prompt in asked:
            first = denied.get(prompt.message)
            if first is not None and first.answer is not None:
                if not _user_asked(run, first.answer.ts, prompt.dialog.ts):
                    where = "in the same launch" if prompt.launch == first.launch else "on relaunch"
                    delay = round(prompt.dialog.ts - first.answer.ts, 3)
                    evidence = step_evidence(prompt.dialog, message=prompt.message, after_denial_s=delay)
                    repeats.append((f"{prompt.message!r} asked again {where} after it was denied", evidence))
            elif prompt.denied:
                denied[prompt.message] = prompt
        repeats.extend(_silent_repeats(view, run, asked))
        notes.append(f"{len(denied)} permission(s) denied in {SCENARIO}")
    reject = scenario_run(view, CONSENT_SCENARIO) if view.scenarios.get(CONSENT_SCENARIO) == "ran" else None
    if reject is not None:
        refusals = [
            s for s in reject.actions(StepAction.CONSENT) if s.detail.get("choice") == ConsentChoice.REJECT
        ]
        still = reject.actions(StepAction.CONSENT_STILL_ASKED)
        if len(refusals) > REFUSALS_TOLERATED or still:
            last = still[0] if still else refusals[-1]
            repeats.append(
                (
                    f"the privacy dialog was still asked after {len(refusals)} refusals",
                    step_evidence(last, refusals=len(refusals)),
                )
            )
        notes.append(f"privacy dialog refused {len(refusals)} time(s) in {CONSENT_SCENARIO}")
    if repeats:
        summary = "; ".join(dict.fromkeys(text for text, _ in repeats))  # each kind once; evidence has all
        return Outcome("fail", summary, evidence=[e for _, e in repeats])
    return Outcome("pass", f"nothing refused was asked for again ({'; '.join(notes)})")
