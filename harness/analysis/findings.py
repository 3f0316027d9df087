"""`privacy-probe analyze`: re-derive RUN_DIR/findings.json from the recorded files alone.

findings.json (DESIGN.md "Findings contract", plus the fields below):

    schema        1
    app, device   copied from manifest.json
    result        "fail" (some verdict failed) | "pass" | "errored" (a detector crashed)
    incomplete    why parts of the run were not observed (the capture died, the app was killed
                  from outside, the run never ended); non-empty makes the exit code 2
    consent       {"ts", "ref"} of the accepted consent step, or null (never given)
    settings      the analysis settings: first_party (domains), coordinate_tolerance
    verdicts      one per rule of harness/data/rules.json, in that order: rule, title,
                  title_zh, status, severity, data_types, clauses, summary, evidence
                  [{kind, ref ("flows.jsonl#7"), ...}]; transmission verdicts add
                  `destinations` [{domain, party, owner, sdk, hosts, data_types, flows}]
                  and `sdks` (the SDK prefixes whose code read the values)
    transmissions every canary found in traffic: {flow, url, sdk, host, domain, party,
                  owner, recipient_sdk, data_type, canary, form, encoding (chain, wire
                  first), location ("url" | "header:NAME" | "body"), excerpt, method, ts,
                  phase, collected_by [{ref, ts, api, sdk, data_type, link}], source
                  ("proxy" | "hook": read from hooked TLS plaintext), and for a canary that
                  went through transforms: chain ("imei → AES/CBC by com.umeng → base64 →
                  POST alog.umeng.com"), transforms [{ref, ts, api, algorithm, sdk, ...}]}
    declared_vs_observed  declared permissions/SDKs against the run (harness.detect.declared_observed)
    coverage      hooks_installed, hooks_failed, flows_total, flows_undecrypted,
                  flows_decode_capped, flows_body_truncated, flows_hook_only [{ref, host,
                  url}] (requests only hooks saw), flows_opaque [{ref, host}] (undecrypted,
                  and no hook read them), scenarios, consent_ambiguous [{scenario, ui,
                  reason}] (privacy dialogs left unanswered: controls ambiguous), detector_errors,
                  records_unreadable {file: lines no record could be read from}
    report_inputs what a report shows that is derived from the run: consent, capture coverage,
                  flow domains, data-flow rows, marks of each value sent (analysis.report_inputs)

The document is harness.documents.Findings; `analyze_run` returns it typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from harness.analysis.report_inputs import report_inputs
from harness.detect import evaluate
from harness.detect.consent_ambiguity import ambiguous_consent_screens
from harness.detect.declared_observed import declared_vs_observed
from harness.detect.match.coords import DEFAULT_TOLERANCE
from harness.detect.match.transmissions import TrafficScan, scan_traffic
from harness.detect.view import RunView
from harness.documents import (
    AmbiguousConsent,
    Consent,
    Coverage,
    DetectorError,
    Findings,
    FlowNote,
    Result,
    Settings,
    Transmission,
    Verdict,
)
from harness.errors import ExitCode
from harness.records import write_json_atomic
from harness.rundir import FINDINGS


def analyze_run(
    run_dir: Path,
    *,
    first_party: Sequence[str] = (),
    coordinate_tolerance: float = DEFAULT_TOLERANCE,
) -> Findings:
    """Evaluate every rule over the run folder, write findings.json and return it.

    `first_party`: more domains of the app's own (added to the manifest's list);
    `coordinate_tolerance`: how far (degrees) a number may be from the canary fix.
    """
    view = RunView.load(run_dir, first_party, coordinate_tolerance)
    evaluation = evaluate(view)
    scan = _traffic(view)
    findings = Findings(
        app=view.manifest.app,
        device=view.manifest.device,
        result=_result(evaluation.verdicts, evaluation.detector_errors),
        consent=Consent(view.consent.ts, view.consent.ref) if view.consent else None,
        settings=Settings(list(view.first_party), view.coordinate_tolerance),
        verdicts=evaluation.verdicts,
        incomplete=view.incomplete,
        transmissions=[Transmission.from_json(t.to_json()) for t in scan.transmissions] if scan else [],
        declared_vs_observed=declared_vs_observed(view),
        coverage=_coverage(view, scan, evaluation.detector_errors),
    )
    inputs = report_inputs(run_dir, view.manifest.to_json(), findings.to_json())
    findings = replace(findings, report_inputs=inputs)
    write_json_atomic(run_dir / FINDINGS, findings.to_json())
    return findings


def exit_code_for(findings: Findings) -> ExitCode:
    """OK: no verdict failed; FINDINGS: some verdict failed; ERROR: a detector crashed (errored)
    or the run is incomplete (part of it was not observed, so a pass may be false)."""
    if findings.result == "errored" or findings.incomplete:
        return ExitCode.ERROR
    if any(v.status == "fail" for v in findings.verdicts):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _traffic(view: RunView) -> TrafficScan | None:
    """The shared traffic scan, when its inputs exist and it did not crash (a crash is
    already reported by the detectors that use it)."""
    if view.flows is None or view.profile is None:
        return None
    try:
        return view.derive(scan_traffic)
    except Exception:  # reported as detector errors by the transmission detectors
        return None


def _result(verdicts: list[Verdict], errors: list[DetectorError]) -> Result:
    if errors:
        return "errored"
    return "fail" if any(v.status == "fail" for v in verdicts) else "pass"


def _coverage(view: RunView, scan: TrafficScan | None, errors: list[DetectorError]) -> Coverage:
    flows = view.flows or ()
    hooked = scan.hook_only if scan else ()
    read_hosts = {f.host for f in hooked}
    return Coverage(
        hooks_installed=view.hooks_installed,
        hooks_failed=list(view.coverage.hooks_failed),
        flows_total=len(flows),
        flows_undecrypted=sum(1 for f in flows if f.undecrypted),
        flows_decode_capped=len(scan.capped) if scan else 0,
        flows_body_truncated=sum(1 for f in flows if f.body_truncated),
        # requests read only from hooked TLS plaintext, and undecrypted connections no hook read
        flows_hook_only=[FlowNote(f.ref, f.host, f.url) for f in hooked],
        flows_opaque=[FlowNote(f.ref, f.host) for f in flows if f.undecrypted and f.host not in read_hosts],
        capture="off" if view.coverage.capture == "off" else "on",
        scenarios=view.scenarios,
        consent_ambiguous=[_ambiguous(screen) for screen in ambiguous_consent_screens(view)],
        detector_errors=errors,
        records_unreadable={s.name: s.unreadable for s in view.read_stats if s.unreadable},
    )


def _ambiguous(screen: dict[str, Any]) -> AmbiguousConsent:
    ui = screen.get("ui")
    return AmbiguousConsent(
        str(screen.get("scenario")), ui if isinstance(ui, str) else None, str(screen.get("reason"))
    )
