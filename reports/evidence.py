"""The evidence section: each verdict's evidence items, resolved against the recorded files.

An evidence item names a record ("flows.jsonl#7"); this module shows what that record holds:
an event's API, value and stack (frames of the responsible SDK marked), a flow's request with
the matched value marked in the recorded text and the decoding chain that leads to it, a step
or a screen with its screenshot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.rundir import EVENTS, FLOWS, STEPS
from reports import images
from reports.excerpts import FlowDetail, Marks, decoded_excerpt, spot_of
from reports.load import Ref, number, parse_ref
from reports.model import EvidenceGroup, EvidenceItem, Excerpt, Field, Frame, Image
from reports.records import EventDetail, StepSummary
from reports.text import LINE, LONG, SHORT, clip, safe

MAX_ITEMS_PER_RULE = 12
MAX_FACTS = 24
AS_RECORDED = {"plain", "json"}  # chain steps that do not transform the recorded text
# Facts shown in this order when present; any other field of an evidence item follows them.
KNOWN_FACTS = (
    "data_type", "canary", "form", "location", "host", "domain", "party", "owner", "recipient_sdk",
    "api", "outcome", "attempt_only", "count",
)  # fmt: skip
# Shown in the item's header line, its chain or its excerpts instead.
NOT_SHOWN_AS_FACTS = {
    "kind", "ref", "encoding", "chain", "transforms", "excerpt", "collected_by", "ts", "phase", "sdk",
}  # fmt: skip


@dataclass(frozen=True)
class EvidenceSources:
    run_dir: Path
    start: float
    consent_ts: float | None
    events: Mapping[int, EventDetail]
    flows: Mapping[int, FlowDetail]
    steps: Mapping[int, StepSummary]
    marks: Marks


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


def collected_refs(verdicts: Sequence[Mapping[str, Any]]) -> set[int]:
    seqs = set()
    for _ref, evidence in wanted_refs(verdicts):
        for item in evidence.get("collected_by") or []:
            ref = parse_ref(item.get("ref")) if isinstance(item, dict) else None
            if ref and ref.file == EVENTS and ref.seq is not None:
                seqs.add(ref.seq)
    return seqs


def _fact_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return "" if value is None else str(value)


def _facts(evidence: Mapping[str, Any], shown_elsewhere: set[str]) -> list[Field]:
    skip = NOT_SHOWN_AS_FACTS | shown_elsewhere
    names = [k for k in KNOWN_FACTS if k in evidence and k not in skip]
    names += [k for k in evidence if k not in KNOWN_FACTS and k not in skip]
    return [
        Field(safe(name, SHORT).replace("_", " "), clip(_fact_text(evidence[name]), LINE, one_line=True))
        for name in names[:MAX_FACTS]
        if evidence[name] not in (None, "", [])
    ]


def _chain(evidence: Mapping[str, Any]) -> tuple[str, ...]:
    chain = evidence.get("encoding", evidence.get("chain"))
    if isinstance(chain, str):
        return (safe(chain, SHORT),)
    if isinstance(chain, list):
        return tuple(safe(step, SHORT) for step in chain[:16])
    return ()


def _frames(stack: Sequence[str], sdk: str) -> tuple[Frame, ...]:
    return tuple(Frame(f, bool(sdk) and (f == sdk or f.startswith(sdk + "."))) for f in stack)


def _thumbnail(run_dir: Path, relative: str, caption: str) -> tuple[Image | None, str]:
    shot = images.thumbnail(run_dir, relative, caption)
    return (shot, "") if isinstance(shot, Image) else (None, shot.reason)


@dataclass
class _Resolved:
    """What the referenced record adds to an evidence item."""

    headline: str = ""
    ts: float | None = None
    blocks: list[Field] = field(default_factory=list)
    facts_shown: set[str] = field(default_factory=set)
    excerpts: list[Excerpt] = field(default_factory=list)
    stack: tuple[Frame, ...] = ()
    stack_hidden: int = 0
    image: Image | None = None
    missing: str = ""


def _resolve_event(seq: int, evidence: Mapping[str, Any], sources: EvidenceSources) -> _Resolved:
    event = sources.events.get(seq)
    if event is None:
        return _Resolved(missing=f"{EVENTS}#{seq} is not in the run's {EVENTS}")
    returned = event.value if event.value.length else clip("(no value: the call did not return one)")
    resolved = _Resolved(headline=event.api.text, blocks=[Field("returned", returned)])
    if event.error.text:
        resolved.blocks.append(Field("error", event.error))
    resolved.stack = _frames(event.stack, str(evidence.get("sdk") or ""))
    resolved.stack_hidden = event.stack_total - len(event.stack)
    resolved.facts_shown = {"api"}
    return resolved


def _resolve_flow(seq: int, evidence: Mapping[str, Any], sources: EvidenceSources) -> _Resolved:
    flow = sources.flows.get(seq)
    spot = spot_of(evidence)
    resolved = _Resolved(facts_shown={"method", "url"})
    if flow is None:
        resolved.missing = f"{FLOWS}#{seq} is not in the run's {FLOWS}"
    else:
        resolved.headline = flow.request.text
        wire = flow.excerpts.get(spot)
        if wire is not None:
            resolved.excerpts.append(wire)
        if flow.error.text:
            resolved.blocks.append(Field("error", flow.error))
    decoded = evidence.get("excerpt")
    located = bool(resolved.excerpts) and any(seg.mark for seg in resolved.excerpts[0].segments)
    if isinstance(decoded, str) and decoded and not (located and set(spot.encoding) <= AS_RECORDED):
        spans = sources.marks.excerpts.get((spot.canary, decoded), ())
        resolved.excerpts.append(decoded_excerpt(decoded, spans))
    value = sources.marks.canary_values.get(spot.canary)
    if value is not None:
        resolved.blocks.append(Field("canary value", clip(value, LINE, one_line=True)))
    resolved.blocks += _collected_by(evidence, sources.start)
    return resolved


def _resolve_step(seq: int, sources: EvidenceSources) -> _Resolved:
    step = sources.steps.get(seq)
    if step is None:
        return _Resolved(missing=f"{STEPS}#{seq} is not in the run's {STEPS}")
    headline = f"{step.scenario}: {step.action} {step.label}".strip()
    resolved = _Resolved(headline=headline, ts=step.ts, blocks=[Field("detail", step.detail)])
    if step.screenshot:
        resolved.image, resolved.missing = _thumbnail(sources.run_dir, step.screenshot, headline)
    return resolved


def _resolve(ref: Ref, evidence: Mapping[str, Any], sources: EvidenceSources) -> _Resolved:
    if ref.file == EVENTS and ref.seq is not None:
        return _resolve_event(ref.seq, evidence, sources)
    if ref.file == FLOWS and ref.seq is not None:
        return _resolve_flow(ref.seq, evidence, sources)
    if ref.file == STEPS and ref.seq is not None:
        return _resolve_step(ref.seq, sources)
    if ref.file.startswith("ui/"):
        png = ref.file.rsplit(".", 1)[0] + ".png"
        image, missing = _thumbnail(sources.run_dir, png, safe(ref.file, SHORT))
        return _Resolved(image=image, missing=missing)
    return _Resolved(missing="the evidence does not name a record of this run")


def _item(evidence: Mapping[str, Any], sources: EvidenceSources) -> EvidenceItem:
    resolved = _resolve(parse_ref(evidence.get("ref")), evidence, sources)
    sent_through = evidence.get("chain")
    if isinstance(sent_through, str) and evidence.get("transforms"):
        # the canary was encrypted/hashed/encoded by the app before it left (harness.detect.match.transforms)
        resolved.blocks.insert(0, Field("sent through", clip(sent_through, LINE, one_line=True)))
    ts = number(evidence.get("ts"))
    ts = resolved.ts if ts is None else ts
    phase = evidence.get("phase")
    if isinstance(phase, str) and phase:
        phase_text = safe(phase, SHORT).replace("_", " ")
    elif ts is not None:
        before = sources.consent_ts is None or ts < sources.consent_ts
        phase_text = "before consent" if before else "after consent"
    else:
        phase_text = ""
    return EvidenceItem(
        kind=safe(evidence.get("kind") or "?", SHORT),
        ref=safe(evidence.get("ref") or "", SHORT),
        headline=safe(resolved.headline, LINE),
        when=f"+{ts - sources.start:.2f}s" if ts is not None else "",
        phase=phase_text,
        sdk=safe(evidence.get("sdk") or "", SHORT),
        chain=_chain(evidence),
        blocks=tuple(resolved.blocks),
        facts=tuple(_facts(evidence, resolved.facts_shown)),
        excerpts=tuple(resolved.excerpts),
        stack=resolved.stack,
        stack_hidden=resolved.stack_hidden,
        image=resolved.image,
        missing=resolved.missing,
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
