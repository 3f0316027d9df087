"""background_collection (静默状态或后台运行时收集, 164号文): personal information read while the
app is in the background.

The background scenario presses HOME (`background_start`), waits, and brings the app back
(`background_end`). Every hook event that read or tried to read personal information in
between fails the rule, except during the first GRACE_S of app time: the onPause/onStop callbacks of
leaving the screen belong to the foreground [INF]. A read refused with SecurityException counts
as an attempt. Example: 城市导览 reads the GPS fix a second after the user left it. A clean
background stay passes only when it lasted BACKGROUND_WINDOW_S of app time (the 10–30 min soak of
procedure R4 [INF]; the sim fast-forwards the app's clock to get there, a device waits); a shorter
one is `inconclusive`, since collection that starts later was not watched.
"""

from __future__ import annotations

from harness.detect.engine import Outcome, detector
from harness.detect.plan import (
    BACKGROUND_WINDOW_S,
    Window,
    app_clock,
    event_evidence,
    events_in,
    first_per_group,
    not_run,
    pi_reads,
    scenario_run,
    short_api,
    short_watch,
    step_evidence,
)
from harness.detect.view import RunView
from harness.steps import StepAction

SCENARIO = "background"
GRACE_S = 0.5


@detector("background_collection")
def background_collection(view: RunView) -> Outcome:
    if (skipped := not_run(view, SCENARIO)) is not None:
        return skipped
    run = scenario_run(view, SCENARIO)
    assert run is not None
    start, end = run.first(StepAction.BACKGROUND_START), run.first(StepAction.BACKGROUND_END)
    if start is None or end is None:
        exits = run.actions(StepAction.APP_EXITED)
        why = "the app's process ended" if exits else "the app never reached the background"
        return Outcome("inconclusive", f"{why}, so nothing was observed in the background")
    if missing := view.events_missing_reason:
        return Outcome("not_tested", missing)
    clock = app_clock(view)
    seconds = max(0.0, clock.seconds(start.ts, end.ts))
    in_background = events_in(view, Window(start.ts, end.ts))
    reads = [e for e in pi_reads(in_background) if clock.seconds(start.ts, e.ts) >= GRACE_S]
    if not reads:
        evidence = [step_evidence(start), step_evidence(end, app_seconds=round(seconds, 3))]
        if seconds < BACKGROUND_WINDOW_S:
            return Outcome(
                "inconclusive",
                short_watch("the app in the background", seconds, BACKGROUND_WINDOW_S)
                + "; no personal-information access in that time",
                evidence=evidence,
            )
        return Outcome(
            "pass",
            f"no personal-information access in {seconds:.0f} s of app time in the background",
            evidence=evidence,
        )
    groups = first_per_group(reads)
    items = [
        f"{e.data_type} via {short_api(e.api)} by {e.sdk or 'app code'} x{count} "
        f"({clock.seconds(start.ts, e.ts):.1f} s after HOME{', refused' if e.outcome != 'returned' else ''})"
        for e, count in groups
    ]
    return Outcome(
        "fail",
        f"{len(reads)} personal-information access(es) in the background: {'; '.join(items)}",
        data_types=[e.data_type for e in reads if e.data_type],
        evidence=[step_evidence(start)] + [event_evidence(e, count=count) for e, count in groups],
    )
