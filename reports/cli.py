"""The `privacy-probe report` subcommand: re-render reports and exports without re-running."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness.errors import ExitCode, InputError
from harness.rundir import is_run_dir
from reports.build import BuiltRun
from reports.render import Rendered, render_catalog_outcome, render_run_outcome

Handler = Callable[[argparse.Namespace], int]


def register(subparsers: argparse._SubParsersAction[Any]) -> dict[str, Handler]:
    """Add `report` to the CLI's subcommands; returns {command name: handler}."""
    parser = subparsers.add_parser(
        "report",
        help="re-render the report and exports of a run folder, or of every run under OUT",
        description="RUN_DIR → RUN_DIR/report.html, findings.csv, findings.xlsx, junit.xml. "
        "OUT (a folder of run folders) → each run's report, OUT/index.html and catalog exports.",
    )
    parser.add_argument("path", type=Path, metavar="RUN_DIR|OUT")
    return {"report": _cmd_report}


def exit_code(rendered: Rendered) -> ExitCode:
    """2 when a run could not be reported, was never analysed or is incomplete (as `analyze`
    says: part of it was not observed, or a detector crashed), else 1 if a rule failed, else 0."""
    if rendered.errors or any(_untrusted(run) for run in rendered.built):
        return ExitCode.ERROR
    failed = any(v.status == "fail" for r in rendered.reports for v in r.verdicts)
    return ExitCode.FINDINGS if failed else ExitCode.OK


def _untrusted(run: BuiltRun) -> str | None:
    """Why the run's verdicts cannot stand as they are, or None when they can."""
    from harness.analysis import exit_code_for
    from harness.documents import Findings

    if run.findings is None or not run.report.verdicts:
        return "no verdicts (not analysed)"
    if exit_code_for(Findings.from_json(dict(run.findings))) != ExitCode.ERROR:
        return None
    reasons = [str(r) for r in run.findings.get("incomplete") or []]
    if reasons:
        return f"the run is incomplete: {'; '.join(reasons)}"
    return "a detector crashed (see the report's problems)"


def _cmd_report(args: argparse.Namespace) -> int:
    path: Path = args.path
    if not path.is_dir():
        raise InputError(f"{path}: not a run folder or an output folder of runs")
    rendered = render_run_outcome(path) if is_run_dir(path) else render_catalog_outcome(path)
    for error in rendered.errors:
        print(f"privacy-probe: error: {error}", file=sys.stderr)
    for run in rendered.built:
        why = _untrusted(run)
        if why is not None:
            print(f"privacy-probe: error: {run.report.header.package}: {why}", file=sys.stderr)
    print(f"report: {rendered.path.resolve()}")
    return exit_code(rendered)
