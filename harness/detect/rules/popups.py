"""popup_harassment and ad_window_not_closable, from the popup_watch scenario (a cold start after
consent, then watching; every pop-up seen is recorded with what closed it).

popup_harassment (弹窗信息骚扰, 26号文 "不得频繁弹窗", 互联网广告管理办法 第十条(四)) fails when a
pop-up that was closed comes back while the same screen is shown [SRC], or when more than
`max_per_minute` unsolicited pop-ups appear within any 60 s (default 2 [INF]; the scenario
records the threshold it was given, option `popup_max_per_minute`). Minutes are app time (the
sim fast-forwards the app's clock while the scenario only watches), and pop-ups are counted both
from the scenario's `popup` steps and from the app's own Dialog.show / PopupWindow.show* calls
(hook events; a non-focusable PopupWindow is not in a uiautomator dump, but its call is seen), the
larger count winning. No harassment found is a `pass` only after a watch of POPUP_WINDOW_S of app
time; a shorter one is `inconclusive`. Example: 特价优选 pops "限时福利" every 1.2 s.

ad_window_not_closable (开屏弹窗关不掉, 互联网广告管理办法 第十条(一), 信息通信服务感知提升行动 "找得到、
关得了") fails when a pop-up offered no working close control (关闭 / × / 跳过 / Close / Skip …)
and BACK did not dismiss it either — e.g. a splash ad that only goes away when its countdown
ends. Hook events of Dialog.show / PopupWindow.show* in the watch are cited as corroboration.
"""

from __future__ import annotations

from harness.detect.engine import Evidence, Outcome, detector
from harness.detect.plan import (
    POPUP_WINDOW_S,
    AppClock,
    ScenarioRun,
    app_clock,
    event_evidence,
    events_in,
    not_run,
    scenario_run,
    short_watch,
    step_evidence,
)
from harness.detect.view import RunView
from harness.records import Step

SCENARIO = "popup_watch"
DEFAULT_MAX_PER_MINUTE = 2.0
MINUTE_S = 60.0
POPUP_APIS = ("android.app.Dialog.show", "android.widget.PopupWindow.show")
PLAIN_POPUP_API = "android.widget.PopupWindow.show"


def _watch(view: RunView) -> tuple[ScenarioRun, list[Step], float] | Outcome:
    if (skipped := not_run(view, SCENARIO)) is not None:
        return skipped
    run = scenario_run(view, SCENARIO)
    assert run is not None
    start = run.first("watch_start")
    if start is None:
        exits = run.actions("app_exited")
        reason = "the app's process ended before the watch began" if exits else "the watch never began"
        return Outcome("inconclusive", reason, evidence=[step_evidence(s) for s in exits])
    return run, run.actions("popup"), _watched_s(run, app_clock(view))


def _most_in_a_minute(app_times: list[float]) -> int:
    times = sorted(app_times)
    return max((sum(1 for t in times if first <= t < first + MINUTE_S) for first in times), default=0)


def _watched_s(run: ScenarioRun, clock: AppClock) -> float:
    """App seconds from `watch_start` to `watch_end` (or the scenario's last step)."""
    start = run.first("watch_start")
    end = run.first("watch_end") or run.steps[-1]
    return 0.0 if start is None else max(0.0, clock.seconds(start.ts, end.ts))


def _shown_in_watch(view: RunView, run: ScenarioRun) -> list[float]:
    """Wall times of the app's own pop-up calls between `watch_start` and `watch_end`."""
    start = run.first("watch_start")
    end = run.first("watch_end")
    if start is None:
        return []
    return [
        e.ts
        for e in events_in(view, run.window)
        if e.api.startswith(POPUP_APIS) and start.ts <= e.ts and (end is None or e.ts <= end.ts)
    ]


def _hook_corroboration(view: RunView, run: ScenarioRun) -> list[Evidence]:
    shown = [e for e in events_in(view, run.window) if e.api.startswith(POPUP_APIS)]
    return [event_evidence(e, shown=e.args[0] if e.args else None) for e in shown[:5]]


@detector("popup_harassment")
def popup_harassment(view: RunView) -> Outcome:
    watched = _watch(view)
    if isinstance(watched, Outcome):
        return watched
    run, popups, seconds = watched
    start = run.first("watch_start")
    limit = start.detail.get("max_per_minute") if start is not None else None
    threshold = float(limit) if isinstance(limit, int | float) and limit >= 0 else DEFAULT_MAX_PER_MINUTE
    clock = app_clock(view)
    by_steps = _most_in_a_minute([clock.at(p.ts) for p in popups])
    by_calls = _most_in_a_minute([clock.at(ts) for ts in _shown_in_watch(view, run)])
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
    evidence += _hook_corroboration(view, run)
    if problems:
        return Outcome(
            "fail",
            f"in a {seconds:.0f} s watch (app time) after a cold start: {'; '.join(problems)}",
            evidence=evidence,
        )
    if run.actions("app_exited") and not popups:
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


@detector("ad_window_not_closable")
def ad_window_not_closable(view: RunView) -> Outcome:
    watched = _watch(view)
    if isinstance(watched, Outcome):
        return watched
    run, popups, seconds = watched
    stuck = [p for p in popups if p.detail.get("closed_by") is None]
    evidence = [
        step_evidence(
            p,
            ui=p.detail.get("ui"),
            close_control=p.detail.get("close_control"),
            closed_by=p.detail.get("closed_by"),
        )
        for p in popups
    ]
    if stuck:
        first = stuck[0]
        control = first.detail.get("close_control")
        how = f"its close control {control!r} did not close it" if control else "it has no close control"
        return Outcome(
            "fail",
            f"{len(stuck)} pop-up(s) could not be closed: {how} and BACK did not dismiss it "
            f"({first.detail.get('ui')})",
            evidence=evidence + _hook_corroboration(view, run),
        )
    shown = _shown_in_watch(view, run)
    plain = [e for e in events_in(view, run.window) if e.api.startswith(PLAIN_POPUP_API) and e.ts in shown]
    if not popups and plain:
        return Outcome(
            "inconclusive",
            f"the app showed {len(plain)} PopupWindow(s) that no UI dump showed (a PopupWindow is not "
            "focusable by default, so uiautomator dumps the window under it): their close control could "
            "not be tried",
            evidence=[event_evidence(e) for e in plain[:5]],
        )
    if not popups:
        return Outcome(
            "pass", f"no pop-up appeared in the {seconds:.0f} s watch (app time) after a cold start"
        )
    ways = sorted({str(p.detail.get("closed_by")) for p in popups})
    return Outcome(
        "pass", f"all {len(popups)} pop-up(s) closed at once (by {', '.join(ways)})", evidence=evidence
    )
