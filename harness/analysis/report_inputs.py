"""What a report shows that is derived from the run rather than read from it.

findings.json's `report_inputs` (written by `analyze_run`; a report of a run whose findings
predate it derives the same with `report_inputs(run_dir, manifest, findings)`, not
rewriting them):

    version       REPORT_INPUTS_VERSION
    consent       {"ts", "ref"} of the accepted consent step, or null (the findings' own)
    capture       the capture's coverage from flows.jsonl and capture.json
                  (harness.capture.capture_coverage)
    flow_domains  {host: registrable domain} of every host in flows.jsonl (the timeline's lanes)
    dataflow      rows of the data-flow summary (harness.analysis.dataflow)
    marks         {"canary_values", "spots"}: where each transmitted value sits in the request
                  and in the matcher's excerpt (harness.analysis.marks)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from harness.analysis.dataflow import dataflow
from harness.analysis.marks import marks
from harness.capture import capture_coverage
from harness.detect.match.domains import normalise_host, registrable_domain
from harness.records import Step
from harness.rundir import STEPS, RunDir
from harness.steps import ConsentChoice, StepAction

REPORT_INPUTS_VERSION = 1


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _recorded_consent(run_dir: Path) -> dict[str, Any] | None:
    """The first accepted consent step (the rule of harness.detect.view), for unanalysed runs."""
    accepted = (_accepted(step) for step in RunDir(run_dir).steps())
    return next((consent for consent in accepted if consent), None)


def _accepted(step: Step) -> dict[str, Any] | None:
    if step.action == StepAction.CONSENT and step.detail.get("choice") == ConsentChoice.ACCEPT:
        return {"ts": step.ts, "ref": f"{STEPS}#{step.seq}"}
    return None


def _flow_domains(run_dir: Path) -> dict[str, str]:
    hosts = {normalise_host(flow.host) for flow in RunDir(run_dir).flows()}
    return {host: registrable_domain(host) for host in sorted(hosts) if host}


def report_inputs(
    run_dir: Path, manifest: Mapping[str, Any], findings: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The report's derived inputs for a run folder, its manifest and its findings (None: not
    analysed)."""
    analysed = findings if findings is not None else {}
    package = str(
        _dict(manifest.get("app")).get("package") or _dict(analysed.get("app")).get("package") or ""
    )
    first_party = [str(d) for d in manifest.get("first_party_domains") or []]
    consent = analysed.get("consent") if findings is not None else _recorded_consent(run_dir)
    with_consent = {**analysed, "consent": consent}
    return {
        "version": REPORT_INPUTS_VERSION,
        "consent": consent if isinstance(consent, dict) else None,
        "capture": capture_coverage(run_dir),
        "flow_domains": _flow_domains(run_dir),
        "dataflow": dataflow(run_dir, with_consent, package, first_party),
        "marks": marks(run_dir, analysed),
    }


def current(findings: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The findings' report inputs when written by this version of the analysis, else None."""
    inputs = _dict((findings or {}).get("report_inputs"))
    return inputs if inputs.get("version") == REPORT_INPUTS_VERSION else None
