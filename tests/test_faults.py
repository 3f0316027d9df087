"""Broken runs never pass: real processes killed with real signals in the middle of a run.

Each sim run here is one short `privacy-probe run` (first_launch only), so the module costs a
few sim runs; the lock and in-progress cases use a real process holding the lock instead.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.records import read_jsonl
from tests.conftest import EXAMPLES, PROJECT_ROOT

NETWORK_RULES = ("pi_transmitted_before_consent", "pi_shared_with_third_party")
HOLD_LOCK = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from harness.rundir import run_folder_lock\n"
    "with run_folder_lock(Path(sys.argv[1])):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(600)\n"
)


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "harness", *args], cwd=PROJECT_ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip


def finish(process: subprocess.Popen[str], timeout: float = 240) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of every descendant of `pid`."""
    found: list[tuple[int, str]] = []
    parents = {pid}
    for _ in range(4):
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) in {p for p, _ in found}:
                continue
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except (OSError, IndexError):
                continue
            if int(stat[1]) in parents:
                found.append((int(entry.name), cmdline))
                parents.add(int(entry.name))
    return found


@pytest.fixture
def lock_holder(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """Another process holding the run folder's lock, as a live run does."""
    run_dir = tmp_path / "out" / "clean_notes"
    run_dir.mkdir(parents=True)
    (run_dir / "manifest.json").write_text(json.dumps({"schema": 1, "status": "running", "run_id": "live"}))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(run_dir)], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    yield holder, run_dir
    holder.kill()
    holder.wait()


def test_a_second_run_into_a_live_run_folder_is_refused(
    lock_holder: tuple[subprocess.Popen[str], Path],
) -> None:
    holder, run_dir = lock_holder
    code, _, err = finish(
        cli("run", str(EXAMPLES / "clean_notes"), "--out", str(run_dir.parent), "--no-capture")
    )
    assert code == 2, err
    assert err.strip().splitlines() == [
        f"privacy-probe: error: {run_dir}: another run is recording into this folder (pid {holder.pid} on "
        f"{os.uname().nodename})"
    ]
    assert json.loads((run_dir / "manifest.json").read_text())["run_id"] == "live"  # not moved aside
    assert [p.name for p in run_dir.parent.iterdir() if not p.name.startswith(".")] == ["clean_notes"]


def test_a_batch_never_moves_a_live_run_folder_aside(lock_holder: tuple[subprocess.Popen[str], Path]) -> None:
    from harness.batch.store import BatchBusy, BatchStore

    _, run_dir = lock_holder
    with pytest.raises(BatchBusy, match="a run is recording into this folder"):
        BatchStore(run_dir.parent).set_aside(run_dir.name)
    assert (run_dir / "manifest.json").is_file()


def test_analyze_refuses_a_run_in_progress_and_a_run_that_never_ended(
    lock_holder: tuple[subprocess.Popen[str], Path],
) -> None:
    holder, run_dir = lock_holder
    code, _, err = finish(cli("analyze", str(run_dir)))
    assert code == 2 and "the run is still in progress" in err and len(err.strip().splitlines()) == 1, err
    assert not (run_dir / "findings.json").exists()
    holder.send_signal(signal.SIGKILL)  # the recorder dies: the kernel drops its lock
    holder.wait()
    code, _, err = finish(cli("analyze", str(run_dir)))
    assert code == 2, err
    assert "the run is incomplete: the run never ended" in err
    findings = json.loads((run_dir / "findings.json").read_text())
    assert findings["incomplete"] and findings["result"] != "errored"


@pytest.fixture(scope="module")
def capture_killed(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path, float]:
    """clean_notes with its mitmdump SIGKILLed 3 s into the capture."""
    out = tmp_path_factory.mktemp("capture-killed")
    run_dir = out / "clean_notes"
    process = cli("run", str(EXAMPLES / "clean_notes"), "--out", str(out), "--scenario", "first_launch",
                  "--duration", "8")  # fmt: skip
    state = run_dir / "capture.json"
    wait_for(state.is_file, 120, "the capture to start")
    time.sleep(3)
    os.kill(json.loads(state.read_text())["pid"], signal.SIGKILL)
    killed_at = time.time()
    code, _, err = finish(process)
    return code, err, run_dir, killed_at


def test_a_dead_capture_makes_the_network_rules_inconclusive(
    capture_killed: tuple[int, str, Path, float],
) -> None:
    code, err, run_dir, _ = capture_killed
    assert code == 2, err
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith("privacy-probe: error: the run is incomplete: the traffic capture died")
    ), err
    assert "Traceback" not in err
    findings = json.loads((run_dir / "findings.json").read_text())
    statuses = {v["rule"]: v for v in findings["verdicts"]}
    for rule in NETWORK_RULES:
        assert statuses[rule]["status"] == "inconclusive", statuses[rule]
        assert "the traffic capture died" in statuses[rule]["summary"]
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["status"] == "partial" and "killed by SIGKILL" in manifest["incomplete"][0]


