"""Look for in-app account cancellation (注销账号 / Delete account) the way a user would, then
follow the flow up to, never through, its final confirmation.

Records `explore_start`, `explore_screen` per new screen, `explore_end` {screens, taps,
complete, stopped, found}; when an entry is found, `cancellation_entry` {ops, path} (ops: taps
from the main screen, the entry's own tap included) and one `cancellation_flow` step per
screen of the flow {index, outcome, ui}.
"""

from __future__ import annotations

from harness.interact.explorer import Explorer, Found, Limits
from harness.interact.permissions import answer_permission
from harness.interact.ready import ready_after_consent
from harness.scenario import Observation, ScenarioContext, observes_app_death
from harness.steps import StepAction
from harness.ui.find import control_label
from harness.ui.recognise import cancellation_entries, cancellation_step, permission_prompt

NAME = "account_cancellation"
DESCRIPTION = "Explore the app breadth-first for account cancellation and follow its flow."
MAX_FLOW_SCREENS = 4


@observes_app_death
def run(ctx: ScenarioContext) -> None:
    root = ready_after_consent(ctx)
    if root is None:
        return
    limits = Limits(
        max_depth=int(ctx.option("explore_depth", Limits.max_depth)),
        budget_s=ctx.option("explore_budget", Limits.budget_s),
        max_screens=int(ctx.option("explore_screens", Limits.max_screens)),
    )
    ctx.step(
        StepAction.EXPLORE_START,
        max_depth=limits.max_depth,
        budget_s=limits.budget_s,
        max_screens=limits.max_screens,
    )
    result = Explorer(ctx, root, limits).run(cancellation_entries)
    ctx.step(
        StepAction.EXPLORE_END,
        screens=result.screens,
        taps=result.taps,
        complete=result.complete,
        stopped=result.stopped,
        found=result.found is not None,
    )
    if result.found is not None:
        _follow(ctx, result.found)


def _follow(ctx: ScenarioContext, found: Found) -> None:
    labels = [action.label for action in found.path]
    ctx.step(
        StepAction.CANCELLATION_ENTRY,
        ops=len(found.path) + 1,
        path=[*labels, control_label(found.control)],
        ui=found.observation.ui,
    )
    ctx.tap(found.control, "open account cancellation", on=found.observation, feature=True)
    for index in range(1, MAX_FLOW_SCREENS + 1):
        if not ctx.running():
            ctx.record_exit("account cancellation flow")
            return
        screen = ctx.observe(f"cancellation step {index}")
        if permission_prompt(screen.screen) is not None:
            answer_permission(ctx, allow=False)
            screen = ctx.observe(f"cancellation step {index}")
        outcome = _outcome(ctx, screen)
        ctx.step(StepAction.CANCELLATION_FLOW, index=index, outcome=outcome, ui=screen.ui)
        if outcome != "proceed":
            return
        step = cancellation_step(screen.screen)
        if step.proceed is not None:
            ctx.tap(step.proceed, "go on with the cancellation", on=screen, feature=True)


def _outcome(ctx: ScenarioContext, screen: Observation) -> str:
    if not ctx.in_front(screen.screen):
        return "left_app"
    step = cancellation_step(screen.screen)
    if step.obstruction is not None:
        return "obstructed"
    if step.proceed is not None:
        return "proceed"
    if step.confirm is not None:
        return "confirmation_reached"
    return "flow_ended"
