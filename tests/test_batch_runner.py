"""The per-attempt runner process: time budget and parent death end its whole process group.

The runner is held at its first step (the app lock, taken here by the test) so that these run
without any device; everything else is real: processes, signals, files.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.batch.catalog import parse_catalog
from harness.batch.devices import DeviceSet
from harness.batch.job import AppJob, BatchSettings
from harness.batch.runner import attempt_app
from harness.batch.store import BatchStore


def runner_pids(app_id: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"harness.batch.attempt" in cmdline and any(app_id.encode() in part for part in cmdline):
            pids.append(int(entry.name))
    return pids


def wait_until(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def held_job(tmp_path: Path) -> Iterator[tuple[AppJob, BatchStore]]:
    """A job whose app lock the test holds, so its runner waits until killed."""
    store = BatchStore(tmp_path / "out")
    store.ensure()
    (tmp_path / "app").mkdir()
    row = parse_catalog(tmp_path / "c.csv", "app,name\napp,held-app\n").rows[0]
    job = AppJob.from_row(row, BatchSettings(timeout_s=1.5, retries=0), "batch-1", str(store.out))
    with store.app_lock(job.app_id, 1):
        yield job, store


def test_an_attempt_over_its_budget_is_killed_with_its_group(held_job: tuple[AppJob, BatchStore]) -> None:
    job, store = held_job
    with DeviceSet("sim:1") as devices:
        started = time.monotonic()
        reply = attempt_app(job, devices.slots[0], store)
    assert 1.5 <= time.monotonic() - started < 10
    assert reply.triage.label == "timeout"
    assert reply.result is not None and reply.result.status == "failed"
    assert store.read_result(job.app_id) == reply.result
    assert runner_pids(job.app_id) == []


def test_the_runner_dies_with_the_process_that_started_it(held_job: tuple[AppJob, BatchStore]) -> None:
    job, store = held_job
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from harness.batch.devices import DeviceSet\n"
        "from harness.batch.job import AppJob\n"
        "from harness.batch.runner import attempt_app\n"
        "from harness.batch.store import BatchStore\n"
        "job = AppJob.from_json(json.loads(sys.argv[1]))\n"
        "with DeviceSet('sim:1') as devices:\n"
        "    attempt_app(job, devices.slots[0], BatchStore(Path(job.out)))\n"
    )
    patient = AppJob.from_json({**job.to_json(), "settings": {**job.to_json()["settings"], "timeout_s": 300}})
    parent = subprocess.Popen([sys.executable, "-c", script, json.dumps(patient.to_json())])
    try:
        assert wait_until(lambda: runner_pids(job.app_id), 30), "the runner never started"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        assert wait_until(lambda: not runner_pids(job.app_id), 10), "the runner outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
    assert store.read_result(job.app_id) is None
