from __future__ import annotations

import json
from pathlib import Path

from harness.records import HookEvent, JsonlWriter, read_jsonl, write_json_atomic


def event(value: str) -> HookEvent:
    return HookEvent(ts=1.0, api="a.B.c", kind="data", data_type="device_id", value=value, sdk=None, stack=[])


def test_writer_numbers_records_and_resumes_numbering(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    with JsonlWriter(path) as writer:
        writer.write(event("1"))
        writer.write(event("2"))
    with JsonlWriter(path) as writer:
        writer.write(event("3"))
    records = list(read_jsonl(path))
    assert [r["seq"] for r in records] == [0, 1, 2]
    assert [r["value"] for r in records] == ["1", "2", "3"]
    assert all(r["schema"] == 1 for r in records)


def test_each_record_is_on_disk_before_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    writer = JsonlWriter(path)
    writer.write(event("x"))
    assert json.loads(path.read_text())["value"] == "x"  # not closed yet: flushed per record
    writer.close()


def test_truncated_last_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text('{"seq": 0}\n{"seq": 1, "va', encoding="utf-8")
    assert list(read_jsonl(path)) == [{"seq": 0}]


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "manifest.json"
    write_json_atomic(target, {"a": "ü"})
    write_json_atomic(target, {"a": 2})
    assert json.loads(target.read_text()) == {"a": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]
