"""Bad input ends with one line on stderr and exit code 2 — never a traceback."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, PROJECT_ROOT

GOOD_MANIFEST = """<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.t.app">
  <application android:label="T"><activity android:name=".Main">
    <intent-filter><action android:name="android.intent.action.MAIN"/>
    <category android:name="android.intent.category.LAUNCHER"/></intent-filter>
  </activity></application></manifest>"""


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harness", *args],
        capture_output=True, text=True, cwd=PROJECT_ROOT, env=env or dict(os.environ), timeout=180,
    )  # fmt: skip


def assert_one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert fragment in lines[0]


def make_app(root: Path, manifest: str, java: str | None) -> Path:
    app = root / "app"
    (app / "src" / "com" / "t" / "app").mkdir(parents=True)
    (app / "AndroidManifest.xml").write_text(manifest)
    if java is not None:
        (app / "src" / "com" / "t" / "app" / "Main.java").write_text(java)
    return app


def test_missing_path(tmp_path: Path) -> None:
    assert_one_line_error(cli("run", str(tmp_path / "nope"), "--out", str(tmp_path)), "no such file")


def test_unknown_scenario(tmp_path: Path) -> None:
    app = make_app(tmp_path, GOOD_MANIFEST, "package com.t.app; public class Main {}")
    result = cli("run", str(app), "--scenario", "dance", "--out", str(tmp_path / "o"))
    assert_one_line_error(result, "unknown scenario 'dance'")


def test_unknown_option_is_a_usage_error() -> None:
    assert_one_line_error(cli("run", "x", "--bogus"), "unrecognized arguments")


@pytest.mark.parametrize(
    ("manifest", "fragment"),
    [
        (GOOD_MANIFEST.replace('package="com.t.app"', ""), "has no package attribute"),
        (GOOD_MANIFEST.replace("android.intent.category.LAUNCHER", "x.y"), "MAIN/LAUNCHER"),
    ],
)
def test_bad_manifest_leaves_a_failed_manifest(tmp_path: Path, manifest: str, fragment: str) -> None:
    app = make_app(tmp_path, manifest, "package com.t.app; public class Main {}")
    result = cli("run", str(app), "--out", str(tmp_path / "out"), "--no-capture")
    assert_one_line_error(result, fragment)
    run_manifest = json.loads((tmp_path / "out" / "app" / "manifest.json").read_text())
    assert run_manifest["status"] == "failed"
    install = next(s for s in run_manifest["stages"] if s["name"] == "install")
    assert install["status"] == "failed" and fragment in install["error"]


def test_compile_error_shows_the_first_compiler_error(tmp_path: Path) -> None:
    java = (
        "package com.t.app;\npublic class Main extends android.app.Activity {\n  int x = undefinedThing;\n}\n"
    )
    app = make_app(tmp_path, GOOD_MANIFEST, java)
    result = cli("run", str(app), "--out", str(tmp_path / "out"), "--no-capture")
    assert_one_line_error(result, "Main.java:3: cannot find symbol")
    assert "undefinedThing" in result.stderr


def test_no_jdk(tmp_path: Path) -> None:
    app = make_app(tmp_path, GOOD_MANIFEST, "package com.t.app; public class Main {}")
    env = dict(os.environ, PATH=str(Path(sys.executable).parent), PRIVACY_PROBE_CACHE=str(tmp_path / "c"))
    result = cli("run", str(app), "--out", str(tmp_path / "out"), "--no-capture", env=env)
    assert_one_line_error(result, "javac not found")


def test_analyze_of_a_folder_that_is_not_a_run(tmp_path: Path) -> None:
    assert_one_line_error(cli("analyze", str(tmp_path)), "not a run folder")


# --- file-system faults, hostile records and bad values: still one line, exit 2 ----------------

FIXTURE_RUN = PROJECT_ROOT / "tests" / "fixtures" / "reports" / "clean"


def fixture_run(parent: Path) -> Path:
    run = parent / "clean"
    shutil.copytree(FIXTURE_RUN, run)
    return run


@contextlib.contextmanager
def small_tmpfs(where: Path, size: str, *options: str) -> Iterator[Path]:
    """A real tmpfs of `size` mounted at `where` (root only; skipped with the reason otherwise)."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join([f"size={size}", *options]), "tmpfs", str(where)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or 'mount failed'}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_analyze_on_a_full_disk(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk", "256k") as disk:
        run = fixture_run(disk)
        (run / "findings.json").unlink()
        with (disk / "filler").open("wb", buffering=0) as filler, contextlib.suppress(OSError):
            while True:  # fill what is left
                filler.write(b"\0" * 4096)
        assert_one_line_error(cli("analyze", str(run)), "No space left on device")


