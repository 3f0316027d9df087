"""Lays out the run's timeline chart: one time axis, one lane per thing that happened.

Lanes, top to bottom: scenario steps (taps, screens, the consent moment), one lane per data
type the app read (hook events), one lane per destination domain (flows). Marks closer than
`BIN_PX` pixels are merged into one mark whose tooltip says how many it stands for, so a
run with a million events still draws a few hundred shapes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from harness.records import DATA_TYPES
from reports.records import EventSummary, FlowSummary, StepSummary
from reports.text import safe
from reports.timeline_model import Band, Lane, Mark, Tick, Timeline

WIDTH = 1100
LEFT = 190
RIGHT = 24
TOP = 34
LANE_HEIGHT = 22
AXIS_HEIGHT = 40
BIN_PX = 3.0
MAX_DOMAIN_LANES = 12
MAX_TIP_LINES = 6
TICK_STEPS = (0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200)


@dataclass(frozen=True)
class _Item:
    ts: float
    css: str
    tip: str


@dataclass(frozen=True)
class TimelineInput:
    start: float
    end: float
    events: Sequence[EventSummary]
    flows: Sequence[FlowSummary]
    steps: Sequence[StepSummary]
    consent: StepSummary | None
    flow_domain: Callable[[str], str]
    pi_flows: frozenset[int]  # seqs of flows that findings say carried personal data


def offset(ts: float, start: float) -> str:
    return f"+{ts - start:.1f}s"


def _ticks(span: float, scale: Callable[[float], float]) -> tuple[Tick, ...]:
    step = next((s for s in TICK_STEPS if span / s <= 10), TICK_STEPS[-1] * (span // 72000 + 1))
    count = int(span // step) + 1
    return tuple(Tick(scale(i * step), f"{i * step:g}s") for i in range(count))


def _merge(items: list[_Item], x_of: Callable[[float], float], y: float, start: float) -> tuple[Mark, ...]:
    bins: dict[int, list[_Item]] = defaultdict(list)
    for item in items:
        bins[int(x_of(item.ts) // BIN_PX)].append(item)
    marks = []
    for members in bins.values():
        members.sort(key=lambda i: i.ts)
        first = members[0]
        css = first.css if all(m.css == first.css for m in members) else _dominant(members)
        lines = [f"{offset(m.ts, start)} {m.tip}" for m in members[:MAX_TIP_LINES]]
        if len(members) > MAX_TIP_LINES:
            lines.append(f"… and {len(members) - MAX_TIP_LINES} more")
        prefix = f"{len(members)} records\n" if len(members) > 1 else ""
        height = LANE_HEIGHT - 8 if len(members) > 1 else LANE_HEIGHT - 12
        marks.append(
            Mark(
                x=round(x_of(first.ts), 1),
                y=round(y + (LANE_HEIGHT - height) / 2, 1),
                width=BIN_PX + 1 if len(members) > 1 else 2.5,
                height=height,
                css=css,
                tip=prefix + "\n".join(lines),
            )
        )
    return tuple(sorted(marks, key=lambda m: m.x))


def _dominant(members: list[_Item]) -> str:
    # a merged mark takes the most alarming class among its members
    order = ("before", "pi", "tls", "consent", "screen", "after", "flow", "step")
    present = {m.css for m in members}
    return next((c for c in order if c in present), members[0].css)


def build_timeline(data: TimelineInput) -> Timeline:
    start = data.start
    span = max(data.end - start, 1.0)
    plot_right = WIDTH - RIGHT

    def x_of(ts: float) -> float:
        return LEFT + (min(max(ts, start), start + span) - start) / span * (plot_right - LEFT)

    consent_ts = data.consent.ts if data.consent else None

    def phase_css(ts: float) -> str:
        return "after" if consent_ts is not None and ts >= consent_ts else "before"

    lanes_items: list[tuple[str, str, list[_Item]]] = []
    step_items = [
        _Item(
            s.ts,
            "consent" if s is data.consent else ("screen" if s.action == "screen" else "step"),
            f"{s.scenario}: {s.action} {s.label or s.choice}".strip(),
        )
        for s in data.steps
    ]
    lanes_items.append(("scenario steps", "steps", step_items))

    by_type: dict[str, list[_Item]] = defaultdict(list)
    for event in data.events:
        if event.data_type is not None:
            who = event.sdk or "app"
            tip = f"{event.api} ({who}){' ' + event.outcome if event.outcome != 'returned' else ''}"
            by_type[event.data_type].append(_Item(event.ts, phase_css(event.ts), tip))
    for data_type in DATA_TYPES:
        if by_type[data_type]:
            lanes_items.append((f"read: {data_type}", "data", by_type[data_type]))

    by_domain: dict[str, list[_Item]] = defaultdict(list)
    for flow in data.flows:
        css = "tls" if flow.status == "tls_failed" else ("pi" if flow.seq in data.pi_flows else "flow")
        tip = f"{flow.method or 'CONNECT'} {flow.host} [{flow.status}]"
        by_domain[data.flow_domain(flow.host)].append(_Item(flow.ts, css, tip))
    domains = sorted(by_domain, key=lambda d: min(i.ts for i in by_domain[d]))
    notes: list[str] = []
    if len(domains) > MAX_DOMAIN_LANES:
        kept, rest = domains[: MAX_DOMAIN_LANES - 1], domains[MAX_DOMAIN_LANES - 1 :]
        other = [item for d in rest for item in by_domain[d]]
        notes.append(f"{len(rest)} more destination domains are drawn in one lane")
        domains = kept
        by_domain[f"{len(rest)} other domains"] = other
        domains.append(f"{len(rest)} other domains")
    for domain in domains:
        lanes_items.append((f"sent to: {domain}", "flows", by_domain[domain]))

    lanes = []
    for index, (label, group, items) in enumerate(lanes_items):
        y = TOP + index * LANE_HEIGHT
        marks = _merge(items, x_of, y, start)
        lanes.append(Lane(safe(label, 34), group, y, y + LANE_HEIGHT / 2, y + LANE_HEIGHT / 2 + 4, marks))
    plot_bottom = TOP + len(lanes) * LANE_HEIGHT

    scenarios: dict[str, list[float]] = defaultdict(list)
    for step in data.steps:
        scenarios[step.scenario].append(step.ts)
    bands = tuple(
        _band(x_of(min(times)), x_of(max(times)), name) for name, times in scenarios.items() if name
    )
    consent_x = round(x_of(consent_ts), 1) if consent_ts is not None else None
    if consent_ts is None:
        notes.append("no consent was given during the run: everything happened before consent")
    before = _band(LEFT, consent_x if consent_x is not None else plot_right, "")
    if not data.events and not data.flows and not data.steps:
        notes.append("nothing was recorded: no hook events, no flows, no scenario steps")
    return Timeline(
        width=WIDTH,
        height=int(plot_bottom + AXIS_HEIGHT),
        plot_left=LEFT,
        plot_right=plot_right,
        plot_top=TOP,
        plot_bottom=plot_bottom,
        plot_height=plot_bottom - TOP,
        label_x=LEFT - 8,
        tick_label_y=plot_bottom + 16,
        lanes=tuple(lanes),
        ticks=_ticks(span, lambda seconds: round(x_of(start + seconds), 1)),
        scenarios=bands,
        before_consent=before,
        consent_x=consent_x,
        consent_label=f"consent accepted {offset(consent_ts, start)}" if consent_ts is not None else "",
        consent_label_x=(consent_x or 0) + 4,
        consent_label_y=plot_bottom + 30,
        notes=tuple(notes),
    )


def _band(x0: float, x1: float, label: str) -> Band:
    return Band(round(x0, 1), round(max(x1 - x0, 2.0), 1), label, round(x0 + 3, 1))
