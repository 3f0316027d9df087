"""Send the app to the background with HOME: does it keep collecting while nobody looks?

Records `background_start` (just before HOME) and `background_end` (just before the app is
brought back); the detector looks at the hook events in between.
"""

from __future__ import annotations

from harness.scenario import ScenarioContext
from scenarios.flows import observes_app_death, ready_after_consent

NAME = "background"
DESCRIPTION = "After consent, press HOME, wait, and bring the app back."
MIN_BACKGROUND_S = 2.5


@observes_app_death
def run(ctx: ScenarioContext) -> None:
    if ready_after_consent(ctx) is None:
        return
    seconds = ctx.option("background_dwell", max(MIN_BACKGROUND_S, ctx.dwell_s / 2))
    started = ctx.home("send the app to the background")
    ctx.step_at(started, "background_start", seconds=round(seconds, 3))
    ctx.wait(seconds)
    ctx.step("background_end")
    if not ctx.running():
        ctx.record_exit("in the background")
        return
    ctx.resume()
    ctx.observe("back in front")
