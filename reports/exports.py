"""Machine-readable exports: findings.csv, findings.xlsx, junit.xml and the run's flows.har.

The values are the findings' own (not the report's shortened display text), made safe for
the tools that open them: control characters and invalid Unicode replaced (XML and XLSX
reject them), cells capped at Excel's limit, and text that a spreadsheet would run as a
formula ("=", "+", "-", "@" first) neutralised — with a leading apostrophe in the CSV,
stored as a plain string cell in the XLSX.
"""

from __future__ import annotations

import csv
import io
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from harness.analysis.har import ensure_har
from harness.analysis.rules import rule_catalogue
from reports.model import RunReport
from reports.text import clip

CSV_NAME = "findings.csv"
XLSX_NAME = "findings.xlsx"
JUNIT_NAME = "junit.xml"
CELL_LIMIT = 32_000  # Excel holds at most 32,767 characters in a cell
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_EVIDENCE_ROWS = 20_000

FINDING_COLUMNS = (
    "app", "package", "version", "category", "run_health", "rule", "title", "status", "severity",
    "data_types", "clauses", "summary", "evidence_count", "evidence_refs", "sdks", "hosts",
)  # fmt: skip
EVIDENCE_COLUMNS = (
    "package", "rule", "status", "kind", "ref", "data_type", "sdk", "host", "domain", "party",
    "canary", "encoding", "location", "phase", "ts",
)  # fmt: skip
PROBLEM_COLUMNS = ("package", "run_health", "level", "problem")


@dataclass(frozen=True)
class ExportRun:
    """One run as the exports see it; `report` is None when the run could not be read."""

    name: str
    report: RunReport | None
    findings: Mapping[str, Any] | None
    error: str = ""


def cell(value: Any) -> str:
    """A value as export text: valid, control-free, at most CELL_LIMIT characters."""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    clipped = clip(value, CELL_LIMIT)
    return clipped.text + "…" if clipped.truncated else clipped.text


