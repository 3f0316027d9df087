"""A batch's result of one app (`OUT/_batch/results/<app-id>.json`) and its attempts, typed.

The JSON is the one harness.batch.store documents (schema 1); `to_json` writes its keys in that
order, so batch.json (harness.batch.index copies them) and the catalog report read the same
files as before the results were typed. `from_json` loads result files written by earlier
versions: missing keys take their defaults, unknown keys are kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from harness.documents.fields import Fields, JsonObject

RESULT_SCHEMA = 1
AppStatus = Literal["done", "failed"]
APP_STATUSES: tuple[AppStatus, ...] = ("done", "failed")


@dataclass(frozen=True)
class AttemptRecord:
    """One attempt of an app on one device (triage "interrupted": its batch or worker died)."""

    attempt: int | None  # 1, 2, …; None for an interrupted attempt found afterwards
    device: str | None
    worker: str | None
    started: float | None  # epoch seconds
    seconds: float | None
    triage: str | None  # a label of harness.batch.triage, None when the attempt went well
    infrastructure: bool  # the device or the harness failed, not the app
    detail: str
    run_id: str | None
    run_dir: str | None  # relative to OUT
    extra: Mapping[str, Any] = field(default_factory=dict)  # keys of newer versions, kept

    def to_json(self) -> JsonObject:
        return {
            "attempt": self.attempt,
            "device": self.device,
            "worker": self.worker,
            "started": self.started,
            "seconds": self.seconds,
            "triage": self.triage,
            "infrastructure": self.infrastructure,
            "detail": self.detail,
            "run_id": self.run_id,
            "run_dir": self.run_dir,
            **self.extra,
        }

    @classmethod
    def read(cls, f: Fields) -> AttemptRecord:
        infrastructure = f.raw("infrastructure")
        return cls(
            attempt=f.opt_integer("attempt"),
            device=f.opt_text("device"),
            worker=f.opt_text("worker"),
            started=f.opt_number("started"),
            seconds=f.opt_number("seconds"),
            triage=f.opt_text("triage"),
            infrastructure=infrastructure is True,
            detail=f.text("detail"),
            run_id=f.opt_text("run_id"),
            run_dir=f.opt_text("run_dir"),
            extra=f.rest(),
        )

    @classmethod
    def from_json(cls, data: object, document: str = "attempt") -> AttemptRecord:
        return cls.read(Fields(data, document))


@dataclass(frozen=True)
class AppResult:
    """The final result of one app, written once when its last attempt ends."""

    app_id: str
    fingerprint: Mapping[str, Any]  # the catalog row fields that, when changed, make it stale
    status: AppStatus  # "done": the run completed; "failed": it could not (see triage)
    line: int | None = None
    name: str | None = None
    app: str | None = None
    category: str | None = None
    first_party: tuple[str, ...] = ()
    batch_id: str | None = None
    triage: str | None = None
    detail: str | None = None
    run_dir: str | None = None  # relative to OUT
    run_id: str | None = None
    run_status: str | None = None
    exit_code: int | None = None  # 0, 1 or 2 as `analyze` gives it; None when not analysed
    verdicts: Mapping[str, int] | None = None  # verdict status → count
    rules: Mapping[str, str] | None = None  # rule id → verdict status
    failed_rules: tuple[str, ...] = ()
    analysis_error: str | None = None
    attempts: tuple[AttemptRecord, ...] = ()
    finished: float | None = None  # epoch seconds
    schema: int = RESULT_SCHEMA
    extra: Mapping[str, Any] = field(default_factory=dict)  # keys of newer versions, kept

    @property
    def completed(self) -> bool:
        return self.status == "done"

    def to_json(self) -> JsonObject:
        return {
            "schema": self.schema,
            "app_id": self.app_id,
            "line": self.line,
            "name": self.name,
            "app": self.app,
            "category": self.category,
            "first_party": list(self.first_party),
            "fingerprint": dict(self.fingerprint),
            "batch_id": self.batch_id,
            "status": self.status,
            "triage": self.triage,
            "detail": self.detail,
            "run_dir": self.run_dir,
            "run_id": self.run_id,
            "run_status": self.run_status,
            "exit_code": self.exit_code,
            "verdicts": dict(self.verdicts) if self.verdicts is not None else None,
            "rules": dict(self.rules) if self.rules is not None else None,
            "failed_rules": list(self.failed_rules),
            "analysis_error": self.analysis_error,
            "attempts": [a.to_json() for a in self.attempts],
            "finished": self.finished,
            **self.extra,
        }

    @classmethod
    def from_json(cls, data: object, document: str = "result") -> AppResult:
        """InputError (one line) when `data` is not a result of this schema."""
        f = Fields(data, document)
        schema = f.integer("schema")
        if schema != RESULT_SCHEMA:
            raise f.invalid("schema", f"version {schema} is not {RESULT_SCHEMA}")
        app_id = f.opt_text("app_id")
        if not app_id:
            raise f.invalid("app_id", "a result without an app id")
        status = f.text("status")
        if status not in APP_STATUSES:
            raise f.invalid("status", f"{status[:40]!r} is not one of {', '.join(APP_STATUSES)}")
        verdicts = f.opt_object("verdicts")
        if verdicts is not None and not all(type(n) is int for n in verdicts.values()):
            raise f.invalid("verdicts", "expected a count (a whole number) for each status")
        rules = f.text_map("rules") if f.has("rules") else f.raw("rules")
        return cls(
            schema=schema,
            app_id=app_id,
            line=f.opt_integer("line"),
            name=f.opt_text("name"),
            app=f.opt_text("app"),
            category=f.opt_text("category"),
            first_party=tuple(f.texts("first_party")),
            fingerprint=f.object("fingerprint"),
            batch_id=f.opt_text("batch_id"),
            status=status,
            triage=f.opt_text("triage"),
            detail=f.opt_text("detail"),
            run_dir=f.opt_text("run_dir"),
            run_id=f.opt_text("run_id"),
            run_status=f.opt_text("run_status"),
            exit_code=f.opt_integer("exit_code"),
            verdicts=verdicts,
            rules=rules,
            failed_rules=tuple(f.texts("failed_rules")),
            analysis_error=f.opt_text("analysis_error"),
            attempts=tuple(f.records("attempts", AttemptRecord.read)),
            finished=f.opt_number("finished"),
            extra=f.rest(),
        )
