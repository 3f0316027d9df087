"""Scale-out on Dask distributed: one task per app, run by workers that own a host's devices.

Farm layout:

    scheduler host   dask scheduler --port 8786
    each farm host   privacy-probe worker --scheduler tcp://SCHED:8786 --devices sim:4
                     (or --devices emulator-5554,emulator-5556)
    any host         privacy-probe batch CATALOG.csv --out /shared/out --scheduler tcp://SCHED:8786

The output folder (`--out`) and the app files named in the catalog must be reachable under the
same absolute paths on every worker host (an NFS/SMB mount, e.g. /shared): workers write run
folders and result files straight into that store, exactly as the local pool does, and the
batch client reads them back. The store's `flock` locks keep two hosts from running one app
at once when the shared filesystem supports them (NFSv4 does).

A worker advertises the resource `device` = the number of devices it owns, and each task asks
for one, so the scheduler never gives a worker more apps than it has devices; the task takes
a free device from the worker's `DeviceOwner` plugin. A worker that dies takes its tasks with
it and the scheduler reschedules them on other workers (the task is idempotent: it returns
the stored result when its first execution finished). Infrastructure failures are retried
by the client on another worker when there is one. While no worker has a free device, apps
wait in the scheduler until one joins or frees up.
"""

# distributed's Client, LocalCluster and as_completed have no annotations; calling them is the point
# mypy: disallow-untyped-calls=False
from __future__ import annotations

import asyncio
import queue
import signal
import threading
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from distributed import Client, Future, LocalCluster, Worker, WorkerPlugin, as_completed, get_worker
from distributed.scheduler import KilledWorker

from harness.batch.devices import DeviceSet, DeviceSlot, parse_devices
from harness.batch.events import BatchEvent, DeviceGone, Finished, Retrying, Started
from harness.batch.job import AppJob
from harness.batch.runner import attempt_app, give_up
from harness.batch.store import BatchStore
from harness.batch.triage import DEVICE_LOST, HARNESS_ERROR, Triage
from harness.documents.batch import AppResult, AttemptRecord
from harness.errors import DeviceError, InputError

PLUGIN_NAME = "privacy-probe-devices"
TOPIC = "privacy-probe-started"
RESOURCE = "device"
# How long a worker waits for the scheduler (at start, or after losing it) before giving up.
WORKER_CONNECT_TIMEOUT_S = 30.0
SCHEDULER_SCHEMES = ("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")


def check_scheduler_address(address: str) -> str:
    """A scheduler address Dask can dial: scheme://HOST:PORT with a port number."""
    host_port = address.split("://", 1)[1] if address.startswith(SCHEDULER_SCHEMES) else ""
    host, _, port = host_port.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise InputError(f"--scheduler {address}: expected an address like tcp://HOST:8786")
    return address


class DeviceOwner(WorkerPlugin):
    """The devices of one worker; tasks borrow one for the duration of an app."""

    name = PLUGIN_NAME
    idempotent = True

    def __init__(self, spec: str, home_root: str | None = None) -> None:
        # only these two travel to the workers; the rest is made in setup() on each worker
        self.spec = spec
        self.home_root = home_root

    def setup(self, worker: Worker) -> None:
        root = Path(self.home_root) if self.home_root else None
        self._devices = DeviceSet(self.spec, root).__enter__()
        self._free = list(self._devices.slots)
        self._alive = len(self._free)
        self._lock = threading.Lock()
        self._worker = worker

    def teardown(self, worker: Worker) -> None:
        self._devices.__exit__(None, None, None)

    def acquire(self) -> DeviceSlot | None:
        with self._lock:
            return self._free.pop() if self._free else None

    def release(self, slot: DeviceSlot, lost: bool) -> None:
        with self._lock:
            if not lost:
                self._free.append(slot)
                return
            self._alive -= 1
            alive = self._alive
        # the scheduler must stop sending this worker more apps than it has devices
        self._worker.loop.add_callback(self._worker.set_resources, **{RESOURCE: alive})


