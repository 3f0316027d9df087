"""A whole batch: read the catalog, work out what is left to do, run it, keep the index current."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from harness.batch.catalog import Catalog, load_catalog
from harness.batch.devices import DeviceSet, parse_devices
from harness.batch.events import BatchEvent, Finished
from harness.batch.index import build_index
from harness.batch.job import AppJob, BatchSettings
from harness.batch.progress import BatchProgress
from harness.batch.store import BatchStore, Rerun, plan_resume
from harness.documents.batch_index import BatchIndex
from harness.errors import InputError


@dataclass(frozen=True)
class BatchRequest:
    catalog: Path
    out: Path
    devices: str = "sim:1"
    scheduler: str | None = None  # a Dask scheduler address; None runs on this host's devices
    connect_timeout_s: float = 10.0  # how long to wait for the scheduler to answer
    settings: BatchSettings = field(default_factory=BatchSettings)
    rerun: Rerun = "none"


def _check_backend(catalog: Catalog, request: BatchRequest) -> None:
    if request.scheduler is not None:
        return
    if all(kind == "sim" for kind, _ in parse_devices(request.devices)):
        for row in catalog.rows:
            if row.package is not None:
                raise InputError(
                    f"{catalog.path}:{row.line}: {row.app} is an installed package, but sim devices "
                    "run sim app directories or .jar files (no such file next to the catalog)"
                )


def run_batch(request: BatchRequest, progress: BatchProgress) -> BatchIndex:
    """Runs what the output folder does not have yet; returns the batch index."""
    catalog = load_catalog(request.catalog)
    _check_backend(catalog, request)
    store = BatchStore(request.out)
    store.ensure()
    settings = {"devices": request.devices, "scheduler": request.scheduler, **asdict(request.settings)}
    with store.batch_lock():
        plan = plan_resume(catalog.rows, store, request.rerun)
        results = dict(plan.finished)
        if plan.stale:
            names = ", ".join(row.app_id for row in plan.stale)
            print(
                f"batch: re-running {len(plan.stale)} apps whose catalog row changed: {names}",
                file=sys.stderr,
            )
        if not plan.to_run:
            print(
                f"batch: nothing to run: all {len(catalog.rows)} apps have results in {store.out} "
                "(--rerun-failed or --rerun-all to run them again)",
                file=sys.stderr,
            )
            index = build_index(catalog, results, settings)
            store.write_index(index)
            return index
        batch_id = uuid.uuid4().hex
        jobs = [AppJob.from_row(row, request.settings, batch_id, str(store.out)) for row in plan.to_run]
        index = build_index(catalog, results, settings)
        store.write_index(index)
        progress.begin(len(jobs), len(plan.finished))
        try:
            for event in _events(request, store, jobs):
                progress.handle(event)
                if isinstance(event, Finished):
                    results[event.result.app_id] = event.result
                    index = build_index(catalog, results, settings)
                    store.write_index(index)
        finally:
            progress.close()
        return index


def _events(request: BatchRequest, store: BatchStore, jobs: list[AppJob]) -> Iterator[BatchEvent]:
    if request.scheduler is not None:
        from harness.batch.dask_runner import DaskBatch

        yield from DaskBatch(request.scheduler, store, request.connect_timeout_s).run(jobs)
        return
    from harness.batch.pool import LocalPool

    with DeviceSet(request.devices) as devices:
        yield from LocalPool(devices.slots, store).run(jobs)
