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
from harness.records import read_jsonl
from harness.rundir import FLOWS, STEPS
from harness.steps import ConsentChoice, StepAction

REPORT_INPUTS_VERSION = 1


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _recorded_consent(run_dir: Path) -> dict[str, Any] | None:
    """The first accepted consent step (the rule of harness.detect.view), for unanalysed runs."""
    for index, step in enumerate(read_jsonl(run_dir / STEPS)):
        ts, detail, seq = step.get("ts"), _dict(step.get("detail")), step.get("seq")
        accepted = step.get("action") == StepAction.CONSENT and detail.get("choice") == ConsentChoice.ACCEPT
        if accepted and isinstance(ts, int | float) and not isinstance(ts, bool):
            return {"ts": float(ts), "ref": f"{STEPS}#{seq if isinstance(seq, int) else index}"}
    return None


def _flow_domains(run_dir: Path) -> dict[str, str]:
    hosts = {normalise_host(str(r.get("host") or "")) for r in read_jsonl(run_dir / FLOWS)}
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
