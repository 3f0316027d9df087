"""The local device pool: one thread per device, one app per device at a time.

An app whose attempt failed for infrastructure reasons goes back to the queue and is handed
to another device when there is one (it waits for a device it has not failed on yet, unless
every remaining device has already failed it). A device found lost after an attempt leaves
the pool; when the last device is gone, the apps still waiting get a `device_lost` result.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence

from harness.batch.devices import DeviceSlot
from harness.batch.events import BatchEvent, DeviceGone, Finished, Retrying, Started
from harness.batch.job import AppJob
from harness.batch.runner import attempt_app, give_up
from harness.batch.store import BatchStore
from harness.batch.triage import DEVICE_LOST, Triage


class _Crash:
    def __init__(self, error: BaseException) -> None:
        self.error = error


class LocalPool:
    def __init__(self, slots: Sequence[DeviceSlot], store: BatchStore) -> None:
        self._alive = list(slots)
        self._store = store
        self._pending: list[AppJob] = []
        self._running = 0
        self._stopping = False
        self._changed = threading.Condition()
        self._events: queue.Queue[BatchEvent | _Crash] = queue.Queue()

    def run(self, jobs: Sequence[AppJob]) -> Iterator[BatchEvent]:
        """Run every job; yields progress events in the caller's thread until all have a result."""
        self._pending = list(jobs)
        threads = [
            threading.Thread(target=self._serve, args=(slot,), name=f"device-{slot.serial}", daemon=True)
            for slot in self._alive
        ]
        for thread in threads:
            thread.start()
        remaining = len(jobs)
        try:
            while remaining:
                event = self._events.get()
                if isinstance(event, _Crash):
                    raise event.error
                if isinstance(event, Finished):
                    remaining -= 1
                yield event
        finally:
            with self._changed:
                self._stopping = True
                self._changed.notify_all()
        for thread in threads:
            thread.join()

    def _serve(self, slot: DeviceSlot) -> None:
        try:
            while (job := self._take(slot)) is not None:
                self._events.put(Started(job.app_id, slot.serial, job.attempt))
                reply = attempt_app(job, slot, self._store)
                with self._changed:
                    self._running -= 1
                    if reply.result is None:
                        self._pending.append(job.retry(reply.attempts, slot.serial))
                    if reply.device_lost:
                        self._alive.remove(slot)
                    self._changed.notify_all()
                if reply.result is None:
                    self._events.put(
                        Retrying(job.app_id, slot.serial, reply.triage.label, reply.triage.detail)
                    )
                else:
                    self._events.put(Finished(reply.result))
                if reply.device_lost:
                    self._events.put(DeviceGone(slot.serial))
                    self._abandon_if_no_device()
                    return
        except BaseException as exc:  # surfaces in the driver's thread instead of dying silently
            self._events.put(_Crash(exc))

    def _take(self, slot: DeviceSlot) -> AppJob | None:
        with self._changed:
            while not self._stopping:
                for index, job in enumerate(self._pending):
                    if self._eligible(job, slot):
                        self._running += 1
                        return self._pending.pop(index)
                if not self._pending and self._running == 0:
                    return None
                self._changed.wait()
            return None

    def _eligible(self, job: AppJob, slot: DeviceSlot) -> bool:
        untried = [s for s in self._alive if s.serial not in job.avoid]
        return slot.serial not in job.avoid or not untried

    def _abandon_if_no_device(self) -> None:
        with self._changed:
            if self._alive:
                return
            stranded, self._pending = self._pending, []
        for job in stranded:
            triage = Triage(DEVICE_LOST, True, "no usable device left in the pool")
            self._events.put(Finished(give_up(job, self._store, triage)))
