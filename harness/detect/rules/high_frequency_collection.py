"""high_frequency_collection (超频次收集, 认定方法 四.4): the same personal information read again
and again, more often than any function needs.

Within one app process, the reads of one API by one caller (the app or an SDK) form a series.
A series of at least MIN_READS reads whose median spacing is at most MAX_PERIOD_S fails: an
identifier does not change and is read once, and SPRINGER 1.2-2/1.2-4 cite reading "every 30 s"
and "every 2 s" as violations [SRC examples; the counts are INF]. Location series are exempt
for categories whose basic function needs location (map navigation, ride-hailing, bike
sharing), where continuous location is the function. Example: 天气通 reads ANDROID_ID every 2 s.
Spacing is measured in app time (the sim fast-forwards the app's clock while it only watches).
No such series is a `pass` only when one app process was watched for FREQUENCY_WINDOW_S of app
time — the span of MIN_READS reads MAX_PERIOD_S apart; a shorter watch is `inconclusive`.
"""

from __future__ import annotations

import itertools
import statistics

from harness.detect.app_categories import necessary_data_types
from harness.detect.engine import Outcome, detector
from harness.detect.plan import (
    FREQUENCY_WINDOW_S,
    AppClock,
    app_clock,
    event_evidence,
    pi_reads,
    processes,
    short_api,
    short_watch,
)
from harness.detect.view import RunView
from harness.records import HookEvent
from harness.steps import StepAction

MIN_READS = 3
MAX_PERIOD_S = 30.0


def _series(view: RunView) -> list[list[HookEvent]]:
    reads = pi_reads(view.events)
    series: list[list[HookEvent]] = []
    for process in processes(view):
        groups: dict[tuple[str, str | None], list[HookEvent]] = {}
        for event in reads:
            if event.ts in process:
                groups.setdefault((event.api, event.sdk), []).append(event)
        series.extend(groups.values())
    return series


def _longest_process_s(view: RunView, clock: AppClock) -> float:
    """App seconds of the longest-watched process: from its launch to its stop, its exit, the
    next launch, or the run's last record."""
    last = max([s.ts for s in view.steps] + [e.ts for e in view.events], default=0.0)
    ends = [
        s.ts for s in view.steps if s.action in (StepAction.STOP, StepAction.APP_EXITED, StepAction.LAUNCH)
    ]
    longest = 0.0
    for process in processes(view):
        end = min([t for t in ends if t > process.start] + [last])
        longest = max(longest, clock.seconds(process.start, end))
    return longest


@detector("high_frequency_collection")
def high_frequency_collection(view: RunView) -> Outcome:
    if missing := view.events_missing_reason:
        return Outcome("not_tested", missing)
    if not any(step.action == StepAction.LAUNCHED for step in view.steps):
        return Outcome("not_tested", "the app never started in this run")
    exempt = necessary_data_types(view) & {"location"}
    clock = app_clock(view)
    frequent = []
    for reads in _series(view):
        if len(reads) < MIN_READS or reads[0].data_type in exempt:
            continue
        spacing = statistics.median(clock.seconds(a.ts, b.ts) for a, b in itertools.pairwise(reads))
        if spacing <= MAX_PERIOD_S:
            frequent.append((reads, spacing))
    if not frequent:
        note = " (location exempt for this category)" if exempt else ""
        watched = _longest_process_s(view, clock)
        if watched < FREQUENCY_WINDOW_S:
            return Outcome("inconclusive", short_watch("no app process", watched, FREQUENCY_WINDOW_S) + note)
        return Outcome(
            "pass",
            f"no personal information read {MIN_READS}+ times at most {MAX_PERIOD_S:g} s apart "
            f"in one process{note}",
        )
    items = [
        f"{reads[0].data_type} via {short_api(reads[0].api)} by {reads[0].sdk or 'app code'}: "
        f"{len(reads)} reads, every {spacing:.1f} s"
        for reads, spacing in frequent
    ]
    return Outcome(
        "fail",
        "; ".join(items),
        data_types=[reads[0].data_type for reads, _ in frequent if reads[0].data_type],
        evidence=[
            event_evidence(reads[0], reads=len(reads), median_spacing_s=round(spacing, 3))
            for reads, spacing in frequent
        ],
    )