def run_job_on_worker(payload: dict[str, Any]) -> dict[str, Any]:
    """The Dask task: one attempt of one app on a device of the worker running it."""
    worker = get_worker()
    owner = worker.plugins.get(PLUGIN_NAME)
    job = AppJob.from_json(payload)
    store = BatchStore(Path(job.out))
    if not isinstance(owner, DeviceOwner):
        return _no_attempt(job, worker, HARNESS_ERROR, f"worker {worker.address} owns no devices")
    slot = owner.acquire()
    if slot is None:
        detail = f"worker {worker.address} has no free device"
        return _no_attempt(job, worker, DEVICE_LOST, detail)
    if not store.meta.is_dir():
        owner.release(slot, lost=False)
        detail = f"the batch output {job.out} is not mounted on worker {worker.address}"
        return _no_attempt(job, worker, HARNESS_ERROR, detail)
    device = f"{worker.name}/{slot.serial}"
    worker.log_event(TOPIC, {"app_id": job.app_id, "device": device, "attempt": job.attempt})
    lost = True
    try:
        reply = attempt_app(job, slot, store, worker=worker.address)
        lost = reply.device_lost
    finally:
        owner.release(slot, lost=lost)
    return {
        "attempts": [a.to_json() for a in reply.attempts],
        "triage": reply.triage.label,
        "detail": reply.triage.detail,
        "result": reply.result.to_json() if reply.result is not None else None,
        "worker": worker.address,
        "lost_device": device if lost else None,
    }


def _no_attempt(job: AppJob, worker: Worker, triage: str, detail: str) -> dict[str, Any]:
    return {
        "attempts": [a.to_json() for a in job.attempts],
        "triage": triage,
        "detail": detail,
        "result": None,
        "worker": worker.address,
    }


class DaskBatch:
    """The client side: submits one task per app and turns their ends into batch events."""

    def __init__(self, address: str, store: BatchStore, connect_timeout_s: float = 10.0) -> None:
        self._address = address
        self._store = store
        self._connect_timeout_s = connect_timeout_s
        self._events: queue.Queue[BatchEvent | BaseException] = queue.Queue()

    def run(self, jobs: Sequence[AppJob]) -> Iterator[BatchEvent]:
        check_scheduler_address(self._address)
        try:
            client = Client(self._address, timeout=self._connect_timeout_s)
        except (OSError, TimeoutError) as exc:
            raise DeviceError(
                f"--scheduler {self._address}: no Dask scheduler answered within "
                f"{self._connect_timeout_s:g} s "
                f"({type(exc).__name__}: {exc})"
            ) from None
        except ValueError as exc:  # Dask's own refusal of the address
            raise InputError(f"--scheduler {self._address}: {exc}") from None
        with client:
            client.subscribe_topic(TOPIC, self._on_started)
            collector = threading.Thread(target=self._collect, args=(client, jobs), daemon=True)
            collector.start()
            remaining = len(jobs)
            while remaining:
                event = self._events.get()
                if isinstance(event, BaseException):
                    raise event
                if isinstance(event, Finished):
                    remaining -= 1
                yield event
            collector.join()
            client.unsubscribe_topic(TOPIC)

    def _on_started(self, event: tuple[float, dict[str, Any]]) -> None:
        message = event[1]
        self._events.put(Started(str(message["app_id"]), str(message["device"]), int(message["attempt"])))

    def _collect(self, client: Client, jobs: Sequence[AppJob]) -> None:
        try:
            submitted = {self._submit(client, job): job for job in jobs}
            completed = as_completed(list(submitted))
            for future in completed:
                job = submitted.pop(future)
                retry = self._settle(client, future, job)
                if retry is not None:
                    submitted[retry[0]] = retry[1]
                    completed.add(retry[0])
        except BaseException as exc:  # surfaces in the driver's thread instead of dying silently
            self._events.put(exc)

    def _submit(
        self, client: Client, job: AppJob, workers: list[str] | None = None
    ) -> Future[dict[str, Any]]:
        return client.submit(
            run_job_on_worker,
            job.to_json(),
            key=f"privacy-probe-{job.app_id}-{job.attempt}-{uuid.uuid4().hex[:8]}",
            resources={RESOURCE: 1},
            workers=workers,
            allow_other_workers=workers is not None,
            pure=False,
        )

    def _settle(
        self, client: Client, future: Future[dict[str, Any]], job: AppJob
    ) -> tuple[Future[dict[str, Any]], AppJob] | None:
        try:
            reply: dict[str, Any] = future.result()
        except KilledWorker as exc:
            reply = {"attempts": [a.to_json() for a in job.attempts], "triage": DEVICE_LOST, "result": None,
                     "detail": f"the workers running it died ({exc})"}  # fmt: skip
        except Exception as exc:
            reply = {"attempts": [a.to_json() for a in job.attempts], "triage": HARNESS_ERROR, "result": None,
                     "detail": f"the task failed: {type(exc).__name__}: {exc}"}  # fmt: skip
        if reply.get("lost_device"):
            self._events.put(DeviceGone(str(reply["lost_device"])))
        if reply["result"] is not None:
            self._events.put(Finished(AppResult.from_json(reply["result"], f"result of {job.app_id}")))
            return None
        attempts = tuple(AttemptRecord.from_json(a, f"attempts of {job.app_id}") for a in reply["attempts"])
        triage = Triage(reply["triage"], True, str(reply["detail"]))
        failed_on = str(reply.get("worker") or "unknown")
        if job.attempt >= job.max_attempts:
            final = replace(job, attempts=attempts)
            self._events.put(Finished(give_up(final, self._store, triage)))
            return None
        self._events.put(Retrying(job.app_id, failed_on, triage.label, triage.detail))
        retry = job.retry(attempts, failed_on)
        others = [w for w in client.scheduler_info()["workers"] if w not in retry.avoid]
        return self._submit(client, retry, others or None), retry


