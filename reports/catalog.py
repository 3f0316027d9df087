"""The catalog over many runs: which run folders an output folder holds, and its view-model."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from harness import __version__
from harness.analysis.rules import rule_catalogue
from harness.errors import InputError
from harness.rundir import is_run_dir
from reports.batch_index import BatchApp, BatchCatalog, read_batch_index
from reports.build import BuiltRun, when
from reports.load import STATUSES
from reports.model import (
    CatalogReport,
    CatalogRow,
    Link,
    MatrixCell,
    Pair,
    Problem,
    RuleColumn,
    SdkRow,
    StatusCount,
    status_label,
)
from reports.text import SHORT, safe

REPORT = "report.html"
MISSING = "missing"
COUNTED = (*STATUSES, MISSING)
# `privacy-probe run` keeps an older run of the same app beside the new one under this name.
_SUPERSEDED = re.compile(r"^(?P<name>.+)\.\d{8}-\d{6}\.[0-9a-f]{4}$")


@dataclass(frozen=True)
class Found:
    """One app of the catalog: its run folder (None when it has none) and its batch entry."""

    name: str  # the run folder's name inside OUT, or the batch's app id
    run_dir: Path | None
    batch: BatchApp | None


@dataclass(frozen=True)
class CatalogEntry:
    found: Found
    built: BuiltRun | None
    error: str  # why the run could not be reported ("" when it could)

    @property
    def name(self) -> str:
        return self.found.name


def _run_folders(out_dir: Path) -> list[Path]:
    """The run folders directly under OUT (older runs that a newer one replaced are left out)."""
    candidates = sorted(p for p in out_dir.iterdir() if p.is_dir() and is_run_dir(p))
    names = {p.name for p in candidates}
    runs = []
    for path in candidates:
        superseded = _SUPERSEDED.match(path.name)
        if superseded is None or superseded["name"] not in names:
            runs.append(path)
    return runs


def discover(out_dir: Path) -> tuple[list[Found], BatchCatalog | None]:
    """The apps of OUT: a batch's, in catalog order, when OUT/batch.json exists; else its run folders."""
    if not out_dir.is_dir():
        raise InputError(f"{out_dir}: no such directory")
    index = read_batch_index(out_dir)
    if index is not None:
        found = [
            Found(app.app_id, app.run_dir if app.run_dir and is_run_dir(app.run_dir) else None, app)
            for app in index.apps
        ]
    else:
        found = [Found(path.name, path, None) for path in _run_folders(out_dir)]
    if not found:
        raise InputError(f"{out_dir}: no run folders in it (no subfolder holds a manifest.json)")
    return found, index


def unreported(found: Found) -> str:
    """Why an app without a run folder has no report."""
    batch = found.batch
    if batch is None:
        return "no run folder"
    if batch.status == "pending":
        return "pending: the batch has not run this app yet"
    why = f"{batch.status}" + (f" ({batch.triage})" if batch.triage else "")
    return f"{why}: {batch.detail or 'no run folder was recorded'}"


def _rule_ids(entries: Sequence[CatalogEntry]) -> list[str]:
    rules = [rule.id for rule in rule_catalogue()]
    for entry in entries:
        if entry.built is not None:
            rules += [v.rule for v in entry.built.report.verdicts if v.rule not in rules]
    return rules