def test_a_dead_capture_shows_in_every_export(capture_killed: tuple[int, str, Path, float]) -> None:
    _, _, run_dir, _ = capture_killed
    suite = ET.parse(run_dir / "junit.xml").getroot().find("testsuite")
    assert suite is not None
    assert int(suite.get("errors", "0")) >= 1 + len(NETWORK_RULES)
    incomplete = suite.find("testcase[@name='run_complete']/error")
    assert incomplete is not None and "the traffic capture died" in (incomplete.get("message") or "")
    rows = list(csv.DictReader((run_dir / "findings.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows and {row["run_health"] for row in rows} == {"incomplete"}
    catalog = subprocess.run(
        [sys.executable, "-m", "harness", "report", str(run_dir.parent)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert "Traceback" not in catalog.stderr
    rows = list(
        csv.DictReader((run_dir.parent / "findings.csv").read_text(encoding="utf-8-sig").splitlines())
    )
    assert {row["run_health"] for row in rows} == {"incomplete"}
    assert "1 of 1 runs are incomplete" in (run_dir.parent / "index.html").read_text()
    assert "The run is incomplete: the traffic capture died" in (run_dir / "report.html").read_text()


def test_a_jvm_killed_from_outside_is_not_the_app_exiting(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = cli("run", str(EXAMPLES / "clean_notes"), "--out", str(out), "--scenario", "first_launch",
                  "--duration", "8", "--no-capture")  # fmt: skip
    steps = out / "clean_notes" / "steps.jsonl"
    wait_for(lambda: any(s.get("action") == "launched" for s in read_jsonl(steps)), 120, "the app to launch")
    jvms = [pid for pid, cmdline in children(process.pid) if "com.privacyprobe.sim.Launcher" in cmdline]
    assert len(jvms) == 1, children(process.pid)
    os.kill(jvms[0], signal.SIGKILL)
    code, _, err = finish(process)
    assert code == 2, err
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith("privacy-probe: error: the app's process was killed from outside (SIGKILL)")
    ), err
    actions = [s["action"] for s in read_jsonl(steps)]
    assert "app_killed" in actions and "app_exited" not in actions
    manifest = json.loads((out / "clean_notes" / "manifest.json").read_text())
    assert manifest["status"] == "failed" and manifest["error_kind"] == "DeviceError"


OOM_MANIFEST = """<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.t.hog">
  <application android:label="Hog"><activity android:name=".Main">
    <intent-filter><action android:name="android.intent.action.MAIN"/>
    <category android:name="android.intent.category.LAUNCHER"/></intent-filter>
  </activity></application></manifest>"""
OOM_MAIN = """package com.t.hog;
public class Main extends android.app.Activity {
  static final java.util.List<byte[]> KEPT = new java.util.ArrayList<>();
  @Override protected void onCreate(android.os.Bundle state) {
    super.onCreate(state);
    while (true) { KEPT.add(new byte[1 << 20]); }
  }
}
"""


def test_sim_jvm_heap_is_bounded_and_out_of_memory_says_so(tmp_path: Path) -> None:
    app = tmp_path / "hog"
    (app / "src" / "com" / "t" / "hog").mkdir(parents=True)
    (app / "AndroidManifest.xml").write_text(OOM_MANIFEST)
    (app / "src" / "com" / "t" / "hog" / "Main.java").write_text(OOM_MAIN)
    env = dict(os.environ, PRIVACY_PROBE_SIM_HEAP="48m")
    options = ("--scenario", "first_launch", "--duration", "2", "--no-capture")
    code, _, err = finish(cli("run", str(app), "--out", str(tmp_path / "out"), *options, env=env))
    assert code == 2, err
    assert err.strip().splitlines() == [
        "privacy-probe: error: com.t.hog ran out of memory during start-up: its heap limit is 48m"
    ]
    logcat = (tmp_path / "out" / "hog" / "logcat.txt").read_text(errors="replace")
    assert "OutOfMemoryError" in logcat


LATE_HOG_MAIN = """package com.t.hog;
public class Main extends android.app.Activity {
  static final java.util.List<byte[]> KEPT = new java.util.ArrayList<>();
  @Override protected void onCreate(android.os.Bundle state) {
    super.onCreate(state);
    new android.os.Handler(android.os.Looper.getMainLooper()).postDelayed(new Runnable() {
      @Override public void run() { while (true) { KEPT.add(new byte[1 << 20]); } }
    }, 1500);
  }
}
"""


def test_out_of_memory_while_running_is_recorded_as_such(tmp_path: Path) -> None:
    app = tmp_path / "hog"
    (app / "src" / "com" / "t" / "hog").mkdir(parents=True)
    (app / "AndroidManifest.xml").write_text(OOM_MANIFEST)
    (app / "src" / "com" / "t" / "hog" / "Main.java").write_text(LATE_HOG_MAIN)
    env = dict(os.environ, PRIVACY_PROBE_SIM_HEAP="48m")
    options = ("--scenario", "first_launch", "--duration", "5", "--no-capture")
    code, _, err = finish(cli("run", str(app), "--out", str(tmp_path / "out"), *options, env=env))
    assert code in (0, 1), err  # the app crashed; the run itself is complete
    exits = [s for s in read_jsonl(tmp_path / "out" / "hog" / "steps.jsonl") if s["action"] == "app_exited"]
    assert len(exits) == 1
    assert exits[0]["detail"]["crash"] == "out of memory: the app's Java heap limit was reached"
    assert "main thread busy" not in err


def test_a_bad_heap_setting_is_refused(tmp_path: Path) -> None:
    env = dict(os.environ, PRIVACY_PROBE_SIM_HEAP="lots")
    code, _, err = finish(
        cli("run", str(EXAMPLES / "clean_notes"), "--out", str(tmp_path), "--no-capture", env=env)
    )
    assert code == 2 and "PRIVACY_PROBE_SIM_HEAP='lots': expected a size like 256m or 1g" in err, err


LEAVE_SCRATCH = (
    "import time\n"
    "from harness.batch.devices import DeviceSet\n"
    "from harness.sim.device import SimDevice\n"
    "device = SimDevice()\n"
    "homes = DeviceSet('sim:2').__enter__()\n"
    "print(device.storage, homes.slots[0].home, flush=True)\n"
    "time.sleep(600)\n"
)


def leave_scratch(tmpdir: Path) -> tuple[subprocess.Popen[str], list[Path]]:
    process = subprocess.Popen(
        [sys.executable, "-c", LEAVE_SCRATCH], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True,
        env=dict(os.environ, TMPDIR=str(tmpdir)),
    )  # fmt: skip
    assert process.stdout is not None
    sim_home, device_home = (Path(p) for p in process.stdout.readline().split())
    return process, [sim_home, device_home.parent]


def test_sim_storage_of_a_killed_process_goes_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from harness.batch.devices import DeviceSet
    from harness.sim.device import SimDevice

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead, dead_folders = leave_scratch(tmp_path)
    alive, alive_folders = leave_scratch(tmp_path)
    try:
        dead.send_signal(signal.SIGKILL)
        dead.wait()
        assert all(folder.is_dir() for folder in dead_folders)  # a SIGKILL leaves them behind
        device = SimDevice()  # the next start
        try:
            assert not dead_folders[0].exists()
            assert alive_folders[0].is_dir()  # a live owner keeps its storage
        finally:
            device.close()
        assert not device.storage.exists()
        with DeviceSet("sim:1"):
            assert not dead_folders[1].exists()
            assert alive_folders[1].is_dir()
    finally:
        alive.kill()
        alive.wait()


BOMB_RECORD = (
    "import json, sys\n"
    "sys.path.insert(0, 'harness/capture')\n"
    "import addon, addon_bodies\n"
    "cap = addon.DEFAULT_BODY_CAP\n"
    "body, encoding = addon_bodies.body_as_text(bytes(cap), True)\n"
    "print(encoding, len(json.dumps({'request_body': body})), cap)\n"
)


def test_a_capped_decompression_bomb_is_not_stored_as_nul_text() -> None:
    """16 MiB of decoded zeros: as JSON text ("\\u0000" each) that was ~100 MB per flow record."""
    mitm_python = PROJECT_ROOT / ".venv-mitm" / "bin" / "python"
    if not mitm_python.is_file():
        pytest.skip("mitmproxy's venv is not installed (scripts/install-mitmproxy.sh)")
    done = subprocess.run(
        [str(mitm_python), "-c", BOMB_RECORD], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    encoding, stored, cap = done.stdout.split()
    assert encoding == "base64"
    assert int(stored) < 1.4 * int(cap)  # base64: 4/3 of the bytes, not 6 bytes per NUL


def test_a_batch_with_an_incomplete_run_says_so() -> None:
    from harness.batch.cli import untested_summary
    from harness.documents.batch_index import BatchIndex

    def index(*apps: dict[str, Any]) -> BatchIndex:
        failed = sum(1 for a in apps if a["status"] == "failed")
        totals = {"apps": len(apps), "failed": failed, "pending": 0}
        return BatchIndex.from_json({"schema": 1, "totals": totals, "apps": list(apps)})

    complete = {"app_id": "a", "status": "done", "exit_code": 1}
    partial = {"app_id": "b", "status": "done", "exit_code": 2}
    broken = {"app_id": "c", "status": "failed", "exit_code": None}
    assert untested_summary(index(complete)) is None
    assert untested_summary(index(complete, partial)) == "1 runs are incomplete: b"
    assert untested_summary(index(partial, broken)) == (
        "1 of 2 apps could not be tested (see the triage column); 1 runs are incomplete: b"
    )
