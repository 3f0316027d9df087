"""What a batch backend (local pool or Dask) tells the driver while apps run."""

from __future__ import annotations

from dataclasses import dataclass

from harness.documents.batch import AppResult


@dataclass(frozen=True)
class Started:
    app_id: str
    device: str
    attempt: int


@dataclass(frozen=True)
class Retrying:
    app_id: str
    device: str
    triage: str | None
    detail: str


@dataclass(frozen=True)
class Finished:
    result: AppResult


@dataclass(frozen=True)
class DeviceGone:
    device: str


BatchEvent = Started | Retrying | Finished | DeviceGone
