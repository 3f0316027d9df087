"""Durability on real sim devices: SIGKILL of the batch mid-run, and a device that goes away."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

from tests.fixtures.batch.support import (
    EXAMPLES,
    PROJECT_ROOT,
    apps_by_id,
    batch_command,
    completed_runs,
    descends_from,
    processes_mentioning,
    read_json,
    result_files,
    run_batch_cli,
    sim_app_processes,
    state_dir_of,
    tmpdir_env,
    wait_until,
    write_catalog,
)

LEAKY, NOTES = str(EXAMPLES / "leaky_sdk"), str(EXAMPLES / "clean_notes")
FIRST_LAUNCH = ("--scenario", "first_launch")


def _in_progress(out: Path) -> list[str]:
    """Apps with a run folder of this batch and no result yet."""
    finished = result_files(out)
    return [p.name for p in out.iterdir() if (p / "manifest.json").is_file() and p.name not in finished]


def test_sigkill_mid_batch_then_resume_loses_nothing_and_repeats_nothing(tmp_path: Path) -> None:
    app_ids = ["leaky-a", "notes-a", "leaky-b", "notes-b"]
    catalog = write_catalog(
        tmp_path, [(LEAKY, "leaky-a"), (NOTES, "notes-a"), (LEAKY, "leaky-b"), (NOTES, "notes-b")]
    )
    out = tmp_path / "out"
    options = (catalog, "--out", out, "--devices", "sim:2", "--duration", "2", *FIRST_LAUNCH)
    batch = subprocess.Popen(
        batch_command("batch", *options),
        cwd=PROJECT_ROOT,
        env=tmpdir_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: result_files(out) and _in_progress(out), 300, "one result and one app in progress")
        os.kill(batch.pid, signal.SIGKILL)  # the batch process only: its runners must follow it
        batch.wait()
    finally:
        if batch.poll() is None:
            batch.kill()
    wait_until(lambda: not processes_mentioning(str(out)), 15, "the runners of the killed batch to die")
    finished_before = result_files(out)
    runs_before = {app_id: completed_runs(out, app_id) for app_id in finished_before}
    interrupted = _in_progress(out)
    assert finished_before and interrupted

    resumed = run_batch_cli(*options)
    assert resumed.returncode == 1, resumed.stderr  # leaky has fail verdicts; nothing failed to run
    after = result_files(out)
    assert sorted(after) == sorted(app_ids)
    apps = apps_by_id(out)
    for app_id in app_ids:
        result = read_json(out / "_batch" / "results" / f"{app_id}.json")
        assert completed_runs(out, app_id).count(result["run_id"]) == 1
        assert read_json(out / app_id / "manifest.json")["run_id"] == result["run_id"]
        assert apps[app_id]["status"] == "done"
        if app_id in finished_before:
            assert after[app_id] == finished_before[app_id]  # not redone, not rewritten
            assert completed_runs(out, app_id) == runs_before[app_id]
    for app_id in interrupted:
        first, *retried, last = apps[app_id]["attempts"]
        assert (first["triage"], last["triage"]) == ("interrupted", None)
        assert all(a["infrastructure"] for a in retried)  # at most a Frida crash in between
        assert (out / first["run_dir"] / "manifest.json").is_file()  # kept, not deleted

    again = run_batch_cli(*options)
    assert "nothing to run" in again.stderr
    assert result_files(out) == after


def test_a_device_that_disappears_mid_run_is_retired_and_its_app_retried(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path, [(LEAKY, "first"), (NOTES, "second"), (NOTES, "third")])
    out = tmp_path / "out"
    batch = subprocess.Popen(
        batch_command("batch", catalog, "--out", out, "--devices", "sim:2", "--duration", "3", *FIRST_LAUNCH),
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:

        def ours() -> dict[int, list[bytes]]:
            return {p: c for p, c in sim_app_processes().items() if descends_from(p, batch.pid)}

        pid, cmdline = next(iter(wait_until(ours, 300, "a sim app of this batch").items()))
        home = state_dir_of(cmdline).parents[1]  # <home>/data/<package>
        lost = home.name
        gone = home.rename(home.with_name(f"{lost}.unplugged"))  # its storage vanishes at once
        shutil.rmtree(gone, ignore_errors=True)
        os.kill(pid, signal.SIGKILL)
        _, stderr = batch.communicate(timeout=600)
    finally:
        if batch.poll() is None:
            batch.kill()
    assert batch.returncode == 1, stderr
    assert f"device {lost} is gone" in stderr
    apps = apps_by_id(out)
    assert all(app["status"] == "done" for app in apps.values()), apps
    losses = [(app, a) for app in apps.values() for a in app["attempts"] if a["triage"] == "device_lost"]
    assert len(losses) == 1
    app, loss = losses[0]
    assert (loss["device"], loss["infrastructure"]) == (lost, True)
    final = app["attempts"][-1]
    assert final["device"] != lost and final["triage"] is None
    lost_at = loss["started"] + loss["seconds"]
    later = [a for app in apps.values() for a in app["attempts"] if a["started"] >= lost_at]
    assert later and all(a["device"] != lost for a in later)
