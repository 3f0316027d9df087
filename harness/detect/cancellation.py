"""What the two account-cancellation rules share: the account_cancellation scenario (a
breadth-first exploration from the main screen, then the flow behind the cancellation entry up
to its final confirmation) read back, and whether the app has accounts at all.

An app with no sign of registration, sign-in or accounts on any screen of a complete exploration
gets `not_applicable` from both rules; an exploration that did not finish is inconclusive.
"""

from __future__ import annotations

from harness.detect.engine import Evidence, Outcome
from harness.detect.plan import ScenarioRun, load_screen, not_run, scenario_run, step_evidence
from harness.detect.view import RunView
from harness.steps import StepAction
from harness.ui.vocabulary import ACCOUNT_PRESENCE

SCENARIO = "account_cancellation"


def explored(view: RunView) -> ScenarioRun | Outcome:
    """The scenario's run when its exploration finished, else the verdict saying why not."""
    if (skipped := not_run(view, SCENARIO)) is not None:
        return skipped
    run = scenario_run(view, SCENARIO)
    assert run is not None
    if run.first(StepAction.EXPLORE_END) is None:
        exits = run.actions(StepAction.APP_EXITED)
        why = "the app's process ended during the exploration" if exits else "the exploration did not finish"
        return Outcome("inconclusive", why, evidence=[step_evidence(s) for s in exits])
    return run


def has_accounts(view: RunView, run: ScenarioRun) -> bool:
    for step in run.actions(StepAction.SCREEN):
        screen = load_screen(view, step.detail.get("ui"))
        if (
            screen is not None
            and screen.package == view.package
            and ACCOUNT_PRESENCE.match(" ".join(screen.texts()))
        ):
            return True
    return False


def no_accounts(screens: object, evidence: list[Evidence]) -> Outcome:
    """A complete exploration that met no registration, login or account screen anywhere."""
    return Outcome(
        "not_applicable",
        f"not applicable: none of the {screens} screen(s) reachable in the app shows registration, "
        "sign-in or an account",
        evidence=evidence,
    )
