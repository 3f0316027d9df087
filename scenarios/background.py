"""Send the app to the background with HOME: does it keep collecting while nobody looks?

Records `background_start` (just before HOME) and `background_end` (just before the app is
brought back, with the app seconds watched); the detector looks at the hook events in between.
The watch lasts the rule's window in app time (`background_dwell`, default
BACKGROUND_WINDOW_S): on the sim the app's clock is fast-forwarded meanwhile
(`background_clock_rate`), on a device it takes that long.
"""

from __future__ import annotations

from harness.detect.plan import BACKGROUND_WINDOW_S
from harness.interact.ready import ready_after_consent
from harness.scenario import ScenarioContext, observes_app_death
from harness.steps import StepAction

NAME = "background"
DESCRIPTION = "After consent, press HOME, wait the rule's window of app time, and bring the app back."
CLOCK_RATE = 200.0


@observes_app_death
def run(ctx: ScenarioContext) -> None:
    if ready_after_consent(ctx) is None:
        return
    seconds = ctx.option("background_dwell", BACKGROUND_WINDOW_S)
    started = ctx.home("send the app to the background")
    ctx.step_at(started, StepAction.BACKGROUND_START, seconds=round(seconds, 3))
    watched = ctx.watch_app_time(seconds, rate=ctx.option("background_clock_rate", CLOCK_RATE))
    ctx.step(StepAction.BACKGROUND_END, app_seconds=round(watched, 3), dumps=ctx.ui.dumps)
    if not ctx.running():
        ctx.record_exit("in the background")
        return
    ctx.resume()
    ctx.observe("back in front")
