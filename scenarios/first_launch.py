"""First launch on fresh data, no interaction: what does the app do before the user has agreed to anything?"""

from __future__ import annotations

from harness.scenario import ScenarioContext

NAME = "first_launch"
DESCRIPTION = "Launch on fresh app data and leave it untouched for the dwell time."
DEFAULT_DWELL_S = 8.0


def run(ctx: ScenarioContext) -> None:
    dwell = float(ctx.options.get("duration", DEFAULT_DWELL_S))
    ctx.launch(fresh=True)
    ctx.wait(min(1.0, dwell))
    if ctx.running():
        ctx.capture_screen("first screen")
    ctx.wait(max(0.0, dwell - 1.0))
    if not ctx.running():
        ctx.step("app_exited", **ctx.exit_details())
        return
    ctx.capture_screen("after dwell")
    ctx.stop_app()
