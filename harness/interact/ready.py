"""Getting the app to its main screen with consent given and permission dialogs answered."""

from __future__ import annotations

from harness.interact.consent import FoundConsent, accept_consent
from harness.interact.permissions import PERMISSION_QUIET_S, answer_permissions
from harness.scenario import Observation, ScenarioContext
from harness.ui.recognise import consent_dialog


def ready_after_consent(ctx: ScenarioContext, *, allow_permissions: bool = True) -> Observation | None:
    """The app on its main screen with consent given: the running process when there is one
    (brought to the front if needed), else a launch on its kept data; None when the app is gone."""
    if ctx.running():
        if not ctx.in_front(ctx.ui.dump()):
            ctx.resume()
        return settle_after_launch(ctx, allow_permissions=allow_permissions, quiet_s=0.0)
    ctx.launch(fresh=False)
    return settle_after_launch(ctx, allow_permissions=allow_permissions)


def settle_after_launch(
    ctx: ScenarioContext, *, allow_permissions: bool, quiet_s: float = PERMISSION_QUIET_S
) -> Observation | None:
    """Accept the privacy dialog if one is shown, answer permission dialogs, then observe."""
    screen = ctx.ui.settle()
    dialog = consent_dialog(screen)
    if dialog is not None:
        accept_consent(ctx, FoundConsent(ctx.observe("privacy dialog"), dialog))
    answer_permissions(ctx, allow=allow_permissions, quiet_s=quiet_s)
    if not ctx.running():
        ctx.record_exit("getting ready")
        return None
    return ctx.observe("ready")
