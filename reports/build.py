"""Builds the view-model of one run's report from its run folder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from harness import __version__
from harness.analysis.report_inputs import current, report_inputs
from harness.analysis.rules import rule_catalogue
from harness.documents import AppRecord, DeviceRecord, Findings, Manifest, Verdict
from harness.rundir import EVENTS, FINDINGS, FLOWS, FLOWS_HAR, LOGCAT, MANIFEST, PROFILE, STEPS, RunDir
from reports import images
from reports.clauses import group_clauses
from reports.coverage import CoverageInput, build_coverage
from reports.dataflow import dataflow_rows
from reports.declared import declared_section
from reports.evidence import EvidenceSources, collected_refs, evidence_groups, wanted_refs
from reports.excerpts import Marks, Spot, flow_detail, spot_of
from reports.exports import CSV_NAME, JUNIT_NAME, XLSX_NAME
from reports.load import STATUSES, Scan, number, parse_ref, scan
from reports.model import Header, Image, Link, RunReport, Screenshot, StatusCount, VerdictRow
from reports.problems import problems_and_health
from reports.records import (
    StepSummary,
    event_detail,
    summarize_event,
    summarize_flow,
    summarize_step,
)
from reports.text import LINE, SHORT, safe
from reports.timeline import TimelineInput, build_timeline

MAX_SCREENSHOTS = 24


@dataclass(frozen=True)
class BuiltRun:
    report: RunReport
    findings: Mapping[str, Any] | None


def when(ts: float | None) -> str:
    if ts is None:
        return "unknown"
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _duration(start: float | None, end: float | None) -> str:
    if start is None or end is None or end < start:
        return "unknown (the run did not record its end)"
    seconds = end - start
    return f"{seconds:.1f} s" if seconds < 120 else f"{int(seconds // 60)} min {seconds % 60:.0f} s"


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _header(manifest: Manifest, findings: Findings | None) -> Header:
    """The app and device as analysis recorded them, else as the run did."""
    app, recorded = (findings.app if findings else AppRecord()), manifest.app
    device, on = (findings.device if findings else DeviceRecord()), manifest.device
    label = app.label or recorded.label
    package = app.package or recorded.package
    android = device.android or on.android
    started = manifest.started or None  # 0: the manifest did not record it
    device_text = " ".join(
        part
        for part in (
            safe(device.backend or on.backend, SHORT),
            safe(device.serial or on.serial, SHORT),
            f"Android {safe(android, SHORT)}" if android else "",
        )
        if part
    )
    return Header(
        label=safe(label or package or "(unknown app)", SHORT),
        package=safe(package or "(unknown package)", SHORT),
        version=safe(app.version or recorded.version or "unknown", SHORT),
        category=safe(app.category or recorded.category or "not given", SHORT),
        device=device_text or "unknown",
        tool_version=safe(manifest.tool_version or "unknown", SHORT),
        analysed_with=safe(findings.extra.get("tool_version") if findings else "", SHORT),
        date=when(started),
        duration=_duration(started, manifest.ended),
        run_status=safe(manifest.status, SHORT),
    )


def _verdict_rows(verdicts: Sequence[Verdict]) -> tuple[tuple[VerdictRow, ...], list[str | None]]:
    titles = {rule.id: rule for rule in rule_catalogue()}
    rows, anchors = [], []
    for index, verdict in enumerate(verdicts):
        spec = titles.get(verdict.rule)
        anchor = f"evidence-{index}" if verdict.evidence else None
        anchors.append(anchor)
        rows.append(
            VerdictRow(
                rule=safe(verdict.rule, SHORT),
                title=safe(verdict.title or (spec.title if spec else ""), LINE),
                title_zh=safe(verdict.title_zh or (spec.title_zh if spec else ""), LINE),
                status=verdict.status,
                severity=safe(verdict.severity or (spec.severity if spec else ""), SHORT),
                data_types=tuple(safe(d, SHORT) for d in verdict.data_types),
                clauses=group_clauses([safe(c, SHORT) for c in verdict.clauses]),
                summary=safe(verdict.summary, LINE),
                evidence_count=len(verdict.evidence),
                evidence_anchor=anchor,
            )
        )
    return tuple(rows), anchors


def _wanted(verdicts: Sequence[Mapping[str, Any]]) -> tuple[set[int], dict[int, set[Spot]], set[int]]:
    events: set[int] = set()
    flows: dict[int, set[Spot]] = {}
    steps: set[int] = set()
    for ref, evidence in wanted_refs(verdicts):
        if ref.seq is None:
            continue
        if ref.file == EVENTS:
            events.add(ref.seq)
        elif ref.file == FLOWS:
            flows.setdefault(ref.seq, set()).add(spot_of(evidence))
        elif ref.file == STEPS:
            steps.add(ref.seq)
    return events, flows, steps


def _sent_flows(findings: Mapping[str, Any] | None) -> set[str]:
    """The flows findings list a transmission in (or, in findings without that list, flow evidence)."""
    listed = (findings or {}).get("transmissions")
    if not isinstance(listed, list):
        return set()  # the flow evidence of the verdicts is counted by _pi_flows
    return {
        str(t.get("ref") or t.get("flow"))
        for t in listed
        if isinstance(t, dict) and isinstance(t.get("data_type"), str)
    }


def _pi_flows(verdicts: Sequence[Mapping[str, Any]], findings: Mapping[str, Any] | None) -> frozenset[int]:
    refs = _sent_flows(findings)
    refs |= {
        str(e.get("ref"))
        for v in verdicts
        for e in v.get("evidence") or []
        if isinstance(e, dict) and e.get("kind") == "flow"
    }
    parsed = [parse_ref(ref) for ref in refs]
    return frozenset(ref.seq for ref in parsed if ref.file == FLOWS and ref.seq is not None)


def _screenshots(
    run_dir: Path, steps: Sequence[StepSummary], start: float
) -> tuple[tuple[Screenshot, ...], int]:
    screens = [s for s in steps if s.action == "screen" and s.screenshot]
    shown = []
    for step in screens[:MAX_SCREENSHOTS]:
        caption = f"+{step.ts - start:.1f}s {step.scenario}: {step.label}"
        shot = images.thumbnail(run_dir, step.screenshot, caption)
        ref = f"{STEPS}#{step.seq}"
        if isinstance(shot, Image):
            shown.append(Screenshot(shot, caption, ref, ""))
        else:
            shown.append(Screenshot(None, caption, ref, shot.reason))
    return tuple(shown), max(0, len(screens) - MAX_SCREENSHOTS)


def _time_span(manifest: Mapping[str, Any], *series: Sequence[float]) -> tuple[float, float]:
    """The run's time axis: from its first recorded moment to its last."""
    times = [t for t in (number(manifest.get("started")), number(manifest.get("ended"))) if t]
    times += [t for values in series if values for t in (min(values), max(values))]
    return (min(times), max(times)) if times else (0.0, 0.0)