def test_analyze_on_a_read_only_disk(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk", "1m") as disk:
        fixture_run(disk)
        remounted = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True, check=False)
        if remounted.returncode != 0:
            pytest.skip("cannot remount the tmpfs read-only")
        assert_one_line_error(cli("analyze", str(disk / "clean")), "Read-only file system")


def test_findings_path_taken_by_a_folder(tmp_path: Path) -> None:
    run = fixture_run(tmp_path)
    (run / "findings.json").unlink()
    (run / "findings.json").mkdir()
    assert_one_line_error(cli("analyze", str(run)), "Is a directory")


@pytest.mark.parametrize("out", ["a-file", "/proc", "/proc/self/status"])
def test_out_that_cannot_hold_a_run_folder(tmp_path: Path, out: str) -> None:
    if out == "a-file":
        (tmp_path / "a-file").write_text("x")
        out = str(tmp_path / "a-file")
    result = cli("run", str(EXAMPLES / "clean_notes"), "--out", out, "--no-capture")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr and out in lines[0], result.stderr


def test_deeply_nested_record_is_refused_with_its_line(tmp_path: Path) -> None:
    run = fixture_run(tmp_path)
    with (run / "events.jsonl").open("a") as events:
        events.write("[" * 200_000 + "]" * 200_000 + "\n")
    lines = (run / "events.jsonl").read_text().count("\n")
    assert_one_line_error(cli("analyze", str(run)), f"events.jsonl:{lines}: a record nested too deeply")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("run", "x", "--duration", "nan"), "'nan' is not a finite number"),
        (("run", "x", "--duration", "inf"), "'inf' is not a finite number"),
        (("run", "x", "--duration", "-1"), "must be >= 0"),
        (("demo", "--duration", "nan"), "'nan' is not a finite number"),
        (("batch", "c.csv", "--duration", "nan"), "'nan' is not a finite number"),
        (("batch", "c.csv", "--timeout", "0"), "must be > 0"),
        (("doctor", "--device", ""), "argument --device: must not be empty"),
        (("doctor", "--device", "  "), "argument --device: must not be empty"),
    ],
)
def test_bad_values_are_refused_before_anything_runs(args: tuple[str, ...], fragment: str) -> None:
    assert_one_line_error(cli(*args), fragment)


def test_bad_scheduler_address(tmp_path: Path) -> None:
    catalog = tmp_path / "c.csv"
    catalog.write_text(f"app\n{EXAMPLES / 'clean_notes'}\n")
    result = cli("batch", str(catalog), "--out", str(tmp_path / "o"), "--scheduler", "bogus")
    assert_one_line_error(result, "--scheduler bogus: expected an address like tcp://HOST:8786")


def test_batch_and_worker_give_up_on_an_unreachable_scheduler(tmp_path: Path) -> None:
    catalog = tmp_path / "c.csv"
    catalog.write_text(f"app\n{EXAMPLES / 'clean_notes'}\n")
    unreachable = "tcp://127.0.0.1:9"  # discard port: nothing listens there
    batch = cli("batch", str(catalog), "--out", str(tmp_path / "o"), "--scheduler", unreachable,
                "--connect-timeout", "2")  # fmt: skip
    assert batch.returncode == 2, batch.stderr
    assert "Traceback" not in batch.stderr
    assert (
        batch.stderr.strip()
        .splitlines()[-1]
        .startswith(f"privacy-probe: error: --scheduler {unreachable}: no Dask scheduler answered within 2 s")
    )
    worker = cli("worker", "--scheduler", unreachable, "--connect-timeout", "2")
    assert worker.returncode == 2, worker.stderr
    assert "Traceback" not in worker.stderr
    assert (
        worker.stderr.strip()
        .splitlines()[-1]
        .startswith(f"privacy-probe: error: --scheduler {unreachable}: no Dask scheduler answered within 2 s")
    )


