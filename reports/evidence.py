"""The evidence section: each verdict's evidence items, resolved against the recorded files.

An evidence item names a record ("flows.jsonl#7"); this module shows what that record holds:
an event's API, value and stack (frames of the responsible SDK marked), a flow's request with
the matched value marked in the recorded text and the decoding chain that leads to it, a step
or a screen with its screenshot.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.rundir import EVENTS, FLOWS, STEPS
from reports import images
from reports.load import Ref, number, parse_ref
from reports.locate import CanaryBook, locate, spans_in_excerpt
from reports.model import EvidenceGroup, EvidenceItem, Excerpt, Field, Frame, Image, Segment
from reports.records import EventDetail, StepSummary
from reports.text import LINE, LONG, SHORT, Clip, clip, safe

MAX_ITEMS_PER_RULE = 12
CONTEXT_BYTES = 120
MAX_MARK_BYTES = 600
# Shown in this order when present; any other field of an evidence item follows generically.
KNOWN_FIELDS = (
    "data_type", "canary", "value", "form", "sdk", "host", "domain", "party", "owner",
    "location", "api", "phase", "ts",
)  # fmt: skip
NOT_SHOWN_AS_FIELDS = {"kind", "ref", "encoding", "chain", "excerpt", "collected_by"}


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
        notes.append(f"the marked span is {end - start} bytes; its first {MAX_MARK_BYTES} are shown")
    before_start = max(0, start - CONTEXT_BYTES)
    after_end = min(len(data), end + CONTEXT_BYTES)
    if before_start or after_end < len(data):
        notes.append(f"bytes {before_start}–{after_end} of {len(data)}")
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
    """The matcher's decoded excerpt with the canary's encoded form marked."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for start, end in spans:
        parts += [(text[position:start], False), (text[start:end], True)]
        position = end
    parts.append((text[position:], False))
    note = "" if spans else "the value's form could not be marked here"
    return Excerpt("decoded (innermost layer)", _segments(*parts), note)


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


@dataclass(frozen=True)
class EvidenceSources:
    run_dir: Path
    start: float
    consent_ts: float | None
    events: Mapping[int, EventDetail]
    flows: Mapping[int, FlowDetail]
    steps: Mapping[int, StepSummary]
    book: CanaryBook


def wanted_refs(verdicts: Sequence[Mapping[str, Any]]) -> list[tuple[Ref, Mapping[str, Any]]]:
    """The evidence items the report shows (the first MAX_ITEMS_PER_RULE of each verdict)."""
    shown = []
    for verdict in verdicts:
        for evidence in _evidence_list(verdict)[:MAX_ITEMS_PER_RULE]:
            shown.append((parse_ref(evidence.get("ref")), evidence))
    return shown


