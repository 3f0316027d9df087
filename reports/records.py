"""Compact, already-safe forms of the run's records, as the report needs them.

Summaries are small (one per record, for the timeline and the tallies); details keep what the
evidence section shows of a record that findings point at, clipped so that a megabyte value
costs the report a few kilobytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from harness.records import DATA_TYPES
from reports.load import number, text_or_none
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
    outcome: str
    error: Clip
    thread: str
    args: Clip
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


def summarize_event(seq: int, record: dict[str, Any]) -> EventSummary | None:
    ts = number(record.get("ts"))
    api = text_or_none(record.get("api"))
    if ts is None or api is None:
        return None
    data_type = record.get("data_type")
    sdk = text_or_none(record.get("sdk"))
    return EventSummary(
        seq=seq,
        ts=ts,
        data_type=data_type if data_type in DATA_TYPES else None,
        sdk=safe(sdk, SHORT) if sdk else None,
        api=safe(short_api(api), SHORT),
        outcome=safe(record.get("outcome") or "returned", SHORT),
    )


def event_detail(_seq: int, record: dict[str, Any]) -> EventDetail:
    stack = record.get("stack")
    frames = [f for f in stack if isinstance(f, str)] if isinstance(stack, list) else []
    args = record.get("args")
    return EventDetail(
        api=clip(record.get("api"), LINE, one_line=True),
        value=clip(record.get("value"), LONG),
        outcome=safe(record.get("outcome") or "returned", SHORT),
        error=clip(record.get("error"), LINE),
        thread=safe(record.get("thread"), SHORT),
        args=clip(json.dumps(args, ensure_ascii=False) if args else "", LINE, one_line=True),
        stack=tuple(safe(f, LINE) for f in frames[:MAX_FRAMES]),
        stack_total=len(frames),
    )


def summarize_flow(seq: int, record: dict[str, Any]) -> FlowSummary | None:
    ts = number(record.get("ts"))
    if ts is None:
        return None
    return FlowSummary(
        seq=seq,
        ts=ts,
        host=safe(str(record.get("host") or "").lower().rstrip("."), SHORT) or "(no host)",
        method=safe(record.get("method") or "", 16),
        status=safe(record.get("status") or "ok", 16),
        error=safe(record.get("error"), LINE),
    )


def summarize_step(seq: int, record: dict[str, Any]) -> StepSummary | None:
    ts = number(record.get("ts"))
    if ts is None:
        return None
    detail = record.get("detail")
    detail = detail if isinstance(detail, dict) else {}
    screenshot = detail.get("screenshot")
    return StepSummary(
        seq=seq,
        ts=ts,
        scenario=safe(record.get("scenario"), SHORT),
        action=safe(record.get("action"), SHORT),
        label=safe(detail.get("label") or detail.get("text") or "", SHORT),
        choice=safe(detail.get("choice") or "", SHORT),
        screenshot=screenshot if isinstance(screenshot, str) else "",
        detail=clip(json.dumps(detail, ensure_ascii=False, default=str), LINE, one_line=True),
    )
