"""Compact, already-safe forms of the run's records, as the report needs them.

Summaries are small (one per record, for the timeline and the tallies); details keep what the
evidence section shows of a record that findings point at, clipped so that a megabyte value
costs the report a few kilobytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from harness.records import DATA_TYPES, Flow, HookEvent, Step
from reports.text import LINE, LONG, SHORT, Clip, clip, safe

MAX_FRAMES = 40
MAX_HEADERS = 40


@dataclass(frozen=True)
class EventSummary:
    seq: int
    ts: float
    data_type: str | None  # one of DATA_TYPES; anything else is shown as None
    sdk: str | None
    api: str  # short form: "TelephonyManager.getDeviceId"
    outcome: str


@dataclass(frozen=True)
class EventDetail:
    api: Clip
    value: Clip
    error: Clip
    stack: tuple[str, ...]
    stack_total: int


@dataclass(frozen=True)
class FlowSummary:
    seq: int
    ts: float
    host: str
    method: str
    status: str  # "ok" | "error" | "tls_failed" | anything else the capture wrote
    error: str


@dataclass(frozen=True)
class StepSummary:
    seq: int
    ts: float
    scenario: str
    action: str
    label: str
    choice: str
    screenshot: str  # the path as recorded (checked before use), "" if none
    detail: Clip


def short_api(api: str) -> str:
    parts = api.split(".")
    return ".".join(parts[-2:]) if len(parts) > 2 else api


def summarize_event(event: HookEvent) -> EventSummary:
    return EventSummary(
        seq=event.seq,
        ts=event.ts,
        data_type=event.data_type if event.data_type in DATA_TYPES else None,
        sdk=safe(event.sdk, SHORT) if event.sdk else None,
        api=safe(short_api(event.api), SHORT),
        outcome=safe(event.outcome or "returned", SHORT),
    )


def event_detail(event: HookEvent) -> EventDetail:
    return EventDetail(
        api=clip(event.api, LINE, one_line=True),
        value=clip(event.value, LONG),
        error=clip(event.error, LINE),
        stack=tuple(safe(f, LINE) for f in event.stack[:MAX_FRAMES]),
        stack_total=len(event.stack),
    )


def summarize_flow(flow: Flow) -> FlowSummary:
    return FlowSummary(
        seq=flow.seq,
        ts=flow.ts,
        host=safe(flow.host, SHORT) or "(no host)",
        method=safe(flow.method, 16),
        status=safe(flow.status or "ok", 16),
        error=safe(flow.error, LINE),
    )


def summarize_step(step: Step) -> StepSummary:
    detail = step.detail
    screenshot = detail.get("screenshot")
    return StepSummary(
        seq=step.seq,
        ts=step.ts,
        scenario=safe(step.scenario, SHORT),
        action=safe(step.action, SHORT),
        label=safe(detail.get("label") or detail.get("text") or "", SHORT),
        choice=safe(detail.get("choice") or "", SHORT),
        screenshot=screenshot if isinstance(screenshot, str) else "",
        detail=clip(json.dumps(detail, ensure_ascii=False, default=str), LINE, one_line=True),
    )
