"""The result store: whole-or-nothing result files, resume planning, set-aside, locks."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from harness.batch.catalog import CatalogRow, parse_catalog
from harness.batch.index import build_index
from harness.batch.store import BatchBusy, BatchStore, plan_resume, write_json_durably
from harness.documents.batch import AppResult, AttemptRecord
from harness.documents.batch_index import BatchIndex
from harness.errors import InputError


def rows(tmp_path: Path) -> tuple[CatalogRow, ...]:
    return parse_catalog(tmp_path / "c.csv", "app,category\ncom.a.one,game\ncom.a.two,\ncom.a.three,\n").rows


def result_for(row: CatalogRow, status: str = "done", **extra: Any) -> AppResult:
    return AppResult.from_json({"schema": 1, "app_id": row.app_id, "fingerprint": row.fingerprint(),
                                "status": status, **extra})  # fmt: skip


# A result file as the batch wrote it before results were typed (harness/batch/runner.py at
# commit f6a3213): the same keys in the same order, one retried attempt, an interrupted one.
WRITTEN_BEFORE: dict[str, Any] = {
    "schema": 1, "app_id": "com.a.one", "line": 2, "name": None, "app": "com.a.one", "category": "game",
    "first_party": ["a.com"], "fingerprint": {"app": "com.a.one", "category": "game"},
    "batch_id": "b" * 32, "status": "done", "triage": None, "detail": "", "run_dir": "com.a.one",
    "run_id": "r2", "run_status": "ok", "exit_code": 1,
    "verdicts": {"fail": 1, "pass": 1, "inconclusive": 0, "not_tested": 0, "not_applicable": 0},
    "rules": {"pi_access_before_consent": "fail", "popup_harassment": "pass"},
    "failed_rules": ["pi_access_before_consent"], "analysis_error": None,
    "attempts": [
        {"attempt": 1, "device": "sim-0", "worker": None, "started": 1.5, "seconds": 3.25,
         "triage": "device_lost", "infrastructure": True, "detail": "gone", "run_id": "r1",
         "run_dir": "_batch/attempts/com.a.one/r1"},
        {"attempt": None, "device": "sim-1", "worker": None, "started": 2.0, "seconds": None,
         "triage": "interrupted", "infrastructure": True, "detail": "an earlier run did not finish",
         "run_id": "r0", "run_dir": "_batch/attempts/com.a.one/r0"},
        {"attempt": 2, "device": "sim-1", "worker": "tcp://h:1", "started": 9.0, "seconds": 4.0,
         "triage": None, "infrastructure": False, "detail": "", "run_id": "r2", "run_dir": "com.a.one"},
    ],
    "finished": 12.5,
}  # fmt: skip


def test_a_result_written_before_results_were_typed_loads_and_writes_back_identically(tmp_path: Path) -> None:
    store = BatchStore(tmp_path / "out")
    store.ensure()
    store.result_path("com.a.one").write_text(json.dumps(WRITTEN_BEFORE), encoding="utf-8")
    result = store.read_result("com.a.one")
    assert result is not None and result.completed and result.exit_code == 1
    assert [a.triage for a in result.attempts] == ["device_lost", "interrupted", None]
    assert isinstance(result.attempts[0], AttemptRecord) and result.attempts[2].worker == "tcp://h:1"
    store.write_result(result)
    written = store.result_path("com.a.one").read_text(encoding="utf-8")
    assert written == json.dumps(WRITTEN_BEFORE, ensure_ascii=False, indent=2) + "\n"
    # batch.json copies the result's fields as it did
    catalog = parse_catalog(tmp_path / "c.csv", "app,category,first_party\ncom.a.one,game,a.com\n")
    index = build_index(catalog, {"com.a.one": result}, {"devices": "sim:1"}).to_json()
    expected = {
        **INDEX_WRITTEN_BEFORE,
        "catalog": str((tmp_path / "c.csv").resolve()),
        "updated": index["updated"],
    }
    assert json.dumps(index) == json.dumps(expected)  # the same keys in the same order


# batch.json as the batch wrote it before the index was typed (harness/batch/index.py at commit
# f0927be) for WRITTEN_BEFORE and one app still pending.
INDEX_WRITTEN_BEFORE: dict[str, Any] = {
    "schema": 1, "catalog": "/x/c.csv", "updated": 13.0, "complete": True,
    "settings": {"devices": "sim:1"},
    "totals": {"apps": 1, "done": 1, "failed": 0, "pending": 0, "with_findings": 1},
    "triage": {},
    "citations": {"reproduced": 0, "not_reproduced": 0, "not_testable": 0, "reproduction_rate": None},
    "apps": [
        {"app_id": "com.a.one", "line": 2, "name": None, "app": "com.a.one", "category": "game",
         "status": "done", **{k: WRITTEN_BEFORE[k] for k in ("triage", "detail", "run_dir", "exit_code",
         "verdicts", "failed_rules", "rules", "attempts")}, "citations": []},
    ],
}  # fmt: skip
PENDING_ENTRY: dict[str, Any] = {
    "app_id": "com.a.two", "line": 3, "name": None, "app": "com.a.two", "category": None, "status": "pending",
    "triage": None, "detail": None, "run_dir": None, "exit_code": None, "verdicts": None,
    "failed_rules": None, "rules": None, "attempts": None,
    "citations": [{"label": "x", "result": "not_testable", "rules": [], "failed_rules": [], "reason": "r"}],
}  # fmt: skip


def test_a_batch_index_written_before_loads_and_writes_back_identically() -> None:
    before = {
        **INDEX_WRITTEN_BEFORE,
        "apps": [*INDEX_WRITTEN_BEFORE["apps"], PENDING_ENTRY],
        "complete": False,
    }
    index = BatchIndex.from_json(json.loads(json.dumps(before)))
    assert [app.status for app in index.apps] == ["done", "pending"]
    assert index.apps[0].attempts is not None and index.apps[0].attempts[0].triage == "device_lost"
    assert index.apps[1].attempts is None and not index.apps[1].incomplete
    assert json.dumps(index.to_json()) == json.dumps(before)  # the same keys in the same order


def test_unknown_keys_of_a_newer_result_survive_a_round_trip() -> None:
    newer = {**WRITTEN_BEFORE, "energy_mwh": 12}
    newer["attempts"] = [{**WRITTEN_BEFORE["attempts"][0], "host": "farm-3"}]
    assert AppResult.from_json(newer).to_json() == newer


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"schema": 2}, "schema: version 2 is not 1"),
        ({"status": "maybe"}, "status: 'maybe' is not one of done, failed"),
        ({"app_id": None}, "app_id: a result without an app id"),
        ({"verdicts": {"fail": "many"}}, "verdicts: expected a count"),
        ({"attempts": [{"attempt": "one"}]}, "attempts[0].attempt: expected a whole number"),
    ],
)
def test_a_result_that_is_not_one_is_refused_with_where(change: dict[str, Any], fragment: str) -> None:
    with pytest.raises(InputError, match=re.escape(fragment)):
        AppResult.from_json({**WRITTEN_BEFORE, **change}, "r.json")


def test_results_round_trip_and_leave_no_temporary_files(tmp_path: Path) -> None:
    store = BatchStore(tmp_path / "out")
    store.ensure()
    row = rows(tmp_path)[0]
    store.write_result(result_for(row, detail="ünïcödé 通报"))
    assert store.read_result(row.app_id) == result_for(row, detail="ünïcödé 通报")
    assert [p.name for p in store.results_dir.iterdir()] == [f"{row.app_id}.json"]


def test_a_torn_or_foreign_result_file_counts_as_no_result(tmp_path: Path) -> None:
    store = BatchStore(tmp_path / "out")
    store.ensure()
    store.result_path("com.a.one").write_text('{"schema": 1, "app_id": "com.a.', encoding="utf-8")
    store.result_path("com.a.two").write_text('{"schema": 99}', encoding="utf-8")
    assert store.read_result("com.a.one") is None
    assert store.read_result("com.a.two") is None


def test_a_writer_killed_mid_write_never_leaves_a_partial_file(tmp_path: Path) -> None:
    """SIGKILL a process that rewrites a large result in a loop: every read sees a whole file."""
    target = tmp_path / "result.json"
    write_json_durably(target, {"n": -1, "pad": ""})
    script = (
        "import sys; from pathlib import Path; from harness.batch.store import write_json_durably\n"
        "n = 0\n"
        "while True:\n"
        "    write_json_durably(Path(sys.argv[1]), {'n': n, 'pad': 'x' * 2_000_000}); n += 1\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", script, str(target)])
    try:
        for _ in range(40):
            time.sleep(0.05)
            assert "n" in json.loads(target.read_text(encoding="utf-8"))
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert json.loads(target.read_text(encoding="utf-8"))["n"] >= 0


def test_resume_plan_keeps_finished_apps_and_honours_rerun_flags(tmp_path: Path) -> None:
    store = BatchStore(tmp_path / "out")
    store.ensure()
    one, two, three = rows(tmp_path)
    store.write_result(result_for(one, "done"))
    store.write_result(result_for(two, "failed", triage="timeout"))

    plan = plan_resume((one, two, three), store, "none")
    assert [r.app_id for r in plan.to_run] == ["com.a.three"]
    assert set(plan.finished) == {"com.a.one", "com.a.two"}

    failed = plan_resume((one, two, three), store, "failed")
    assert [r.app_id for r in failed.to_run] == ["com.a.two", "com.a.three"]
    assert [r.app_id for r in plan_resume((one, two, three), store, "all").to_run] == [
        "com.a.one",
        "com.a.two",
        "com.a.three",
    ]


def test_a_changed_catalog_row_makes_its_result_stale(tmp_path: Path) -> None:
    store = BatchStore(tmp_path / "out")
    store.ensure()
    one = rows(tmp_path)[0]
    store.write_result(result_for(one))
    changed = parse_catalog(tmp_path / "c.csv", "app,category\ncom.a.one,social\n").rows
    plan = plan_resume(changed, store, "none")
    assert [r.app_id for r in plan.to_run] == ["com.a.one"]
    assert [r.app_id for r in plan.stale] == ["com.a.one"]


def test_set_aside_moves_an_unfinished_run_folder_and_keeps_it(tmp_path: Path) -> None:
    store = BatchStore(tmp_path / "out")
    store.ensure()
    run = store.run_dir("com.a.one")
    run.mkdir()
    (run / "manifest.json").write_text(
        json.dumps({"run_id": "abc123", "status": "running", "device": {"serial": "sim-2"}, "started": 5.0}),
        encoding="utf-8",
    )
    (run / "events.jsonl").write_text("{}\n", encoding="utf-8")
    moved = store.set_aside("com.a.one")
    assert moved == {
        "run_id": "abc123",
        "run_dir": "_batch/attempts/com.a.one/abc123",
        "status": "running",
        "device": "sim-2",
        "started": 5.0,
    }
    assert not run.exists()
    assert (store.out / moved["run_dir"] / "events.jsonl").read_text(encoding="utf-8") == "{}\n"
    assert store.set_aside("com.a.one") is None


@pytest.mark.parametrize("name", ["..", "../x", "a/b", "", ".hidden"])
def test_unsafe_ids_never_become_paths(tmp_path: Path, name: str) -> None:
    with pytest.raises(InputError):
        BatchStore(tmp_path).run_dir(name)


def _hold_lock(store_dir: Path, which: str) -> subprocess.Popen[str]:
    script = (
        "import sys, time; from pathlib import Path; from harness.batch.store import BatchStore\n"
        "store = BatchStore(Path(sys.argv[1]))\n"
        "lock = store.batch_lock() if sys.argv[2] == 'batch' else store.app_lock('com.a.one', 5)\n"
        "with lock:\n"
        "    print('held', flush=True)\n"
        "    time.sleep(60)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(store_dir), which], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_one_batch_per_output_folder_until_the_holder_dies(tmp_path: Path) -> None:
    store = BatchStore(tmp_path / "out")
    store.ensure()
    holder = _hold_lock(store.out, "batch")
    try:
        with pytest.raises(BatchBusy, match=f"pid {holder.pid}"), store.batch_lock():
            pass
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    with store.batch_lock():  # the kernel dropped the dead holder's lock
        pass


def test_app_lock_waits_for_its_holder_then_gives_up(tmp_path: Path) -> None:
    store = BatchStore(tmp_path / "out")
    store.ensure()
    holder = _hold_lock(store.out, "app")
    try:
        started = time.monotonic()
        with pytest.raises(BatchBusy, match="being run by another process"), store.app_lock("com.a.one", 0.5):
            pass
        assert time.monotonic() - started >= 0.5
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    with store.app_lock("com.a.one", 0.5):
        pass
