"""Answering the app's privacy dialog: finding it, accepting it, refusing it all the way, and
where a refusal left the app.

Consent contract (detectors rely on it): accepting records a step `consent` with
`choice=accept` whose `ts` is the moment just before the tap; refusing records
`choice=reject` (`via`: "refuse" or "basic_mode"); each carries the `reason` the control was
chosen (node, words, score). Looking for the dialog in vain records `consent_dialog_not_found`;
a dialog whose controls cannot be told apart records `consent_ambiguous` and is not answered.
Where a refusal ended is `consent_refusal_end` (see `refusal_end`).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from harness.scenario import AppDied, Observation, ScenarioContext, now
from harness.steps import ConsentChoice, StepAction
from harness.ui.find import control_label
from harness.ui.recognise import ConsentDialog, consent_dialog, permission_prompt
from harness.ui.tree import UiNode, UiScreen

CONSENT_WAIT_S = 3.0
REFUSAL_ROUNDS = 3


@dataclass(frozen=True)
class FoundConsent:
    observation: Observation
    dialog: ConsentDialog


def find_consent(ctx: ScenarioContext, timeout_s: float | None = None) -> FoundConsent | None:
    """Wait for the privacy dialog; records `consent_dialog_not_found` when it does not come."""
    wait = ctx.option("consent_wait", CONSENT_WAIT_S) if timeout_s is None else timeout_s
    ctx.ui.wait_for(
        lambda screen: (
            not ctx.running() or consent_dialog(screen) is not None or permission_prompt(screen) is not None
        ),
        wait,
    )
    if not ctx.running():
        ctx.record_exit("waiting for the privacy dialog")
        return None
    observation = ctx.observe("privacy dialog")
    dialog = consent_dialog(observation.screen)
    if dialog is None:
        ctx.step(StepAction.CONSENT_DIALOG_NOT_FOUND, ui=observation.ui, waited_s=round(wait, 3))
        return None
    return FoundConsent(observation, dialog)


def _reason(dialog: ConsentDialog, control: UiNode) -> dict[str, object] | None:
    choice = dialog.choice_for(control)
    return choice.to_json() if choice is not None else None


def accept_consent(ctx: ScenarioContext, found: FoundConsent | None = None) -> bool:
    """Tick unticked consent boxes, tap the affirmative control; True when consent was given.
    A dialog whose controls cannot be told apart is recorded `consent_ambiguous`, not guessed at."""
    found = found or find_consent(ctx)
    if found is None:
        return False
    observation, dialog = found.observation, found.dialog
    if dialog.ambiguity is not None:
        ctx.step(StepAction.CONSENT_AMBIGUOUS, reason=dialog.ambiguity, ui=observation.ui)
        return False
    unticked = [box for box in dialog.checkboxes if not box.checked]
    for box in unticked:
        ctx.tap(box, "tick the consent checkbox", on=observation)
    if unticked:
        observation = ctx.observe("consent ticked")
        dialog = consent_dialog(observation.screen) or dialog
    control = dialog.positive
    if control is None:
        return False
    ts = ctx.tap(control, "accept the privacy policy", on=observation)
    ctx.step_at(
        ts,
        StepAction.CONSENT,
        choice=ConsentChoice.ACCEPT,
        control=control_label(control),
        acknowledgement_only=dialog.accept is None,
        form=dialog.kind,
        reason=_reason(dialog, control),
        ui=observation.ui,
    )
    after = ctx.observe("after consent")
    if ctx.running() and consent_dialog(after.screen) is not None and after.hash == observation.hash:
        ctx.step(StepAction.CONSENT_DIALOG_PERSISTS, ui=after.ui)
    return True


@dataclass(frozen=True)
class Refusal:
    """How refusing the privacy policy went: taps made, whether the last one took basic mode,
    whether the app was still asking when the harness stopped refusing."""

    refusals: int
    basic_mode: bool
    still_asked: bool


def refuse_consent(ctx: ScenarioContext, found: FoundConsent | None = None) -> Refusal:
    """Refuse the privacy dialog all the way: follow a second "are you sure" dialog, take basic
    mode (仅浏览 / 进入基本功能模式) where it is offered, refuse again while the app keeps asking
    (at most REFUSAL_ROUNDS times)."""
    current = found or find_consent(ctx)
    refusals = 0
    basic = False
    while current is not None and refusals < REFUSAL_ROUNDS:
        dialog = current.dialog
        control = dialog.refusal
        if control is None:
            ctx.step(StepAction.REFUSE_NOT_OFFERED, ui=current.observation.ui, ambiguity=dialog.ambiguity)
            ctx.back("refuse the privacy dialog with BACK (no refuse control)")
            return Refusal(refusals, basic, still_asked=False)
        basic = control is dialog.basic_mode
        purpose = "take basic mode instead of the privacy policy" if basic else "refuse the privacy policy"
        before = now()
        try:
            ts = ctx.tap(control, purpose, on=current.observation)
        except AppDied:  # it ended while handling the tap (recorded): the refusal was still made
            ts = before
        refusals += 1
        ctx.step_at(
            ts,
            StepAction.CONSENT,
            choice=ConsentChoice.REJECT,
            control=control_label(control),
            round=refusals,
            via="basic_mode" if basic else "refuse",
            second_ask=dialog.second_ask,
            reason=_reason(dialog, control),
            ui=current.observation.ui,
        )
        if not ctx.running():
            ctx.record_exit("after refusing consent")
            return Refusal(refusals, basic, still_asked=False)
        try:
            after = ctx.observe("after refusal")
        except AppDied:  # recorded as an exit
            return Refusal(refusals, basic, still_asked=False)
        again = consent_dialog(after.screen)
        current = FoundConsent(after, again) if again is not None and ctx.in_front(after.screen) else None
    if current is not None:
        ctx.step(StepAction.CONSENT_STILL_ASKED, ui=current.observation.ui, refusals=refusals)
    return Refusal(refusals, basic, still_asked=current is not None)


def _no_way_on(screen: UiScreen) -> bool:
    """The consent dialog again, or nothing left to tap."""
    return consent_dialog(screen) is not None or not any(n.clickable and n.enabled for n in screen.nodes())


def refusal_end(ctx: ScenarioContext, refusal: Refusal) -> str:
    """Where refusing the privacy policy left the app, recorded as `consent_refusal_end`:
    "app_exited" (process gone), "app_closed" (process alive, app no longer in front),
    "blocked" (still asking, or no control left to use), "basic_mode" (usable after taking basic
    mode) or "usable"."""
    observation = None
    if ctx.running():
        with contextlib.suppress(AppDied):  # recorded as an exit
            observation = ctx.observe("where refusal ended")
    if observation is None:
        outcome, ui = "app_exited", None
    else:
        ui = observation.ui
        if not ctx.in_front(observation.screen):
            outcome = "app_closed"
        elif refusal.still_asked or _no_way_on(observation.screen):
            outcome = "blocked"
        else:
            outcome = "basic_mode" if refusal.basic_mode else "usable"
    ctx.step(StepAction.CONSENT_REFUSAL_END, outcome=outcome, refusals=refusal.refusals, ui=ui)
    return outcome
