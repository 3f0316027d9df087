"""The scenario plan read back from a run, for the rule_* detectors.

One run holds the whole plan: one steps.jsonl in which every step names its scenario, one
events.jsonl. A scenario's window runs from its first step to the next scenario's first step;
a process runs from a `launch` step to the next one (events of `Application.onCreate` come
before the `launched` step, so `launch` is the boundary). UI dumps are re-read from the run
folder, so every verdict can be re-derived from the recorded files alone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from harness.detect.engine import Evidence, Outcome
from harness.detect.view import RunView, event_ref, step_ref
from harness.records import DATA_TYPES, HookEvent, Step
from harness.steps import StepAction
from harness.ui.tree import UiParseError, UiScreen, parse_screen

PI_DATA_TYPES = frozenset(DATA_TYPES) - {"sensor"}
UI_FOLDER = "ui"

# How much app time a rule must have watched before it may say `pass` (a shorter watch is
# `inconclusive`): the per-minute pop-up count needs a minute; three reads at most 30 s apart
# span a minute; the background soak of procedure R4 is 10–30 min [INF]
# (reference/regulatory-rules.md, "Standard runs" and the thresholds table).
POPUP_WINDOW_S = 60.0
FREQUENCY_WINDOW_S = 60.0
BACKGROUND_WINDOW_S = 600.0
MAX_CLOCK_RATE = 1000.0


@dataclass(frozen=True)
class Window:
    """[start, end) in epoch seconds."""

    start: float
    end: float

    def __contains__(self, ts: object) -> bool:
        return isinstance(ts, float | int) and self.start <= ts < self.end


@dataclass(frozen=True)
class ScenarioRun:
    name: str
    window: Window
    steps: tuple[Step, ...]

    def actions(self, *names: StepAction) -> list[Step]:
        return [s for s in self.steps if s.action in names]

    def first(self, name: StepAction) -> Step | None:
        return next((s for s in self.steps if s.action == name), None)


def _scenario_runs(view: RunView) -> dict[str, ScenarioRun]:
    grouped: dict[str, list[Step]] = {}
    order: list[str] = []
    for step in view.steps:
        if step.scenario not in grouped:
            grouped[step.scenario] = []
            order.append(step.scenario)
        grouped[step.scenario].append(step)
    starts = [grouped[name][0].ts for name in order]
    runs = {}
    for index, name in enumerate(order):
        end = starts[index + 1] if index + 1 < len(order) else math.inf
        runs[name] = ScenarioRun(name, Window(starts[index], end), tuple(grouped[name]))
    return runs


@dataclass(frozen=True)
class AppClock:
    """Wall time → the app's own time. On the sim the harness fast-forwards the app's clock
    while it only watches (`clock` steps: from then on app time runs at `rate` × wall time; a
    new process starts at 1); on a real device the two are the same."""

    changes: tuple[tuple[float, float], ...]  # (wall ts, rate from then on), in time order

    def at(self, ts: float) -> float:
        """`ts` shifted by the app time gained through fast-forwarding before it."""
        total = ts
        for index, (start, rate) in enumerate(self.changes):
            if ts <= start:
                break
            end = self.changes[index + 1][0] if index + 1 < len(self.changes) else math.inf
            total += (rate - 1.0) * (min(ts, end) - start)
        return total

    def seconds(self, start: float, end: float) -> float:
        """App seconds between two wall times."""
        return self.at(end) - self.at(start)


def _app_clock(view: RunView) -> AppClock:
    changes: list[tuple[float, float]] = []
    for step in view.steps:
        rate = 1.0
        if step.action == StepAction.CLOCK:
            value = step.detail.get("rate")
            if not isinstance(value, int | float) or not 1.0 <= value <= MAX_CLOCK_RATE:
                continue  # a hostile or broken record changes nothing
            rate = float(value)
        elif step.action not in (StepAction.LAUNCH, StepAction.STOP, StepAction.APP_EXITED):
            continue
        changes.append((step.ts, rate))
    return AppClock(tuple(changes))


def app_clock(view: RunView) -> AppClock:
    return view.derive(_app_clock)


def short_watch(what: str, watched_s: float, window_s: float) -> str:
    """The reason a verdict is inconclusive because its watch was cut short."""
    return (
        f"{what} was watched for only {watched_s:.1f} s of app time; the rule needs {window_s:g} s "
        "to say it does not happen"
    )


def scenario_run(view: RunView, name: str) -> ScenarioRun | None:
    return view.derive(_scenario_runs).get(name)


def not_run(view: RunView, *names: str) -> Outcome | None:
    """`not_tested` with the reason when none of `names` ran; None when one of them did."""
    reasons = []
    for name in names:
        status = view.scenarios.get(name)
        if status == "ran" and scenario_run(view, name) is not None:
            return None
        reasons.append(f"{name}: {status or 'not in this run plan'}")
    return Outcome("not_tested", f"its scenario did not run ({'; '.join(reasons)})")


def events_in(view: RunView, window: Window) -> list[HookEvent]:
    return [e for e in view.events if e.ts in window]


def pi_reads(events: Iterable[HookEvent]) -> list[HookEvent]:
    """Calls that read (or tried to read) personal information."""
    return [e for e in events if e.kind == "data" and e.data_type in PI_DATA_TYPES]


def processes(view: RunView) -> list[Window]:
    """One window per app process the run started, from its `launch` step to the next."""
    starts = [s.ts for s in view.steps if s.action == StepAction.LAUNCH]
    return [
        Window(start, starts[i + 1] if i + 1 < len(starts) else math.inf) for i, start in enumerate(starts)
    ]


def load_screen(view: RunView, ref: object) -> UiScreen | None:
    """The UI dump a step points at ("ui/0003-….xml"), or None when it is missing or unreadable."""
    if not isinstance(ref, str) or not ref.startswith(f"{UI_FOLDER}/") or not ref.endswith(".xml"):
        return None
    name = Path(ref).name
    if name != ref.removeprefix(f"{UI_FOLDER}/"):
        return None  # only files directly in ui/: a recorded ref must not lead elsewhere
    path = view.path / UI_FOLDER / name
    try:
        return parse_screen(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, UiParseError):
        return None


def step_evidence(step: Step, **details: object) -> Evidence:
    return Evidence("step", step_ref(step), {"action": step.action, "ts": step.ts, **details})


def ui_evidence(ref: str, **details: object) -> Evidence:
    return Evidence("ui", ref, dict(details))


def event_evidence(event: HookEvent, **details: object) -> Evidence:
    return Evidence(
        "event",
        event_ref(event),
        {
            "api": event.api,
            "sdk": event.sdk,
            "data_type": event.data_type,
            "outcome": event.outcome,
            "ts": event.ts,
            **details,
        },
    )


def first_per_group(events: Sequence[HookEvent]) -> list[tuple[HookEvent, int]]:
    """The first event of each (api, sdk, data type) group, with the group's size."""
    groups: dict[tuple[str, str | None, str | None], list[HookEvent]] = {}
    for event in events:
        groups.setdefault((event.api, event.sdk, event.data_type), []).append(event)
    return [(members[0], len(members)) for members in groups.values()]


def short_api(api: str) -> str:
    """ "android.telephony.TelephonyManager.getDeviceId" → "TelephonyManager.getDeviceId"."""
    parts = api.rsplit(".", 2)
    return ".".join(parts[-2:]) if len(parts) >= 2 else api
