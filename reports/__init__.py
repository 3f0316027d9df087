"""HTML reports and exports of runs: one report per run folder, one catalog over many runs.

`render_run(run_dir)` writes RUN_DIR/report.html plus the exports (findings.csv,
findings.xlsx, junit.xml, flows.har); `render_catalog(out_dir)` does that for every run under
OUT and writes OUT/index.html plus the catalog-wide exports.
"""

from __future__ import annotations

from reports.render import render_catalog, render_run

__all__ = ["render_catalog", "render_run"]
