"""Cold start after consent and watch: which pop-ups come unasked, and can each be closed?

Each pop-up (a window smaller than the screen that is neither the privacy dialog nor the
system permission dialog) is recorded once per appearance as a `popup` step: its dump, the
close control found, whether the close control or BACK dismissed it, and whether an identical
pop-up had been closed before. `watch_start` / `watch_end` bound the watch and carry the
thresholds the detectors apply. The watch lasts the rule's window (a minute) of app time: on the
sim the app's clock is fast-forwarded (`popup_clock_rate`, kept low enough that the screen is
still looked at about as often, in app time, as a device's 1–2 s dumps allow) and set back to
real time while a pop-up is being closed; on a device the watch takes a minute.
"""

from __future__ import annotations

from harness.detect.plan import POPUP_WINDOW_S
from harness.interact.consent import FoundConsent, accept_consent
from harness.interact.permissions import answer_permission
from harness.records import read_jsonl
from harness.scenario import Observation, ScenarioContext, now, observes_app_death
from harness.steps import StepAction
from harness.ui.find import control_label
from harness.ui.recognise import close_controls, consent_dialog, permission_prompt
from harness.ui.signature import structure_hash

NAME = "popup_watch"
DESCRIPTION = "Relaunch after consent, watch for unsolicited pop-ups, try to close each one."
DEFAULT_MAX_PER_MINUTE = 2.0
CLOCK_RATE = 10.0
POPUP_APIS = ("android.app.Dialog.show", "android.widget.PopupWindow.show")


@observes_app_death
def run(ctx: ScenarioContext) -> None:
    if ctx.running():
        ctx.stop_app()
    ctx.launch(fresh=False)
    seconds = ctx.option("popup_watch", POPUP_WINDOW_S)
    ctx.step(
        StepAction.WATCH_START,
        seconds=round(seconds, 3),
        max_per_minute=ctx.option("popup_max_per_minute", DEFAULT_MAX_PER_MINUTE),
    )
    watcher = _Watcher(ctx, ctx.option("popup_clock_rate", CLOCK_RATE))
    watched = 0.0
    if watcher.tick():  # the first screen (a splash ad) is looked at in real time
        watched = ctx.watch_app_time(seconds, rate=watcher.rate, tick=watcher.tick)
    ctx.step(StepAction.WATCH_END, app_seconds=round(watched, 3), dumps=ctx.ui.dumps)


class _Watcher:
    """One look at the screen per tick; pop-ups are handled with the app's clock at real time."""

    def __init__(self, ctx: ScenarioContext, rate: float) -> None:
        self.ctx = ctx
        self.rate = rate
        self.closed: set[str] = set()
        self.stuck: str | None = None
        self.consent_tried = False
        self.since = now()
        self.handled = 0  # pop-ups closed so far in this watch

    def tick(self) -> bool:
        """False when the app's process ended."""
        ctx = self.ctx
        if not ctx.running():
            ctx.record_exit("watching for pop-ups")
            return False
        screen = ctx.ui.dump()
        if not ctx.in_front(screen):
            observation = ctx.observe("left the app")
            ctx.step(
                StepAction.APP_LEFT, package=observation.package, during="pop-up watch", ui=observation.ui
            )
            ctx.resume()
        elif permission_prompt(screen) is not None:
            answer_permission(ctx, allow=True)
        elif (dialog := consent_dialog(screen)) is not None:
            # the privacy dialog is no pop-up; one that stays after consent is left alone
            if not self.consent_tried:
                self.consent_tried = True
                accept_consent(ctx, FoundConsent(ctx.observe("privacy dialog"), dialog))
        elif ctx.ui.is_overlay(screen):
            if structure_hash(screen) != self.stuck:
                self._pop_up()
        else:
            self.stuck = None
        return True

    def _pop_up(self) -> None:
        ctx = self.ctx
        fast = self.rate > 1.0
        if fast:
            ctx.set_clock_rate(1.0)
        try:
            observation = ctx.observe("pop-up")
            if ctx.ui.is_overlay(observation.screen) and observation.hash != self.stuck:
                stacked = _shown_since(ctx, self.since) > self.handled + 1
                closed_now = _handle(ctx, observation, self.closed, stacked)
                if closed_now:
                    self.handled += 1
                    self.closed.add(observation.hash)
                self.stuck = None if closed_now else observation.hash
        finally:
            if fast and ctx.running():
                ctx.set_clock_rate(self.rate)


def _gone(ctx: ScenarioContext, popup: Observation, after: Observation, stacked: bool) -> bool:
    """The pop-up went away: the screen changed, or it looks the same only because the app had
    already shown another identical one beneath it (`stacked`, known from the hook events)."""
    return ctx.in_front(after.screen) and (after.hash != popup.hash or stacked)


def _shown_since(ctx: ScenarioContext, since: float) -> int:
    """Pop-ups the app showed since `since`, from its own Dialog.show / PopupWindow.show* calls
    (hook events; a UI dump shows only the top one)."""
    return sum(
        1
        for event in read_jsonl(ctx.events.path)
        if str(event.get("api", "")).startswith(POPUP_APIS) and float(event.get("ts") or 0) >= since
    )


def _handle(ctx: ScenarioContext, popup: Observation, closed: set[str], stacked: bool = False) -> bool:
    """Try the close control, then BACK; record the pop-up; True when it went away."""
    controls = close_controls(popup.screen)
    closed_by = None
    after = popup
    if controls:
        ctx.tap(controls[0], "close the pop-up", on=popup)
        after = ctx.observe("after closing the pop-up")
        if _gone(ctx, popup, after, stacked):
            closed_by = "close control"
        elif not ctx.in_front(after.screen) and ctx.running():
            ctx.step(StepAction.APP_LEFT, package=after.package, during="closing a pop-up", ui=after.ui)
            ctx.back("return from where the close control led")
            after = ctx.observe("after returning")
    if closed_by is None and ctx.running():
        ctx.back("dismiss the pop-up with BACK")
        after = ctx.observe("after BACK on the pop-up")
        if _gone(ctx, popup, after, stacked):
            closed_by = "back"
        elif not ctx.in_front(after.screen) and ctx.running():
            ctx.step(StepAction.APP_LEFT, package=after.package, during="BACK on a pop-up", ui=after.ui)
            ctx.resume()
    ctx.step(
        StepAction.POPUP,
        ui=popup.ui,
        hash=popup.hash,
        close_control=control_label(controls[0]) if controls else None,
        closed_by=closed_by,
        reappeared=popup.hash in closed,
        another_beneath=stacked,
        after=after.ui,
    )
    return closed_by is not None
