"""First launch on fresh data, no interaction: what does the app do before the user has agreed to anything?"""

from __future__ import annotations

from harness.scenario import ScenarioContext, observes_app_death

NAME = "first_launch"
DESCRIPTION = "Launch on fresh app data and leave it untouched for the dwell time."
FIRST_LOOK_S = 1.0


@observes_app_death
def run(ctx: ScenarioContext) -> None:
    dwell = ctx.dwell_s
    ctx.launch(fresh=True)
    first = min(FIRST_LOOK_S, dwell)
    ctx.wait(first)
    if ctx.running():
        ctx.observe("first screen", settle=False)
    ctx.wait(max(0.0, dwell - first))
    if not ctx.running():
        ctx.record_exit("first launch, no interaction")
        return
    # Left running and untouched: consent_reject goes on from this very screen.
    ctx.observe("after dwell", settle=False)
