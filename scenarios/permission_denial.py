"""Accept the privacy policy, deny every runtime permission, relaunch and deny again.

Records what the app does about it: `permission_dialog` / `permission_answer` for each dialog,
`app_exited` or `app_left` when it quits or leaves the screen, and one `main_ui` step per
session saying whether the app's own screen could still be used.
"""

from __future__ import annotations

import time

from harness.interact.consent import FoundConsent, accept_consent
from harness.interact.permissions import answer_permission
from harness.scenario import ScenarioContext, observes_app_death
from harness.steps import StepAction
from harness.ui.recognise import consent_dialog, mentions_permission_requirement, permission_prompt

NAME = "permission_denial"
DESCRIPTION = "Accept consent, deny every permission dialog, relaunch and deny again."
REACTION_S = 2.0  # after each denial, watch at least this long for the app's reaction
MAX_DENIALS = 6


@observes_app_death
def run(ctx: ScenarioContext) -> None:
    if ctx.running():
        ctx.stop_app()
    ctx.launch(fresh=True)
    accept_consent(ctx)
    for session in ("first launch", "relaunch"):
        if session == "relaunch":
            if ctx.running():
                ctx.stop_app()
            ctx.launch(fresh=False)
            screen = ctx.ui.settle()
            dialog = consent_dialog(screen)
            if dialog is not None:
                accept_consent(ctx, FoundConsent(ctx.observe("privacy dialog"), dialog))
        if _watch(ctx, session):
            _check_main_ui(ctx, session)
    if ctx.running():
        ctx.stop_app()


def _watch(ctx: ScenarioContext, session: str) -> bool:
    """Deny whatever is asked for; False when the app ended or left the screen."""
    deadline = time.monotonic() + ctx.ui.budget(ctx.option("denial_watch", max(2.0, ctx.dwell_s / 4)))
    denials = 0
    while time.monotonic() < deadline:
        if not ctx.running():
            ctx.record_exit(f"after permission denial ({session})")
            return False
        screen = ctx.ui.dump()
        if not ctx.in_front(screen):
            observation = ctx.observe("left the app")
            ctx.step(StepAction.APP_LEFT, package=observation.package, during=session, ui=observation.ui)
            return False
        if permission_prompt(screen) is not None and denials < MAX_DENIALS:
            if answer_permission(ctx, allow=False):
                denials += 1
                deadline = max(deadline, time.monotonic() + ctx.ui.budget(REACTION_S))
            continue
        time.sleep(ctx.ui.settings.interval_s)
    return True


def _check_main_ui(ctx: ScenarioContext, session: str) -> None:
    """Can the user get past whatever is on screen? A dialog BACK does not dismiss that insists
    on the permission means no."""
    observation = ctx.observe(f"main UI check ({session})")
    blocked = None
    if permission_prompt(observation.screen) is not None:
        blocked = "the permission dialog is still shown"
    elif ctx.ui.is_overlay(observation.screen):
        ctx.back("dismiss the dialog in front")
        after = ctx.observe(f"after BACK ({session})")
        if not ctx.running():
            ctx.record_exit(f"dismissing a dialog after permission denial ({session})")
            return
        if not ctx.in_front(after.screen):
            ctx.step(StepAction.APP_LEFT, package=after.package, during=session, ui=after.ui)
            return
        if ctx.ui.is_overlay(after.screen) and mentions_permission_requirement(after.screen):
            blocked = "a dialog demanding the permission cannot be dismissed"
        observation = after
    ctx.step(
        StepAction.MAIN_UI, session=session, reachable=blocked is None, reason=blocked, ui=observation.ui
    )
