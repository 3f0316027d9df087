"""Where each transmitted value sits in what was recorded, so a report can mark it.

A flow's evidence names the canary (its label), where in the request it was found and the
decoding chain, but not the byte span. For every flow an evidence item or a transmission
points at, this runs the matcher again for that one canary over that one part of the request
(the wire span), and finds the canary's encoded forms in the matcher's decoded excerpt (the
excerpt spans). It also lists the value of each canary named, for the reader to compare.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.detect.match.coords import CoordinateCanary, find_in
from harness.detect.match.encodings import expand
from harness.detect.match.matcher import LOCATION_LABEL, Matcher
from harness.errors import InputError
from harness.profile import Canary, canaries
from harness.records import Flow, clean_text
from harness.rundir import EVENTS, FLOWS, RunDir

# An observed value longer than this was cut in the report's event detail; it is not marked.
MAX_OBSERVED_CHARS = 4000
# The first evidence items of each verdict come first when two observed values share a label.
SHOWN_PER_RULE = 12


@dataclass(frozen=True)
class Spot:
    """Which transmitted value a flow's evidence is about, and where it was found."""

    seq: int
    location: str  # "url" | "header:NAME" | "body"
    canary: str  # the canary's label ("imei", "location", "observed:…")
    encoding: tuple[str, ...]


@dataclass
class CanaryBook:
    """The run's canaries by label: the profile's, plus values the hooks observed."""

    by_label: dict[str, Canary]
    location: CoordinateCanary | None
    _matchers: dict[str, Matcher | None] = field(default_factory=dict)

    def matcher(self, label: str) -> Matcher | None:
        if label not in self._matchers:
            if label == LOCATION_LABEL:
                found = Matcher([], self.location) if self.location else None
            else:
                canary = self.by_label.get(label)
                found = Matcher([canary]) if canary else None
            self._matchers[label] = found
        return self._matchers[label]

    def patterns(self, label: str) -> list[str]:
        """The canary's encoded forms as text, longest first (what a decoded excerpt shows)."""
        canary = self.by_label.get(label)
        if canary is None:
            return []
        texts = {v.pattern.decode("utf-8", errors="replace") for v in expand([canary])}
        return sorted(texts, key=len, reverse=True)


def _seq_of(ref: Any, file: str) -> int | None:
    name, _, index = (ref if isinstance(ref, str) else "").partition("#")
    return int(index) if name == file and index.isdigit() else None


