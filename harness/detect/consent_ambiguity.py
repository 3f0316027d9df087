"""Privacy dialogs the scenarios recognised but did not answer because their controls were
ambiguous (step `consent_ambiguous`, or `refuse_not_offered` with an ambiguity): the run's
consent could not be given with confidence, so no consent time exists to judge against. Also
what "before consent" then means, for the summaries of the rules that judge against it."""

from __future__ import annotations

import bisect
from typing import Any

from harness.detect.view import RunView
from harness.humanize import moment
from harness.steps import PASSIVE_ACTIONS, StepAction

AMBIGUOUS_ACTIONS = frozenset({StepAction.CONSENT_AMBIGUOUS, StepAction.REFUSE_NOT_OFFERED})


def ambiguous_consent_screens(view: RunView) -> list[dict[str, Any]]:
    """One entry per dialog left unanswered for ambiguity: its scenario, ui dump and why."""
    screens = []
    for step in view.steps:
        if step.action not in AMBIGUOUS_ACTIONS:
            continue
        why = step.detail.get("reason") or step.detail.get("ambiguity")
        if why:
            screens.append({"scenario": step.scenario, "ui": step.detail.get("ui"), "reason": str(why)})
    return screens


def unconfirmed_consent_note(view: RunView) -> str | None:
    """Why "before consent" is not known, when consent was never given because the privacy
    dialog's controls were ambiguous; None when consent was given or never asked ambiguously."""
    if view.consent is not None:
        return None
    screens = ambiguous_consent_screens(view)
    if not screens:
        return None
    first = screens[0]
    return (
        f"the privacy dialog ({first['ui']}) was recognised but its controls are ambiguous "
        f"({first['reason']}), so consent was never given with confidence"
    )


def consent_note(view: RunView) -> str:
    """What "before consent" means in this run, for a verdict's summary."""
    unconfirmed = unconfirmed_consent_note(view)
    if unconfirmed is not None:
        return f"{unconfirmed}: only what the app did before the harness touched it counts"
    if view.consent is None:
        return "consent was never given in this run, so everything counts as before consent"
    launched = next((s.ts for s in view.steps if s.action == StepAction.LAUNCH), None)
    return f"consent was given at {moment(view.consent.ts, launched)} ({view.consent.ref})"


def _touch_changes(view: RunView) -> tuple[list[float], list[bool]]:
    """The times at which the app became touched (True) or untouched again (False, a launch)."""
    times: list[float] = []
    states: list[bool] = []
    for step in view.steps:
        state = step.action != StepAction.LAUNCH
        if step.action in PASSIVE_ACTIONS and state:
            continue
        times.append(step.ts)
        states.append(state)
    return times, states


def untouched(view: RunView, ts: float) -> bool:
    """Was the app untouched at `ts`: no harness action since its latest launch (or yet)?
    In a run with no consent, only what happened then is certainly before any consent."""
    times, states = view.derive(_touch_changes)
    index = bisect.bisect_right(times, ts) - 1
    return index < 0 or not states[index]
