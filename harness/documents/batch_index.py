"""`OUT/batch.json`, typed: the batch index the catalog report and `batch`'s summary read.

The JSON is the one harness.batch.index documents (schema 1); `to_json` writes its keys in that
order, so reports/batch_index.py reads the file as before. `from_json` loads an index written
by earlier versions (missing keys take their defaults, unknown keys are kept).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from harness.documents.batch import AttemptRecord
from harness.documents.fields import Fields, JsonObject
from harness.errors import ExitCode

INDEX_SCHEMA = 1
EntryStatus = Literal["done", "failed", "pending"]
ENTRY_STATUSES: tuple[EntryStatus, ...] = ("done", "failed", "pending")


@dataclass(frozen=True)
class IndexEntry:
    """One catalog row and what its result says; the result's fields are None while pending."""

    app_id: str
    status: EntryStatus
    line: int | None = None
    name: str | None = None
    app: str | None = None
    category: str | None = None
    triage: str | None = None
    detail: str | None = None
    run_dir: str | None = None  # relative to OUT
    exit_code: int | None = None
    verdicts: Mapping[str, int] | None = None
    failed_rules: tuple[str, ...] | None = None
    rules: Mapping[str, str] | None = None
    attempts: tuple[AttemptRecord, ...] | None = None
    citations: tuple[JsonObject, ...] = ()  # harness.batch.citations.CitationResult.to_json
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def incomplete(self) -> bool:
        """Tested, but part of the run was not observed (its analysis exited 2)."""
        return self.status == "done" and self.exit_code == ExitCode.ERROR

    def to_json(self) -> JsonObject:
        return {
            "app_id": self.app_id,
            "line": self.line,
            "name": self.name,
            "app": self.app,
            "category": self.category,
            "status": self.status,
            "triage": self.triage,
            "detail": self.detail,
            "run_dir": self.run_dir,
            "exit_code": self.exit_code,
            "verdicts": dict(self.verdicts) if self.verdicts is not None else None,
            "failed_rules": list(self.failed_rules) if self.failed_rules is not None else None,
            "rules": dict(self.rules) if self.rules is not None else None,
            "attempts": [a.to_json() for a in self.attempts] if self.attempts is not None else None,
            "citations": [dict(c) for c in self.citations],
            **self.extra,
        }

    @classmethod
    def read(cls, f: Fields) -> IndexEntry:
        app_id = f.opt_text("app_id")
        if not app_id:
            raise f.invalid("app_id", "an entry without an app id")
        status = f.text("status")
        if status not in ENTRY_STATUSES:
            raise f.invalid("status", f"{status[:40]!r} is not one of {', '.join(ENTRY_STATUSES)}")
        verdicts = f.opt_object("verdicts")
        if verdicts is not None and not all(type(n) is int for n in verdicts.values()):
            raise f.invalid("verdicts", "expected a count (a whole number) for each status")
        failed = f.opt_texts("failed_rules")
        attempts = f.records("attempts", AttemptRecord.read) if f.has("attempts") else f.raw("attempts")
        return cls(
            app_id=app_id,
            status=status,
            line=f.opt_integer("line"),
            name=f.opt_text("name"),
            app=f.opt_text("app"),
            category=f.opt_text("category"),
            triage=f.opt_text("triage"),
            detail=f.opt_text("detail"),
            run_dir=f.opt_text("run_dir"),
            exit_code=f.opt_integer("exit_code"),
            verdicts=verdicts,
            failed_rules=tuple(failed) if failed is not None else None,
            rules=f.text_map("rules") if f.has("rules") else f.raw("rules"),
            attempts=tuple(attempts) if attempts is not None else None,
            citations=tuple(f.objects("citations")),
            extra=f.rest(),
        )


@dataclass(frozen=True)
class BatchTotals:
    apps: int
    done: int
    failed: int
    pending: int
    with_findings: int  # apps with at least one failed rule

    def to_json(self) -> JsonObject:
        return {
            "apps": self.apps,
            "done": self.done,
            "failed": self.failed,
            "pending": self.pending,
            "with_findings": self.with_findings,
        }

    @classmethod
    def read(cls, f: Fields) -> BatchTotals:
        return cls(
            apps=f.integer("apps"),
            done=f.integer("done"),
            failed=f.integer("failed"),
            pending=f.integer("pending"),
            with_findings=f.integer("with_findings"),
        )


@dataclass(frozen=True)
class BatchIndex:
    catalog: str  # the catalog CSV, absolute
    updated: float  # epoch seconds
    complete: bool  # every app has a result
    settings: Mapping[str, Any]  # {devices, scheduler, timeout_s, retries, duration_s, scenarios}
    totals: BatchTotals
    triage: Mapping[str, int]  # triage label → number of apps
    citations: Mapping[str, Any]  # harness.batch.citations.ReproductionSummary.to_json
    apps: tuple[IndexEntry, ...]  # in catalog order
    schema: int = INDEX_SCHEMA
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> JsonObject:
        return {
            "schema": self.schema,
            "catalog": self.catalog,
            "updated": self.updated,
            "complete": self.complete,
            "settings": dict(self.settings),
            "totals": self.totals.to_json(),
            "triage": dict(self.triage),
            "citations": dict(self.citations),
            "apps": [app.to_json() for app in self.apps],
            **self.extra,
        }

    @classmethod
    def from_json(cls, data: object, document: str = "batch.json") -> BatchIndex:
        """InputError (one line) when `data` is not a batch index of this schema."""
        f = Fields(data, document)
        schema = f.integer("schema")
        if schema != INDEX_SCHEMA:
            raise f.invalid("schema", f"version {schema} is not {INDEX_SCHEMA}")
        triage = f.object("triage")
        if not all(type(n) is int for n in triage.values()):
            raise f.invalid("triage", "expected a number of apps for each label")
        complete = f.raw("complete")
        return cls(
            schema=schema,
            catalog=f.text("catalog"),
            updated=f.number("updated"),
            complete=complete is True,
            settings=f.object("settings"),
            totals=f.record("totals", BatchTotals.read),
            triage=triage,
            citations=f.object("citations"),
            apps=tuple(f.records("apps", IndexEntry.read)),
            extra=f.rest(),
        )
