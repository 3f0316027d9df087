"""One app's work order as it travels to a runner process or a Dask worker (plain JSON)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from harness.batch.catalog import CatalogRow
from harness.documents.batch import AttemptRecord


@dataclass(frozen=True)
class BatchSettings:
    scenarios: tuple[str, ...] | None = None  # None: the session's default plan
    duration_s: float | None = None  # None: the session's default dwell
    timeout_s: float = 600.0
    retries: int = 2  # extra attempts after an infrastructure failure


@dataclass(frozen=True)
class AppJob:
    batch_id: str
    out: str  # the batch output folder (absolute; on a farm, the same path on every host)
    app_id: str
    line: int
    app: str
    source: str | None
    package: str | None
    name: str | None
    category: str | None
    first_party: tuple[str, ...]
    fingerprint: dict[str, Any]
    settings: BatchSettings
    attempt: int = 1
    attempts: tuple[AttemptRecord, ...] = ()  # records of the earlier attempts
    avoid: tuple[str, ...] = ()  # device serials an earlier attempt failed on

    @classmethod
    def from_row(cls, row: CatalogRow, settings: BatchSettings, batch_id: str, out: str) -> AppJob:
        return cls(
            batch_id=batch_id,
            out=out,
            app_id=row.app_id,
            line=row.line,
            app=row.app,
            source=str(row.source) if row.source is not None else None,
            package=row.package,
            name=row.name,
            category=row.category,
            first_party=row.first_party,
            fingerprint=row.fingerprint(),
            settings=settings,
        )

    @property
    def max_attempts(self) -> int:
        return 1 + max(0, self.settings.retries)

    def retry(self, attempts: tuple[AttemptRecord, ...], failed_on: str) -> AppJob:
        return replace(self, attempt=self.attempt + 1, attempts=attempts, avoid=(*self.avoid, failed_on))

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "attempts": [a.to_json() for a in self.attempts]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AppJob:
        settings = dict(data["settings"])
        if settings.get("scenarios") is not None:
            settings["scenarios"] = tuple(settings["scenarios"])
        return cls(
            **{
                **data,
                "first_party": tuple(data["first_party"]),
                "settings": BatchSettings(**settings),
                "attempts": tuple(AttemptRecord.from_json(a, "job attempts") for a in data["attempts"]),
                "avoid": tuple(data["avoid"]),
            }
        )