def _row(entry: CatalogEntry, rules: Sequence[str]) -> CatalogRow:
    batch = entry.found.batch
    citations = batch.citations if batch else ()
    triage = f"{batch.triage}: {batch.detail}" if batch and batch.triage else ""
    if entry.built is None:
        cells = tuple(MatrixCell(MISSING, "no report") for _ in rules)
        label = batch.name if batch else safe(entry.name, SHORT)
        pending = batch is not None and batch.status == "pending"
        health = "pending" if pending else "failed"
        return CatalogRow(label, "", "", health, 1, 0, None, entry.error, triage, citations, cells)
    report = entry.built.report
    statuses = {v.rule: v.status for v in report.verdicts}
    run_dir = entry.found.run_dir
    href = quote(run_dir.name) if run_dir is not None else quote(entry.name)
    return CatalogRow(
        label=report.header.label,
        package=report.header.package,
        category=report.header.category,
        health=report.health,
        problems=sum(1 for p in report.problems if p.level == "error"),
        fails=sum(1 for v in report.verdicts if v.status == "fail"),
        report=Link(REPORT, f"./{href}/{REPORT}"),
        error="",
        triage=triage,
        citations=citations,
        cells=tuple(
            MatrixCell(statuses.get(rule, MISSING), f"{report.header.package}: {rule}") for rule in rules
        ),
    )


def _rule_columns(rows: Sequence[CatalogRow], rules: Sequence[str]) -> tuple[RuleColumn, ...]:
    titles = {rule.id: rule.title for rule in rule_catalogue()}
    columns = []
    for index, rule in enumerate(rules):
        statuses = [row.cells[index].status for row in rows]
        counts = tuple(StatusCount(s, statuses.count(s)) for s in COUNTED)
        columns.append(RuleColumn(rule, titles.get(rule, rule), counts))
    return tuple(columns)


def _sdk_rows(entries: Sequence[CatalogEntry]) -> tuple[SdkRow, ...]:
    apps: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    types: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    before: dict[str, set[str]] = defaultdict(set)
    domains: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.built is None:
            continue
        package = entry.built.report.header.package
        for row in entry.built.report.dataflow:
            if not row.sdk:
                continue
            apps[row.sdk].add(package)
            names[row.sdk] = row.sdk_name
            types[row.sdk][row.data_type].add(package)
            if row.reads_before_consent:
                before[row.sdk].add(package)
            domains[row.sdk] |= {d.domain for d in row.destinations if d.party == "third"}
    rows = [
        SdkRow(
            sdk=sdk,
            name=names[sdk],
            apps=len(apps[sdk]),
            app_names=", ".join(sorted(apps[sdk])),
            data_types=tuple(
                Pair(data_type, str(len(packages)))
                for data_type, packages in sorted(
                    types[sdk].items(), key=lambda item: (-len(item[1]), item[0])
                )
            ),
            before_consent_apps=len(before[sdk]),
            third_party_domains=tuple(sorted(domains[sdk])),
        )
        for sdk in apps
    ]
    return tuple(sorted(rows, key=lambda r: (-r.apps, -len(r.data_types), r.sdk)))


def _problems(rows: Sequence[CatalogRow]) -> tuple[Problem, ...]:
    problems = [Problem("error", f"{row.label}: no report ({row.error})") for row in rows if row.error]
    problems += [
        Problem("error", f"{row.label}: {row.triage}") for row in rows if row.triage and not row.error
    ]
    for health in ("failed", "incomplete"):
        affected = [row.label for row in rows if row.health == health and not row.error]
        if affected:
            problems.append(
                Problem("error", f"{len(affected)} of {len(rows)} runs are {health}: {', '.join(affected)}.")
            )
    return tuple(problems)


def build_catalog(
    out_dir: Path, entries: Sequence[CatalogEntry], exports: Sequence[Link], index: BatchCatalog | None
) -> CatalogReport:
    rules = _rule_ids(entries)
    rows = tuple(_row(entry, rules) for entry in entries)
    return CatalogReport(
        page_title=f"privacy-probe catalog: {len(rows)} apps",
        out_name=safe(out_dir.resolve().name, SHORT),
        generated=f"{when(datetime.now(UTC).timestamp())} by privacy-probe {__version__}",
        runs=rows,
        count_columns=tuple(status_label(s) for s in COUNTED),
        rules=_rule_columns(rows, rules),
        sdks=_sdk_rows(entries),
        problems=_problems(rows),
        exports=tuple(exports),
        batch=index.summary if index else (),
    )
