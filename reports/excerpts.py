"""Flow excerpts for the evidence section: the recorded request text with the value marked.

The wire excerpt is the part of the request (URL, one header, or the body) as recorded, with
the span holding the transmitted value marked; the second excerpt is the text the matcher
searched (outer decoding layers undone) with the value's encoded form marked. The spans are the
analysis's (findings' report_inputs.marks, harness.analysis.marks).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from harness.analysis.marks import location_bytes
from harness.humanize import size
from harness.records import Flow
from reports.load import parse_ref
from reports.model import Excerpt, Segment
from reports.text import LINE, LONG, SHORT, Clip, clip, safe

CONTEXT_BYTES = 120
MAX_MARK_BYTES = 600


@dataclass(frozen=True)
class Spot:
    """Which transmitted value a flow's evidence is about, and where it was found."""

    location: str  # "url" | "header:NAME" | "body"
    canary: str  # the canary's label ("imei", "location", "observed:…")
    encoding: tuple[str, ...]


Span = tuple[int, int]


@dataclass(frozen=True)
class Marks:
    """Where the analysis found each value: in the request part, in the matcher's excerpt."""

    canary_values: Mapping[str, str]
    wire: Mapping[tuple[int, Spot], Span]  # (flow seq, spot) → byte span; absent: not located
    excerpts: Mapping[tuple[str, str], Sequence[Span]]  # (canary, excerpt) → character spans

    @classmethod
    def from_json(cls, data: Any) -> Marks:
        data = data if isinstance(data, dict) else {}
        values = data.get("canary_values")
        wire: dict[tuple[int, Spot], Span] = {}
        excerpts: dict[tuple[str, str], Sequence[Span]] = {}
        for entry in data.get("spots") or []:
            if not isinstance(entry, dict):
                continue
            spot = spot_of(entry)
            seq = parse_ref(entry.get("ref")).seq
            span = _span(entry.get("wire"))
            if seq is not None and span is not None:
                wire[(seq, spot)] = span
            spans = [s for s in map(_span, entry.get("excerpt_spans") or []) if s is not None]
            excerpts[(spot.canary, str(entry.get("excerpt") or ""))] = spans
        canary_values = {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}
        return cls(canary_values, wire, excerpts)


def _span(value: Any) -> Span | None:
    if isinstance(value, list) and len(value) == 2 and all(type(v) is int and v >= 0 for v in value):
        start, end = value
        return (start, end) if start <= end else None
    return None


@dataclass(frozen=True)
class FlowDetail:
    request: Clip
    error: Clip
    excerpts: Mapping[Spot, Excerpt]


def spot_of(evidence: Mapping[str, Any]) -> Spot:
    encoding = evidence.get("encoding")
    return Spot(
        location=str(evidence.get("location") or "body"),
        canary=str(evidence.get("canary") or ""),
        encoding=tuple(str(e) for e in encoding) if isinstance(encoding, list) else (),
    )


def _segments(*parts: tuple[str, bool]) -> tuple[Segment, ...]:
    return tuple(Segment(text, mark) for text, mark in parts if text)


def _window(data: bytes, start: int, end: int) -> tuple[tuple[Segment, ...], str]:
    notes = []
    shown_end = min(end, start + MAX_MARK_BYTES)
    if shown_end < end:
        notes.append(f"the marked span is {size(end - start)}; its first {size(MAX_MARK_BYTES)} are shown")
    before_start = max(0, start - CONTEXT_BYTES)
    after_end = min(len(data), end + CONTEXT_BYTES)
    if before_start or after_end < len(data):
        notes.append(f"bytes {before_start}–{after_end} of {size(len(data))}")
    segments = _segments(
        ("…" if before_start else "", False),
        (clip(data[before_start:start], LONG).text, False),
        (clip(data[start:shown_end], LONG).text, True),
        ("…" if shown_end < end else "", True),
        (clip(data[end:after_end], LONG).text, False),
        ("…" if after_end < len(data) else "", False),
    )
    return segments, "; ".join(notes)


def _wire_excerpt(flow: Flow, spot: Spot, marks: Marks) -> Excerpt:
    label = f"request {safe(spot.location, SHORT)} as recorded"
    data = location_bytes(flow, spot.location)
    if data is None:
        return Excerpt(label, (), f"the flow has no {safe(spot.location, SHORT)} to show")
    span = marks.wire.get((flow.seq, spot))
    if span is None or span[1] > len(data):
        segments, note = _window(data, 0, 0)
        return Excerpt(label, segments, "the value could not be located again here; " + note)
    segments, note = _window(data, *span)
    return Excerpt(label, segments, note)


def decoded_excerpt(excerpt: str, spans: Sequence[Span]) -> Excerpt:
    """The matcher's excerpt (the text it searched, outer layers undone) with the canary's form
    marked; `spans` index `excerpt` as recorded, each part is made safe on its own."""
    text = excerpt[:LONG]
    spans = [(start, end) for start, end in spans if end <= len(text)]
    parts: list[tuple[str, bool]] = []
    position = 0
    for start, end in spans:
        if start < position:
            continue
        parts += [(_shown(text[position:start]), False), (_shown(text[start:end]), True)]
        position = end
    parts.append((_shown(text[position:]), False))
    note = "" if spans else "the value's form could not be marked here"
    return Excerpt("as the matcher searched it (outer layers undone)", _segments(*parts), note)


def _shown(text: str) -> str:
    return clip(text, LONG, one_line=True).text


def flow_detail(spots_by_seq: Mapping[int, set[Spot]], marks: Marks) -> Callable[[Flow], FlowDetail]:
    def detail(flow: Flow) -> FlowDetail:
        request = f"{flow.method or 'CONNECT'} {flow.url or flow.host}"
        return FlowDetail(
            request=clip(request, LINE, one_line=True),
            error=clip(flow.error, LINE, one_line=True),
            excerpts={spot: _wire_excerpt(flow, spot, marks) for spot in spots_by_seq.get(flow.seq, set())},
        )

    return detail