def _evidence_list(verdict: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [e for e in verdict.get("evidence") or [] if isinstance(e, dict)]


def _collected_by(evidence: Mapping[str, Any], start: float) -> list[Field]:
    """Which hook events read the transmitted value (or its data type) before it was sent."""
    lines = []
    for item in evidence.get("collected_by") or []:
        if isinstance(item, dict):
            ts = number(item.get("ts"))
            at = f" at +{ts - start:.2f}s" if ts is not None else ""
            who = item.get("sdk") or "app code"
            link = "same value" if item.get("link") == "value" else "same data type"
            lines.append(f"{item.get('api')} by {who}{at} ({item.get('ref')}, {link})")
    return [Field("read by", clip("\n".join(lines), LONG))] if lines else []


def observed_values(verdicts: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """label → seq of the event whose value the analysis searched for as an observed canary."""
    found: dict[str, int] = {}
    for _ref, evidence in wanted_refs(verdicts):
        label = str(evidence.get("canary") or "")
        if not label.startswith("observed:"):
            continue
        for item in evidence.get("collected_by") or []:
            ref = parse_ref(item.get("ref")) if isinstance(item, dict) else None
            if ref and ref.file == EVENTS and ref.seq is not None and item.get("link") == "value":
                found.setdefault(label, ref.seq)
                break
    return found


def collected_refs(verdicts: Sequence[Mapping[str, Any]]) -> set[int]:
    seqs = set()
    for _ref, evidence in wanted_refs(verdicts):
        for item in evidence.get("collected_by") or []:
            ref = parse_ref(item.get("ref")) if isinstance(item, dict) else None
            if ref and ref.file == EVENTS and ref.seq is not None:
                seqs.add(ref.seq)
    return seqs


def _field_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return "" if value is None else str(value)


def _fields(evidence: Mapping[str, Any]) -> tuple[Field, ...]:
    names = [k for k in KNOWN_FIELDS if k in evidence]
    names += [k for k in evidence if k not in KNOWN_FIELDS and k not in NOT_SHOWN_AS_FIELDS]
    return tuple(
        Field(safe(name, SHORT), clip(_field_value(evidence[name]), LINE, one_line=True))
        for name in names[:24]
        if evidence[name] not in (None, "", [])
    )


def _chain(evidence: Mapping[str, Any]) -> tuple[str, ...]:
    chain = evidence.get("encoding", evidence.get("chain"))
    if isinstance(chain, str):
        return (safe(chain, SHORT),)
    if isinstance(chain, list):
        return tuple(safe(step, SHORT) for step in chain[:16])
    return ()


def _frames(stack: Sequence[str], sdk: str) -> tuple[Frame, ...]:
    return tuple(Frame(f, bool(sdk) and (f == sdk or f.startswith(sdk + "."))) for f in stack)


def _when(ts: float | None, sources: EvidenceSources) -> tuple[str, str]:
    if ts is None:
        return "", ""
    phase = (
        "after consent" if sources.consent_ts is not None and ts >= sources.consent_ts else "before consent"
    )
    return f"+{ts - sources.start:.2f}s", phase


def _item(evidence: Mapping[str, Any], sources: EvidenceSources) -> EvidenceItem:
    ref = parse_ref(evidence.get("ref"))
    kind = safe(evidence.get("kind") or "?", SHORT)
    sdk = str(evidence.get("sdk") or "")
    ts = number(evidence.get("ts"))
    stack: tuple[Frame, ...] = ()
    stack_hidden = 0
    excerpts: list[Excerpt] = []
    headline = ""
    image: Image | None = None
    missing = ""
    extra: list[Field] = []
    if ref.file == EVENTS and ref.seq is not None:
        event = sources.events.get(ref.seq)
        if event is None:
            missing = "the referenced event is not in events.jsonl"
        else:
            headline = event.api.text
            extra = [Field("returned", event.value), Field("outcome", clip(event.outcome))]
            if event.error.text:
                extra.append(Field("error", event.error))
            if event.thread:
                extra.append(Field("thread", clip(event.thread)))
            stack = _frames(event.stack, sdk)
            stack_hidden = event.stack_total - len(event.stack)
    elif ref.file == FLOWS and ref.seq is not None:
        flow = sources.flows.get(ref.seq)
        if flow is None:
            missing = "the referenced flow is not in flows.jsonl"
        else:
            headline = flow.request.text
            wire = flow.excerpts.get(spot_of(evidence))
            if wire is not None:
                excerpts.append(wire)
            if flow.error.text:
                extra.append(Field("error", flow.error))
        decoded = evidence.get("excerpt")
        if isinstance(decoded, str) and decoded:
            shown = clip(decoded, LONG, one_line=True).text
            spans = spans_in_excerpt(sources.book, spot_of(evidence).canary, shown)
            excerpts.append(decoded_excerpt(shown, spans))
        extra += _collected_by(evidence, sources.start)
    elif ref.file == STEPS and ref.seq is not None:
        step = sources.steps.get(ref.seq)
        if step is None:
            missing = "the referenced step is not in steps.jsonl"
        else:
            headline = f"{step.scenario}: {step.action} {step.label}".strip()
            extra = [Field("detail", step.detail)]
            ts = step.ts if ts is None else ts
            if step.screenshot:
                shot = images.thumbnail(sources.run_dir, step.screenshot, headline)
                image, missing = (shot, "") if isinstance(shot, Image) else (None, shot.reason)
    elif ref.file.startswith("ui/"):
        png = ref.file.rsplit(".", 1)[0] + ".png"
        shot = images.thumbnail(sources.run_dir, png, safe(ref.file, SHORT))
        image, missing = (shot, "") if isinstance(shot, Image) else (None, shot.reason)
    else:
        missing = "the evidence does not name a record of this run"
    when, phase = _when(ts, sources)
    recorded_phase = evidence.get("phase")
    return EvidenceItem(
        kind=kind,
        ref=safe(evidence.get("ref") or "", SHORT),
        headline=safe(headline, LINE),
        when=when,
        phase=safe(recorded_phase, SHORT).replace("_", " ") if recorded_phase else phase,
        sdk=safe(sdk, SHORT),
        chain=_chain(evidence),
        fields=(*extra, *_fields(evidence)),
        excerpts=tuple(excerpts),
        stack=stack,
        stack_hidden=stack_hidden,
        image=image,
        missing=missing,
    )


def evidence_groups(
    verdicts: Sequence[Mapping[str, Any]], anchors: Sequence[str | None], sources: EvidenceSources
) -> tuple[EvidenceGroup, ...]:
    groups = []
    for verdict, anchor in zip(verdicts, anchors, strict=True):
        evidence = _evidence_list(verdict)
        if anchor is None or not evidence:
            continue
        groups.append(
            EvidenceGroup(
                anchor=anchor,
                rule=safe(verdict.get("rule"), SHORT),
                title=safe(verdict.get("title") or "", LINE),
                status=str(verdict.get("status")),
                items=tuple(_item(e, sources) for e in evidence[:MAX_ITEMS_PER_RULE]),
                not_shown=max(0, len(evidence) - MAX_ITEMS_PER_RULE),
            )
        )
    return tuple(groups)
