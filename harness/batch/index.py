"""`OUT/batch.json`: the batch index the catalog report reads (schema 1).

    schema, catalog (absolute path), updated (epoch s), complete (every app has a result)
    settings   {devices, scheduler, timeout_s, retries, duration_s, scenarios}
    totals     {apps, done, failed, pending, with_findings}
    triage     {label: number of apps}          (labels: harness.batch.triage)
    citations  {reproduced, not_reproduced, not_testable, reproduction_rate (null: none tested)}
    apps       one entry per catalog row, in catalog order:
        app_id, line, name, app, category, status ("done" | "failed" | "pending"), triage,
        detail, run_dir (relative to OUT; null when it never ran), exit_code, verdicts
        {fail, pass, inconclusive, not_tested, not_applicable}, failed_rules, rules {rule: status},
        attempts (see harness.batch.store), citations [{label, result ("reproduced" |
        "not_reproduced" | "not_testable"), rules, failed_rules, reason}]

Citations are evaluated here, from each result's verdicts and the catalog's current `cited`
column, so correcting a citation in the catalog needs no re-run.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping
from typing import Any

from harness.batch.catalog import Catalog, CatalogRow
from harness.batch.citations import CitationResult, evaluate_citation, summarise
from harness.documents.batch import AppResult

INDEX_SCHEMA = 1
_COPIED = ("triage", "detail", "run_dir", "exit_code", "verdicts", "failed_rules", "rules", "attempts")


def app_citations(row: CatalogRow, result: AppResult | None) -> list[CitationResult]:
    if result is None:
        return []
    why = f"the run did not complete ({result.triage}: {result.detail})"
    return [evaluate_citation(label, result.rules, result.completed, why) for label in row.cited]


def build_index(
    catalog: Catalog, results: Mapping[str, AppResult], settings: dict[str, Any]
) -> dict[str, Any]:
    apps: list[dict[str, Any]] = []
    every_citation: list[CitationResult] = []
    for row in catalog.rows:
        typed = results.get(row.app_id)
        result = typed.to_json() if typed is not None else None
        citations = app_citations(row, typed)
        every_citation.extend(citations)
        entry: dict[str, Any] = {
            "app_id": row.app_id,
            "line": row.line,
            "name": row.name,
            "app": row.app,
            "category": row.category,
            "status": typed.status if typed is not None else "pending",
        }
        entry.update({key: (result or {}).get(key) for key in _COPIED})
        entry["citations"] = [c.to_json() for c in citations]
        apps.append(entry)
    statuses = Counter(str(app["status"]) for app in apps)
    return {
        "schema": INDEX_SCHEMA,
        "catalog": str(catalog.path.resolve()),
        "updated": time.time(),
        "complete": statuses["pending"] == 0,
        "settings": settings,
        "totals": {
            "apps": len(apps),
            "done": statuses["done"],
            "failed": statuses["failed"],
            "pending": statuses["pending"],
            "with_findings": sum(1 for app in apps if app["failed_rules"]),
        },
        "triage": dict(Counter(str(app["triage"]) for app in apps if app["triage"])),
        "citations": summarise(every_citation).to_json(),
        "apps": apps,
    }
