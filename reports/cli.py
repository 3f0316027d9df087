"""The `privacy-probe report` subcommand: re-render reports and exports without re-running."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness.errors import InputError
from reports.load import is_run_dir
from reports.render import Rendered, render_catalog_outcome, render_run_outcome

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2

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


def exit_code(rendered: Rendered) -> int:
    """2 when a run could not be reported or was never analysed, else 1 if a rule failed, else 0."""
    unanalysed = [r for r in rendered.reports if not r.verdicts]
    if rendered.errors or unanalysed:
        return EXIT_ERROR
    failed = any(v.status == "fail" for r in rendered.reports for v in r.verdicts)
    return EXIT_FAIL if failed else EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    path: Path = args.path
    if not path.is_dir():
        raise InputError(f"{path}: not a run folder or an output folder of runs")
    rendered = render_run_outcome(path) if is_run_dir(path) else render_catalog_outcome(path)
    for error in rendered.errors:
        print(f"privacy-probe: error: {error}", file=sys.stderr)
    for report in rendered.reports:
        if not report.verdicts:
            print(
                f"privacy-probe: error: {report.header.package}: no verdicts (not analysed)",
                file=sys.stderr,
            )
    print(f"report: {rendered.path.resolve()}")
    return exit_code(rendered)
