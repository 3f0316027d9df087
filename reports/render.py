"""Rendering the view-models into self-contained HTML pages, and writing every output file.

Each page inlines its CSS and JS and carries a Content-Security-Policy that allows exactly
those two blocks (by hash) and data: images, nothing else: no network, no other script, no
inline handlers, no forms. Even if captured text escaped its escaping, the browser would not
run it.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from harness.errors import InputError
from reports.build import BuiltRun, build_run, raw_files
from reports.catalog import CatalogEntry, build_catalog, discover, unreported
from reports.exports import (
    CSV_NAME,
    JUNIT_NAME,
    XLSX_NAME,
    ExportRun,
    write_csv,
    write_junit,
    write_run_exports,
    write_xlsx,
)
from reports.model import CatalogReport, Link, RunReport

REPORT_NAME = "report.html"
INDEX_NAME = "index.html"


@dataclass(frozen=True)
class Rendered:
    path: Path  # report.html or index.html
    reports: tuple[RunReport, ...]
    errors: tuple[str, ...]  # one line per run that could not be reported
    built: tuple[BuiltRun, ...] = ()  # the report and findings of each run reported


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _static(name: str) -> str:
    return resources.files("reports").joinpath("static", name).read_text(encoding="utf-8")


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(css: str, js: str) -> str:
    return (
        f"default-src 'none'; img-src data:; style-src {_digest(css)}; script-src {_digest(js)}; "
        "base-uri 'none'; form-action 'none'"
    )


def render_page(template: str, page: RunReport | CatalogReport) -> str:
    css, js = _static("report.css"), _static("report.js")
    return (
        _environment()
        .get_template(template)
        .render(
            page=page,
            css=Markup(css),  # our own static files, inlined verbatim so their hashes match
            js=Markup(js),
            csp=content_security_policy(css, js),
        )
    )


def _write_text(path: Path, text: str) -> Path:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _export_run(name: str, built: BuiltRun) -> ExportRun:
    return ExportRun(name, built.report, built.findings)


def _render_built(run_dir: Path, built: BuiltRun) -> Path:
    write_run_exports(run_dir, _export_run(run_dir.name, built))
    report = replace(built.report, raw_files=raw_files(run_dir))
    return _write_text(run_dir / REPORT_NAME, render_page("run.j2", report))


def render_run(run_dir: Path) -> Path:
    """Write RUN_DIR/report.html and the run's exports; returns the report's path."""
    return render_run_outcome(run_dir).path


def render_catalog(out_dir: Path) -> Path:
    """Render every run under OUT, then OUT/index.html and the catalog exports; returns its path."""
    return render_catalog_outcome(out_dir).path


def render_run_outcome(run_dir: Path) -> Rendered:
    built = build_run(run_dir)
    return Rendered(_render_built(run_dir, built), (built.report,), (), (built,))


def render_catalog_outcome(out_dir: Path) -> Rendered:
    found, index = discover(out_dir)
    entries = []
    for app in found:
        if app.run_dir is None:
            entries.append(CatalogEntry(app, None, unreported(app)))
            continue
        try:
            built = build_run(app.run_dir)
            _render_built(app.run_dir, built)
            entries.append(CatalogEntry(app, built, ""))
        except InputError as exc:
            entries.append(CatalogEntry(app, None, str(exc)))
    exports = [Link(name, name) for name in (CSV_NAME, XLSX_NAME, JUNIT_NAME)]
    catalog = build_catalog(out_dir, entries, exports, index)
    runs = [
        _export_run(e.name, e.built) if e.built else ExportRun(e.name, None, None, e.error) for e in entries
    ]
    write_csv(out_dir / CSV_NAME, runs)
    write_xlsx(out_dir / XLSX_NAME, runs, _catalog_sheets(catalog))
    write_junit(out_dir / JUNIT_NAME, runs)
    page = _write_text(out_dir / INDEX_NAME, render_page("catalog.j2", catalog))
    return Rendered(
        page,
        tuple(e.built.report for e in entries if e.built),
        tuple(f"{e.name}: {e.error}" for e in entries if e.built is None),
        tuple(e.built for e in entries if e.built),
    )


def _catalog_sheets(catalog: CatalogReport) -> dict[str, tuple[list[str], list[list[str | int]]]]:
    matrix_columns = ["app", "package", "run_health", *(r.rule for r in catalog.rules)]
    matrix_rows: list[list[str | int]] = [
        [row.label, row.package, row.health, *(c.status for c in row.cells)] for row in catalog.runs
    ]
    sdk_columns = [
        "sdk",
        "name",
        "apps",
        "before_consent_apps",
        "data_types",
        "third_party_domains",
        "app_list",
    ]
    sdk_rows: list[list[str | int]] = [
        [
            s.sdk, s.name, s.apps, s.before_consent_apps,
            "; ".join(f"{p.name} ({p.value} apps)" for p in s.data_types),
            "; ".join(s.third_party_domains), s.app_names,
        ]
        for s in catalog.sdks
    ]  # fmt: skip
    return {"Matrix": (matrix_columns, matrix_rows), "SDKs": (sdk_columns, sdk_rows)}