def csv_cell(value: Any) -> str:
    text = cell(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _verdicts(run: ExportRun) -> list[Mapping[str, Any]]:
    """The run's verdicts, plus a 'missing' one for every known rule findings.json lacks."""
    verdicts = [v for v in (run.findings or {}).get("verdicts") or [] if isinstance(v, dict)]
    present = {v.get("rule") for v in verdicts}
    why = run.error or (
        "not analysed: no findings.json" if run.findings is None else "no verdict in findings.json"
    )
    missing = [
        {"rule": rule.id, "title": rule.title, "status": "missing", "severity": rule.severity,
         "clauses": list(rule.clauses), "summary": why}
        for rule in rule_catalogue()
        if rule.id not in present
    ]  # fmt: skip
    return [*verdicts, *missing]


def _app(run: ExportRun) -> tuple[str, str, str, str, str]:
    if run.report is None:
        return run.name, "", "", "", "failed"
    header = run.report.header
    return header.label, header.package, header.version, header.category, run.report.health


def finding_rows(runs: Iterable[ExportRun]) -> list[list[Any]]:
    rows = []
    for run in runs:
        label, package, version, category, health = _app(run)
        for verdict in _verdicts(run):
            evidence = [e for e in verdict.get("evidence") or [] if isinstance(e, dict)]
            rows.append(
                [
                    label, package, version, category, health,
                    verdict.get("rule"), verdict.get("title", ""), verdict.get("status"),
                    verdict.get("severity", ""), verdict.get("data_types") or [],
                    verdict.get("clauses") or [], verdict.get("summary", ""), len(evidence),
                    [e.get("ref") for e in evidence[:50]],
                    sorted({str(e["sdk"]) for e in evidence if e.get("sdk")}),
                    sorted({str(e["host"]) for e in evidence if e.get("host")}),
                ]
            )  # fmt: skip
    return rows


def evidence_rows(runs: Iterable[ExportRun]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for run in runs:
        package = _app(run)[1]
        for verdict in _verdicts(run):
            for evidence in verdict.get("evidence") or []:
                if not isinstance(evidence, dict) or len(rows) >= MAX_EVIDENCE_ROWS:
                    continue
                rows.append(
                    [package, verdict.get("rule"), verdict.get("status")]
                    + [evidence.get(name) for name in EVIDENCE_COLUMNS[3:]]
                )
    return rows


def problem_rows(runs: Iterable[ExportRun]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for run in runs:
        _, package, _, _, health = _app(run)
        if run.report is None:
            rows.append([run.name, health, "error", run.error])
            continue
        rows += [[package, health, p.level, p.text] for p in run.report.problems]
    return rows


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_csv(path: Path, runs: Sequence[ExportRun]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FINDING_COLUMNS)
    writer.writerows([csv_cell(v) for v in row] for row in finding_rows(runs))
    # UTF-8 with a byte-order mark: Excel then reads the Chinese clause names correctly
    _atomic_write(path, buffer.getvalue().encode("utf-8-sig"))
    return path


def _sheet(book: Workbook, title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(list(columns))
    for header_cell in sheet[1]:
        header_cell.font = Font(bold=True)
    for row in rows:
        sheet.append([value if isinstance(value, int | float) else cell(value) for value in row])
    for row_cells in sheet.iter_rows(min_row=2):
        for value_cell in row_cells:
            if isinstance(value_cell.value, str):
                value_cell.data_type = "s"  # never a formula, whatever the text starts with
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if name in ("summary", "problem") else 18


def write_xlsx(
    path: Path,
    runs: Sequence[ExportRun],
    extra: Mapping[str, tuple[Sequence[str], Sequence[Sequence[Any]]]] | None = None,
) -> Path:
    book = Workbook(write_only=False)
    for default_sheet in book.worksheets:
        book.remove(default_sheet)
    _sheet(book, "Findings", FINDING_COLUMNS, finding_rows(runs))
    _sheet(book, "Evidence", EVIDENCE_COLUMNS, evidence_rows(runs))
    _sheet(book, "Run problems", PROBLEM_COLUMNS, problem_rows(runs))
    for title, (columns, rows) in (extra or {}).items():
        _sheet(book, title, columns, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    _atomic_write(path, buffer.getvalue())
    return path


def _testcase(suite: ET.Element, package: str, verdict: Mapping[str, Any]) -> str:
    case = ET.SubElement(suite, "testcase", classname=cell(package), name=cell(verdict.get("rule")), time="0")
    status = verdict.get("status")
    summary = cell(verdict.get("summary", ""))
    detail = "\n".join(
        [summary, "clauses: " + cell(verdict.get("clauses") or [])]
        + [
            f"evidence: {cell(e.get('ref'))}"
            for e in (verdict.get("evidence") or [])[:20]
            if isinstance(e, dict)
        ]
    )
    if status == "fail":
        ET.SubElement(case, "failure", message=summary, type=cell(verdict.get("severity", ""))).text = detail
    elif status in ("inconclusive", "missing"):
        ET.SubElement(case, "error", message=summary, type=str(status)).text = detail
    elif status in ("not_tested", "not_applicable"):
        ET.SubElement(case, "skipped", message=summary)
    return str(status)


def write_junit(path: Path, runs: Sequence[ExportRun]) -> Path:
    root = ET.Element("testsuites", name="privacy-probe")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for run in runs:
        label, package, _, _, health = _app(run)
        suite = ET.SubElement(root, "testsuite", name=cell(package or label))
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", name="app", value=cell(label))
        ET.SubElement(properties, "property", name="run_health", value=health)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for verdict in _verdicts(run):
            status = _testcase(suite, package or run.name, verdict)
            counts["tests"] += 1
            counts["failures"] += status == "fail"
            counts["errors"] += status in ("inconclusive", "missing")
            counts["skipped"] += status in ("not_tested", "not_applicable")
        incomplete = [str(r) for r in (run.findings or {}).get("incomplete") or []]
        if incomplete:  # a run that did not observe all it meant to is an error, whatever passed
            summary = cell("the run is incomplete: " + "; ".join(incomplete))
            case = ET.SubElement(suite, "testcase", classname=cell(package or run.name), name="run_complete")
            ET.SubElement(case, "error", message=summary, type="incomplete").text = summary
            counts["tests"] += 1
            counts["errors"] += 1
        problems = [row[3] for row in problem_rows([run])]
        if problems:
            ET.SubElement(suite, "system-err").text = "\n".join(f"run problem: {cell(p)}" for p in problems)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    _atomic_write(path, ET.tostring(root, encoding="utf-8", xml_declaration=True))
    return path


def write_run_exports(run_dir: Path, run: ExportRun) -> list[Path]:
    written = [
        write_csv(run_dir / CSV_NAME, [run]),
        write_xlsx(run_dir / XLSX_NAME, [run]),
        write_junit(run_dir / JUNIT_NAME, [run]),
    ]
    har = ensure_har(run_dir)
    return [*written, har] if har else written
