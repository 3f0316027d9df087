"""The batch on a Dask LocalCluster: two worker processes, each owning one sim device; one of
them is killed mid-batch and its app is rescheduled on a worker that is alive."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from harness.batch.dask_runner import start_local_cluster
from tests.fixtures.batch.support import (
    EXAMPLES,
    PROJECT_ROOT,
    apps_by_id,
    batch_command,
    completed_runs,
    descends_from,
    read_json,
    sim_app_processes,
    tmpdir_env,
    wait_until,
    write_catalog,
)


@pytest.fixture
def cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[LocalCluster, Client]]:
    # the killed worker cannot remove its sim homes: keep them under tmp_path, not in /tmp
    monkeypatch.setenv("TMPDIR", tmpdir_env(tmp_path)["TMPDIR"])
    cluster, client = start_local_cluster(workers=2, devices_per_worker="sim:1")
    try:
        yield cluster, client
    finally:
        client.close()  # type: ignore[no-untyped-call]
        cluster.close()


def test_dask_batch_survives_a_worker_killed_mid_run(
    tmp_path: Path, cluster: tuple[LocalCluster, Client]
) -> None:
    local_cluster, client = cluster
    rows = [(str(EXAMPLES / "leaky_sdk"), "leaky-a"), (str(EXAMPLES / "clean_notes"), "notes-a")]
    rows += [(str(EXAMPLES / "leaky_sdk"), "leaky-b"), (str(EXAMPLES / "clean_notes"), "notes-b")]
    catalog = write_catalog(tmp_path, rows)
    out = tmp_path / "out"
    command = batch_command(
        "batch",
        catalog,
        "--out",
        out,
        "--scheduler",
        local_cluster.scheduler_address,
        "--duration",
        "2",
        "--scenario",
        "first_launch",
    )
    batch = subprocess.Popen(
        command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        worker_pids: dict[str, int] = client.run(os.getpid)

        def busy_worker() -> int | None:
            for pid in sim_app_processes():
                for worker_pid in worker_pids.values():
                    if descends_from(pid, worker_pid):
                        return worker_pid
            return None

        victim = wait_until(busy_worker, 300, "a worker running a sim app")
        os.kill(victim, signal.SIGKILL)
        _, stderr = batch.communicate(timeout=600)
    finally:
        if batch.poll() is None:
            batch.kill()
    assert batch.returncode == 1, stderr  # the leaky apps fail rules; every app was tested
    apps = apps_by_id(out)
    assert all(app["status"] == "done" for app in apps.values()), apps
    interrupted = [app for app in apps.values() if app["attempts"][0]["triage"] == "interrupted"]
    assert len(interrupted) >= 1
    for app in apps.values():
        result = read_json(out / "_batch" / "results" / f"{app['app_id']}.json")
        assert completed_runs(out, app["app_id"]).count(result["run_id"]) == 1
        final = app["attempts"][-1]
        assert final["triage"] is None and final["worker"].startswith("tcp://")
    for app in interrupted:
        assert (out / app["attempts"][0]["run_dir"] / "manifest.json").is_file()
