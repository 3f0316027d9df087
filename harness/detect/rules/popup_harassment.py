"""popup_harassment (弹窗信息骚扰, 26号文 "不得频繁弹窗", 互联网广告管理办法 第十条(四)), from the
popup_watch scenario (see harness/detect/popup_windows.py).

Fails when a pop-up that was closed comes back while the same screen is shown [SRC], or when
more than `max_per_minute` unsolicited pop-ups appear within any 60 s of app time (default 2
[INF]; the scenario records the threshold it was given, option `popup_max_per_minute`). Pop-ups
are counted both from the scenario's `popup` steps and from the app's own show calls, the larger
count winning. No harassment found is a `pass` only after a watch of POPUP_WINDOW_S of app time;
a shorter one is `inconclusive`. Example: 特价优选 pops "限时福利" every 1.2 s.
"""

from __future__ import annotations

from harness.detect.engine import Outcome, detector
from harness.detect.plan import POPUP_WINDOW_S, app_clock, short_watch, step_evidence
from harness.detect.popup_windows import hook_corroboration, shown_in_watch, watch
from harness.detect.view import RunView
from harness.steps import StepAction

DEFAULT_MAX_PER_MINUTE = 2.0
MINUTE_S = 60.0


def _most_in_a_minute(app_times: list[float]) -> int:
    times = sorted(app_times)
    return max((sum(1 for t in times if first <= t < first + MINUTE_S) for first in times), default=0)


@detector("popup_harassment")
def popup_harassment(view: RunView) -> Outcome:
    watched = watch(view)
    if isinstance(watched, Outcome):
        return watched
    run, popups, seconds = watched.run, watched.popups, watched.seconds
    start = run.first(StepAction.WATCH_START)
    limit = start.detail.get("max_per_minute") if start is not None else None
    threshold = float(limit) if isinstance(limit, int | float) and limit >= 0 else DEFAULT_MAX_PER_MINUTE
    clock = app_clock(view)
    by_steps = _most_in_a_minute([clock.at(p.ts) for p in popups])
    by_calls = _most_in_a_minute([clock.at(ts) for ts in shown_in_watch(view, run)])
    densest = max(by_steps, by_calls)
    back = [p for p in popups if p.detail.get("reappeared") is True]
    problems = []
    if back:
        problems.append(f"{len(back)} pop-up(s) came back after being closed")
    if densest > threshold:
        source = "shown by the app's own calls" if by_calls > by_steps else "seen on screen"
        problems.append(
            f"{densest} unsolicited pop-ups within a minute of app time ({source}; more than "
            f"{threshold:g} per minute)"
        )
    evidence = [
        step_evidence(p, ui=p.detail.get("ui"), reappeared=p.detail.get("reappeared")) for p in popups
    ]
    evidence += hook_corroboration(view, run)
    if problems:
        return Outcome(
            "fail",
            f"in a {seconds:.0f} s watch (app time) after a cold start: {'; '.join(problems)}",
            evidence=evidence,
        )
    if run.actions(StepAction.APP_EXITED) and not popups:
        return Outcome("inconclusive", "the app's process ended during the pop-up watch", evidence=evidence)
    if seconds < POPUP_WINDOW_S:
        return Outcome(
            "inconclusive",
            short_watch("the app after a cold start", seconds, POPUP_WINDOW_S)
            + f"; {densest} pop-up(s) seen in that time",
            evidence=evidence,
        )
    return Outcome(
        "pass",
        f"{densest} pop-up(s) at most in any minute of a {seconds:.0f} s watch (app time) after a cold "
        f"start, none came back after closing (threshold: more than {threshold:g} per minute)",
        evidence=evidence,
    )
