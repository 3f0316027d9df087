"""Analysis: everything derived from a run's records, written to findings.json for reports to render.

`findings`: `analyze_run` (verdicts, transmissions, coverage, declared vs observed) and the
exit code a run's findings give. `report_inputs`: what a report shows that is derived (findings'
`report_inputs`): `marks` (where each value sent sits in the request and in the matcher's
excerpt), `dataflow` (reads and sends per SDK and data type, with parties and owners), the
capture's coverage, the consent step and each host's domain. `rules`: the rule catalogue as
reports list it; `har`: the run's flows.har for export.
"""

from harness.analysis.findings import analyze_run, exit_code_for

__all__ = ["analyze_run", "exit_code_for"]