async def _serve_worker(
    scheduler: str, spec: str, name: str | None, home_root: str | None, connect_timeout_s: float
) -> None:
    owner = DeviceOwner(spec, home_root)
    count = len(parse_devices(spec))
    async with Worker(
        scheduler,
        nthreads=count,
        resources={RESOURCE: count},
        name=name,
        plugins=(owner,),
        death_timeout=connect_timeout_s,  # also: give up when the scheduler is gone that long
    ) as worker:
        loop = asyncio.get_running_loop()
        for stop in (signal.SIGTERM, signal.SIGINT):  # close cleanly: the plugin removes sim homes
            loop.add_signal_handler(stop, lambda: asyncio.ensure_future(worker.close()))
        await worker.finished()


def serve_worker(
    scheduler: str,
    spec: str,
    name: str | None = None,
    home_root: str | None = None,
    connect_timeout_s: float = WORKER_CONNECT_TIMEOUT_S,
) -> None:
    """`privacy-probe worker`: serve this host's devices to the scheduler until stopped, or until
    the scheduler cannot be reached for `connect_timeout_s`."""
    check_scheduler_address(scheduler)
    parse_devices(spec)
    try:
        asyncio.run(_serve_worker(scheduler, spec, name, home_root, connect_timeout_s))
    except (OSError, TimeoutError) as exc:
        raise DeviceError(
            f"--scheduler {scheduler}: no Dask scheduler answered within {connect_timeout_s:g} s "
            f"({type(exc).__name__}: {exc})"
        ) from None
    except ValueError as exc:  # Dask's own refusal of the address
        raise InputError(f"--scheduler {scheduler}: {exc}") from None


def start_local_cluster(workers: int, devices_per_worker: str = "sim:1") -> tuple[LocalCluster, Client]:
    """A one-machine farm: `workers` worker processes, each owning its own devices."""
    count = len(parse_devices(devices_per_worker))
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=count,
        resources={RESOURCE: count},
        processes=True,
        dashboard_address=None,
    )
    client = Client(cluster)
    client.register_plugin(DeviceOwner(devices_per_worker))
    return cluster, client