def flow_items(findings: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Flow evidence of the verdicts (the shown ones first), then the transmissions."""
    verdicts = [v for v in findings.get("verdicts") or [] if isinstance(v, dict)]
    lists = [[e for e in v.get("evidence") or [] if isinstance(e, dict)] for v in verdicts]
    items = [e for evidence in lists for e in evidence[:SHOWN_PER_RULE]]
    items += [e for evidence in lists for e in evidence[SHOWN_PER_RULE:]]
    sent = findings.get("transmissions")
    items += (
        [{**t, "ref": t.get("flow")} for t in sent if isinstance(t, dict)] if isinstance(sent, list) else []
    )
    return [e for e in items if _seq_of(e.get("ref"), FLOWS) is not None]


def spot_of(item: Mapping[str, Any]) -> Spot:
    encoding = item.get("encoding")
    return Spot(
        seq=_seq_of(item.get("ref"), FLOWS) or 0,
        location=str(item.get("location") or "body"),
        canary=str(item.get("canary") or ""),
        encoding=tuple(str(e) for e in encoding) if isinstance(encoding, list) else (),
    )


def _observed_events(items: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """label → seq of the event whose value the analysis searched for as an observed canary."""
    found: dict[str, int] = {}
    for item in items:
        label = str(item.get("canary") or "")
        if not label.startswith("observed:"):
            continue
        for read in item.get("collected_by") or []:
            seq = _seq_of(read.get("ref"), EVENTS) if isinstance(read, dict) else None
            if seq is not None and read.get("link") == "value":
                found.setdefault(label, seq)
                break
    return found


def read_book(run: RunDir, items: Sequence[Mapping[str, Any]]) -> CanaryBook:
    by_label: dict[str, Canary] = {}
    location = None
    try:
        profile = run.profile()
    except InputError:
        profile = None  # without the profile nothing can be marked; the report says so per item
    if profile is not None:
        by_label = {c.label: Canary(c.data_type, c.label, clean_text(c.value)) for c in canaries(profile)}
        location = CoordinateCanary(profile.latitude, profile.longitude)
    label_of = {seq: label for label, seq in _observed_events(items).items()}
    for event in run.events() if label_of else ():
        label = label_of.get(event.seq)
        if label is not None and event.value is not None and len(event.value) <= MAX_OBSERVED_CHARS:
            by_label.setdefault(label, Canary("", label, event.value))
    return CanaryBook(by_label, location)


def location_bytes(flow: Flow, location: str) -> bytes | None:
    """The part of a recorded request a match was found in, as the bytes that were sent."""
    if location == "url":
        return flow.url.encode("utf-8") if flow.url else None
    if location.startswith("header:"):
        name = location.removeprefix("header:")
        return next((value.encode("utf-8") for key, value in flow.request_headers if key == name), None)
    if location == "body":
        return flow.request_body
    return None


def wire_span(book: CanaryBook, spot: Spot, data: bytes) -> tuple[int, int] | None:
    """The span of `data` holding the canary, preferring a match with the recorded chain."""
    matcher = book.matcher(spot.canary)
    if matcher is None:
        return None
    matches = [m for m in matcher.scan(data, "report") if m.canary == spot.canary]
    if not matches:
        return None
    same = [m for m in matches if spot.encoding[-len(m.encoding) :] == m.encoding]
    best = (same or matches)[0]
    return best.start, best.end


def excerpt_spans(book: CanaryBook, label: str, excerpt: str) -> list[tuple[int, int]]:
    """Character spans of the canary's forms in a decoded excerpt (non-overlapping, in order)."""
    spans: list[tuple[int, int]] = []
    if label == LOCATION_LABEL and book.location is not None:
        data = clean_text(excerpt).encode("utf-8")  # the same characters, lone surrogates replaced
        for hit in find_in(data, book.location):
            start = len(data[: hit.start].decode("utf-8", errors="replace"))
            end = start + len(data[hit.start : hit.end].decode("utf-8", errors="replace"))
            spans.append((start, end))
    else:
        for pattern in book.patterns(label):
            if pattern:
                found = re.finditer(re.escape(pattern), excerpt, flags=re.IGNORECASE)
                spans += [(m.start(), m.end()) for m in found]
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _wire_spans(run: RunDir, book: CanaryBook, spots: set[Spot]) -> Iterator[tuple[Spot, tuple[int, int]]]:
    by_seq: dict[int, list[Spot]] = {}
    for spot in spots:
        by_seq.setdefault(spot.seq, []).append(spot)
    for flow in run.flows() if by_seq else ():
        for spot in by_seq.pop(flow.seq, []):
            data = location_bytes(flow, spot.location)
            span = wire_span(book, spot, data) if data is not None else None
            if span is not None:
                yield spot, span


def marks(run_dir: Path, findings: Mapping[str, Any]) -> dict[str, Any]:
    """{"canary_values": {label: value}, "spots": [{ref, location, canary, encoding, wire,
    excerpt, excerpt_spans}]}: `wire` is the byte span in the request part (null: not located
    again), `excerpt_spans` the character spans in `excerpt` (the matcher's decoded excerpt)."""
    run = RunDir(run_dir)
    items = flow_items(findings)
    book = read_book(run, items)
    spots = {spot_of(item) for item in items}
    located = dict(_wire_spans(run, book, spots))
    entries: dict[tuple[Spot, str], dict[str, Any]] = {}
    for item in items:
        spot = spot_of(item)
        excerpt = str(item.get("excerpt") or "")
        if (spot, excerpt) in entries:
            continue
        wire = located.get(spot)
        entries[(spot, excerpt)] = {
            "ref": f"{FLOWS}#{spot.seq}",
            "location": spot.location,
            "canary": spot.canary,
            "encoding": list(spot.encoding),
            "wire": list(wire) if wire else None,
            "excerpt": excerpt,
            "excerpt_spans": [list(s) for s in excerpt_spans(book, spot.canary, excerpt)] if excerpt else [],
        }
    labels = {spot.canary for spot, _ in entries}
    return {
        "canary_values": {label: c.value for label, c in book.by_label.items() if label in labels},
        "spots": list(entries.values()),
    }
