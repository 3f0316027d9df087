"""The popup_watch scenario read back (a cold start after consent, then watching; every pop-up
seen is recorded with what closed it), for popup_harassment and ad_window_not_closable.

Watch lengths are app time (the sim fast-forwards the app's clock while the scenario only
watches). Pop-ups are seen both as the scenario's `popup` steps and as the app's own Dialog.show /
PopupWindow.show* calls (hook events): a non-focusable PopupWindow is not in a uiautomator dump,
but its call is seen.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.detect.engine import Evidence, Outcome
from harness.detect.plan import (
    AppClock,
    ScenarioRun,
    app_clock,
    event_evidence,
    events_in,
    not_run,
    scenario_run,
    step_evidence,
)
from harness.detect.view import RunView
from harness.records import Step
from harness.steps import StepAction

SCENARIO = "popup_watch"
POPUP_APIS = ("android.app.Dialog.show", "android.widget.PopupWindow.show")


@dataclass(frozen=True)
class Watch:
    run: ScenarioRun
    popups: list[Step]  # the scenario's `popup` steps
    seconds: float  # app seconds watched


def watch(view: RunView) -> Watch | Outcome:
    """The watch, or the verdict saying why there was none to judge."""
    if (skipped := not_run(view, SCENARIO)) is not None:
        return skipped
    run = scenario_run(view, SCENARIO)
    assert run is not None
    start = run.first(StepAction.WATCH_START)
    if start is None:
        exits = run.actions(StepAction.APP_EXITED)
        reason = "the app's process ended before the watch began" if exits else "the watch never began"
        return Outcome("inconclusive", reason, evidence=[step_evidence(s) for s in exits])
    return Watch(run, run.actions(StepAction.POPUP), _watched_s(run, app_clock(view)))


def _watched_s(run: ScenarioRun, clock: AppClock) -> float:
    """App seconds from `watch_start` to `watch_end` (or the scenario's last step)."""
    start = run.first(StepAction.WATCH_START)
    end = run.first(StepAction.WATCH_END) or run.steps[-1]
    return 0.0 if start is None else max(0.0, clock.seconds(start.ts, end.ts))


def shown_in_watch(view: RunView, run: ScenarioRun) -> list[float]:
    """Wall times of the app's own pop-up calls between `watch_start` and `watch_end`."""
    start = run.first(StepAction.WATCH_START)
    end = run.first(StepAction.WATCH_END)
    if start is None:
        return []
    return [
        e.ts
        for e in events_in(view, run.window)
        if e.api.startswith(POPUP_APIS) and start.ts <= e.ts and (end is None or e.ts <= end.ts)
    ]


def hook_corroboration(view: RunView, run: ScenarioRun) -> list[Evidence]:
    shown = [e for e in events_in(view, run.window) if e.api.startswith(POPUP_APIS)]
    return [event_evidence(e, shown=e.args[0] if e.args else None) for e in shown[:5]]
