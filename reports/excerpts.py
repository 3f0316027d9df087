"""Flow excerpts for the evidence section: the recorded request text with the value marked.

The wire excerpt is the part of the request (URL, one header, or the body) as recorded, with
the span holding the transmitted value marked; the second excerpt is the text the matcher
searched (outer decoding layers undone) with the value's encoded form marked.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from harness.humanize import size
from reports.locate import CanaryBook, locate
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


def _location_bytes(record: Mapping[str, Any], location: str) -> bytes | None:
    if location == "url":
        url = record.get("url")
        return url.encode("utf-8", errors="surrogatepass") if isinstance(url, str) else None
    if location.startswith("header:"):
        name = location.removeprefix("header:")
        for pair in record.get("request_headers") or []:
            if isinstance(pair, list | tuple) and len(pair) == 2 and pair[0] == name:
                return str(pair[1]).encode("utf-8", errors="surrogatepass")
        return None
    if location == "body":
        body = record.get("request_body")
        if not isinstance(body, str):
            return None
        if record.get("request_body_encoding") == "base64":
            try:
                return base64.b64decode(body, validate=True)
            except binascii.Error:
                pass
        return body.encode("utf-8", errors="surrogatepass")
    return None


def _wire_excerpt(record: Mapping[str, Any], spot: Spot, book: CanaryBook) -> Excerpt:
    label = f"request {safe(spot.location, SHORT)} as recorded"
    data = _location_bytes(record, spot.location)
    if data is None:
        return Excerpt(label, (), f"the flow has no {safe(spot.location, SHORT)} to show")
    span = locate(book, spot.canary, data, spot.encoding)
    if span is None:
        segments, note = _window(data, 0, 0)
        return Excerpt(label, segments, "the value could not be located again here; " + note)
    segments, note = _window(data, *span)
    return Excerpt(label, segments, note)


def decoded_excerpt(text: str, spans: Sequence[tuple[int, int]]) -> Excerpt:
    """The matcher's excerpt (the text it searched, outer layers undone) with the canary's form marked."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for start, end in spans:
        parts += [(text[position:start], False), (text[start:end], True)]
        position = end
    parts.append((text[position:], False))
    note = "" if spans else "the value's form could not be marked here"
    return Excerpt("as the matcher searched it (outer layers undone)", _segments(*parts), note)


def flow_detail(
    spots_by_seq: Mapping[int, set[Spot]], book: CanaryBook
) -> Callable[[int, dict[str, Any]], FlowDetail]:
    def detail(seq: int, record: dict[str, Any]) -> FlowDetail:
        request = f"{record.get('method') or 'CONNECT'} {record.get('url') or record.get('host') or ''}"
        return FlowDetail(
            request=clip(request, LINE, one_line=True),
            error=clip(record.get("error"), LINE, one_line=True),
            excerpts={spot: _wire_excerpt(record, spot, book) for spot in spots_by_seq.get(seq, set())},
        )

    return detail
