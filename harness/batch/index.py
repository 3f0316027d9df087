"""`OUT/batch.json`: the batch index the catalog report reads (schema 1; its typed form is
harness.documents.batch_index.BatchIndex).

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
from dataclasses import replace
from typing import Any

from harness.batch.catalog import Catalog, CatalogRow
from harness.batch.citations import CitationResult, evaluate_citation, summarise
from harness.documents.batch import AppResult
from harness.documents.batch_index import BatchIndex, BatchTotals, IndexEntry


def app_citations(row: CatalogRow, result: AppResult | None) -> list[CitationResult]:
    if result is None:
        return []
    why = f"the run did not complete ({result.triage}: {result.detail})"
    return [evaluate_citation(label, result.rules, result.completed, why) for label in row.cited]


def build_index(catalog: Catalog, results: Mapping[str, AppResult], settings: dict[str, Any]) -> BatchIndex:
    apps: list[IndexEntry] = []
    every_citation: list[CitationResult] = []
    for row in catalog.rows:
        result = results.get(row.app_id)
        citations = app_citations(row, result)
        every_citation.extend(citations)
        entry = IndexEntry(
            app_id=row.app_id,
            line=row.line,
            name=row.name,
            app=row.app,
            category=row.category,
            status=result.status if result is not None else "pending",
            citations=tuple(c.to_json() for c in citations),
        )
        if result is not None:
            entry = replace(
                entry,
                triage=result.triage,
                detail=result.detail,
                run_dir=result.run_dir,
                exit_code=result.exit_code,
                verdicts=result.verdicts,
                failed_rules=result.failed_rules,
                rules=result.rules,
                attempts=result.attempts,
            )
        apps.append(entry)
    statuses = Counter(app.status for app in apps)
    return BatchIndex(
        catalog=str(catalog.path.resolve()),
        updated=time.time(),
        complete=statuses["pending"] == 0,
        settings=settings,
        totals=BatchTotals(
            apps=len(apps),
            done=statuses["done"],
            failed=statuses["failed"],
            pending=statuses["pending"],
            with_findings=sum(1 for app in apps if app.failed_rules),
        ),
        triage=dict(Counter(app.triage for app in apps if app.triage)),
        citations=summarise(every_citation).to_json(),
        apps=tuple(apps),
    )
