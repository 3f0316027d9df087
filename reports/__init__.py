"""HTML reports and exports of runs: one report per run folder, one catalog over many runs.

`render_run(run_dir)` writes RUN_DIR/report.html plus the exports (findings.csv,
findings.xlsx, junit.xml, flows.har); `render_catalog(out_dir)` does that for every run under
OUT and writes OUT/index.html plus the catalog-wide exports.

Reports only render: what they show that is derived from the run (the marks of each value
sent, the data-flow rows with parties and owners, the capture's coverage, the consent time,
the domain of each host) is written by `privacy-probe analyze` into findings.json's
`report_inputs` (harness.analysis.report_inputs). For a run whose findings predate that
field (or an unanalysed run), the report derives the same inputs through that analysis
module, in memory: findings.json is not rewritten and its verdicts are shown as recorded.
No module here imports harness.capture, harness.detect, harness.profile or harness.sdk
(tests/test_reports_render_only.py).
"""

from __future__ import annotations

from reports.render import render_catalog, render_run

__all__ = ["render_catalog", "render_run"]