def raw_files(run_dir: Path) -> tuple[Link, ...]:
    names = (
        MANIFEST,
        FINDINGS,
        EVENTS,
        STEPS,
        FLOWS,
        FLOWS_HAR,
        PROFILE,
        LOGCAT,
        CSV_NAME,
        XLSX_NAME,
        JUNIT_NAME,
    )
    return tuple(Link(name, name) for name in names if (run_dir / name).is_file())


def _consent_step(inputs: Mapping[str, Any], steps: Sequence[StepSummary]) -> StepSummary | None:
    """The step the analysis took as the user's consent (findings' consent), if any."""
    seq = parse_ref(_dict(inputs.get("consent")).get("ref")).seq
    return next((s for s in steps if s.seq == seq), None) if seq is not None else None


def build_run(run_dir: Path) -> BuiltRun:
    run = RunDir(run_dir)
    typed_manifest, typed_findings = run.manifest(), run.findings()
    header = _header(typed_manifest, typed_findings)
    # the rest renders the documents' JSON form (evidence items are open mappings by contract)
    manifest = typed_manifest.to_json()
    findings = typed_findings.to_json() if typed_findings else None
    verdicts: list[Mapping[str, Any]] = list(findings["verdicts"]) if findings else []

    inputs = current(findings) or report_inputs(run_dir, manifest, findings)
    want_events, want_flows, want_steps = _wanted(verdicts)
    want_events |= collected_refs(verdicts)
    events = scan(run.events(), summarize_event, event_detail, want_events)
    marks = Marks.from_json(inputs.get("marks"))
    flows = scan(run.flows(), summarize_flow, flow_detail(want_flows, marks), set(want_flows))
    steps: Scan[StepSummary, None] = scan(run.steps(), summarize_step)
    steps.summaries.sort(key=lambda s: (s.ts, s.seq))
    consent = _consent_step(inputs, steps.summaries)
    flow_domains = _dict(inputs.get("flow_domains"))

    start, end = _time_span(
        manifest,
        [e.ts for e in events.summaries],
        [f.ts for f in flows.summaries],
        [s.ts for s in steps.summaries],
    )

    rows, anchors = _verdict_rows(typed_findings.verdicts if typed_findings else [])
    sources = EvidenceSources(
        run_dir=run_dir,
        start=start,
        consent_ts=consent.ts if consent else None,
        events=events.details,
        flows=flows.details,
        steps={s.seq: s for s in steps.summaries if s.seq in want_steps},
        marks=marks,
    )
    timeline = build_timeline(
        TimelineInput(
            start=start,
            end=end,
            events=events.summaries,
            flows=flows.summaries,
            steps=steps.summaries,
            consent=consent,
            flow_domain=lambda host: str(flow_domains.get(host) or host),
            pi_flows=_pi_flows(verdicts, findings),
        )
    )
    files = [events.stats, steps.stats, flows.stats]
    coverage_input = CoverageInput(manifest, findings, _dict(inputs.get("capture")), files)
    coverage = build_coverage(coverage_input)
    problems, health = problems_and_health(coverage_input, coverage)
    screenshots, screenshots_not_shown = _screenshots(run_dir, steps.summaries, start)
    counts = tuple(StatusCount(s, sum(1 for r in rows if r.status == s)) for s in STATUSES)
    report = RunReport(
        page_title=f"privacy-probe report: {header.label} ({header.package})",
        header=header,
        health=health,
        problems=problems,
        status_counts=counts,
        verdicts=rows,
        timeline=timeline,
        evidence=evidence_groups(verdicts, anchors, sources),
        screenshots=screenshots,
        screenshots_not_shown=screenshots_not_shown,
        dataflow=dataflow_rows(inputs.get("dataflow"), start),
        coverage=coverage,
        raw_files=raw_files(run_dir),
        generated=f"{when(datetime.now(UTC).timestamp())} by privacy-probe {__version__}",
        declared=declared_section(findings),
    )
    return BuiltRun(report, findings)
