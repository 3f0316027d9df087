"""Accept the privacy policy and allow every runtime permission: the app at full access.

Leaves the app running: background, popup_watch, shake and account_cancellation go on from here.
"""

from __future__ import annotations

from harness.interact.consent import accept_consent
from harness.interact.permissions import answer_permissions
from harness.scenario import ScenarioContext, observes_app_death
from harness.steps import StepAction

NAME = "permission_grant"
DESCRIPTION = "On fresh data, accept consent, allow every permission dialog, use the app for a while."


@observes_app_death
def run(ctx: ScenarioContext) -> None:
    if ctx.running():
        ctx.stop_app()
    ctx.launch(fresh=True)
    accept_consent(ctx)
    answer_permissions(ctx, allow=True)
    seconds = ctx.option("grant_dwell", ctx.dwell_s / 4)
    ctx.step(StepAction.DWELL, seconds=round(seconds, 3), why="using the app with consent and permissions")
    answer_permissions(ctx, allow=True, quiet_s=seconds)
    if ctx.running():
        ctx.observe("main screen")
    else:
        ctx.record_exit("using the app after consent")