def test_app_folder_named_dot_dot_stays_inside_out(tmp_path: Path) -> None:
    from harness.api import run_folder_name

    app = tmp_path / "weather" / "sub" / ".."
    (tmp_path / "weather" / "sub").mkdir(parents=True)
    assert run_folder_name(app) == "weather"
    assert run_folder_name(Path("..")) not in ("..", ".", "")
    assert run_folder_name(Path("/")) == "app"
    assert "/" not in run_folder_name(tmp_path / "天气 app.apk")


def test_unexpected_errors_are_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from harness import cli as cli_module

    failures = [("/src/a", "/dst/a", "[Errno 28] No space left on device"), ("/src/b", "/dst/b", "x")]

    def copy_failed(_args: object) -> int:
        raise shutil.Error(failures)

    def bug(_args: object) -> int:
        raise KeyError("oops\nsecond line")

    monkeypatch.delenv(cli_module.DEBUG_ENV, raising=False)
    cases = (
        (copy_failed, "copying /src/a failed: [Errno 28] No space left on device (and 1 more)"),
        (bug, "internal error: KeyError"),
    )
    for handler, fragment in cases:
        monkeypatch.setitem(cli_module.COMMANDS, "devices", handler)
        assert cli_module.main(["devices"]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and fragment in err, err


def test_a_catalog_field_larger_than_a_command_line_reaches_the_runner(tmp_path: Path) -> None:
    """100 KB in one catalog field: the runner process still starts (no E2BIG)."""
    from harness.batch.catalog import parse_catalog
    from harness.batch.devices import MARKER, DeviceSlot
    from harness.batch.job import AppJob, BatchSettings
    from harness.batch.runner import attempt_app
    from harness.batch.store import BatchStore

    store = BatchStore(tmp_path / "out")
    store.ensure()
    (tmp_path / "app").mkdir()
    huge = "类" * 50_000  # 150 KB of UTF-8: more than one argument may carry (MAX_ARG_STRLEN, 128 KiB)
    row = parse_catalog(tmp_path / "c.csv", f"app,name,category\napp,big,{huge}\n").rows[0]
    job = AppJob.from_row(row, BatchSettings(timeout_s=3, retries=0), "batch-1", str(store.out))
    home = tmp_path / "sim-1"
    home.mkdir()
    (home / MARKER).write_text("sim-1\n")
    slot = DeviceSlot("sim", "sim-1", str(home))
    with store.app_lock(job.app_id, 1):  # the runner waits for it: it did start
        reply = attempt_app(job, slot, store)
    assert reply.triage.label == "timeout", reply.triage
    log = store.log_path(job.app_id).read_text()
    assert "Argument list too long" not in log


def test_more_sim_devices_than_the_host_can_hold_are_refused(tmp_path: Path) -> None:
    catalog = tmp_path / "c.csv"
    catalog.write_text(f"app\n{EXAMPLES / 'clean_notes'}\n")
    env = dict(os.environ, PRIVACY_PROBE_SIM_HEAP="64g")  # far more than this host has free
    result = cli("batch", str(catalog), "--out", str(tmp_path / "o"), "--devices", "sim:2", env=env)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("privacy-probe: error: --devices sim:2: each sim device may use up to 64.2 GiB")
    assert "or a smaller PRIVACY_PROBE_SIM_HEAP" in last


def test_host_memory_check_counts_heap_and_overhead() -> None:
    from harness.batch.devices import DEVICE_OVERHEAD_BYTES, check_host_memory
    from harness.errors import InputError

    per_device = 256 * 1024 * 1024 + DEVICE_OVERHEAD_BYTES
    check_host_memory(4, available=4 * per_device)
    with pytest.raises(InputError, match=r"sim:5: .* use sim:4 or less"):
        check_host_memory(5, available=4 * per_device)
    check_host_memory(0, available=0)  # adb devices only
