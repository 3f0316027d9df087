"""Cold start after consent and watch: which pop-ups come unasked, and can each be closed?

Each pop-up (a window smaller than the screen that is neither the privacy dialog nor the
system permission dialog) is recorded once per appearance as a `popup` step: its dump, the
close control found, whether the close control or BACK dismissed it, and whether an identical
pop-up had been closed before. `watch_start` / `watch_end` bound the watch and carry the
thresholds the detectors apply.
"""

from __future__ import annotations

import time

from harness.scenario import Observation, ScenarioContext
from harness.ui.find import control_label
from harness.ui.recognise import close_controls, consent_dialog, permission_prompt
from harness.ui.signature import structure_hash
from scenarios.flows import FoundConsent, accept_consent, answer_permission, observes_app_death

NAME = "popup_watch"
DESCRIPTION = "Relaunch after consent, watch for unsolicited pop-ups, try to close each one."
DEFAULT_MAX_PER_MINUTE = 2.0


@observes_app_death
def run(ctx: ScenarioContext) -> None:
    if ctx.running():
        ctx.stop_app()
    ctx.launch(fresh=False)
    seconds = ctx.option("popup_watch", max(3.0, ctx.dwell_s / 2))
    ctx.step(
        "watch_start",
        seconds=round(seconds, 3),
        max_per_minute=ctx.option("popup_max_per_minute", DEFAULT_MAX_PER_MINUTE),
    )
    _watch(ctx, seconds)
    ctx.step("watch_end")


def _watch(ctx: ScenarioContext, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    closed: set[str] = set()
    stuck: str | None = None
    consent_tried = False
    while time.monotonic() < deadline:
        if not ctx.running():
            ctx.record_exit("watching for pop-ups")
            return
        screen = ctx.ui.dump()
        if not ctx.in_front(screen):
            observation = ctx.observe("left the app")
            ctx.step("app_left", package=observation.package, during="pop-up watch", ui=observation.ui)
            ctx.resume()
        elif permission_prompt(screen) is not None:
            answer_permission(ctx, allow=True)
        elif (dialog := consent_dialog(screen)) is not None:
            # the privacy dialog is no pop-up; one that stays after consent is left alone
            if not consent_tried:
                consent_tried = True
                accept_consent(ctx, FoundConsent(ctx.observe("privacy dialog"), dialog))
        elif ctx.ui.is_overlay(screen):
            if structure_hash(screen) != stuck:
                observation = ctx.observe("pop-up")
                if ctx.ui.is_overlay(observation.screen) and observation.hash != stuck:
                    closed_now = _handle(ctx, observation, closed)
                    if closed_now:
                        closed.add(observation.hash)
                    stuck = None if closed_now else observation.hash
                    continue
        else:
            stuck = None
        time.sleep(ctx.ui.settings.interval_s)


def _gone(ctx: ScenarioContext, popup: Observation, after: Observation) -> bool:
    return ctx.in_front(after.screen) and after.hash != popup.hash


def _handle(ctx: ScenarioContext, popup: Observation, closed: set[str]) -> bool:
    """Try the close control, then BACK; record the pop-up; True when it went away."""
    controls = close_controls(popup.screen)
    closed_by = None
    after = popup
    if controls:
        ctx.tap(controls[0], "close the pop-up", on=popup)
        after = ctx.observe("after closing the pop-up")
        if _gone(ctx, popup, after):
            closed_by = "close control"
        elif not ctx.in_front(after.screen) and ctx.running():
            ctx.step("app_left", package=after.package, during="closing a pop-up", ui=after.ui)
            ctx.back("return from where the close control led")
            after = ctx.observe("after returning")
    if closed_by is None and ctx.running():
        ctx.back("dismiss the pop-up with BACK")
        after = ctx.observe("after BACK on the pop-up")
        if _gone(ctx, popup, after):
            closed_by = "back"
        elif not ctx.in_front(after.screen) and ctx.running():
            ctx.step("app_left", package=after.package, during="BACK on a pop-up", ui=after.ui)
            ctx.resume()
    ctx.step(
        "popup",
        ui=popup.ui,
        hash=popup.hash,
        close_control=control_label(controls[0]) if controls else None,
        closed_by=closed_by,
        reappeared=popup.hash in closed,
        after=after.ui,
    )
    return closed_by is not None
