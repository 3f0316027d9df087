"""RunDir, the one reader of a run folder: typed documents, record streams that count what they
could not read, and one-line errors for a folder that is not a run."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from harness.documents import Findings, Manifest, Stage
from harness.errors import InputError
from harness.profile import DEFAULT_PROFILE
from harness.records import HookEvent
from harness.rundir import RunDir, is_run_dir
from tests.golden import unpack

API = "android.telephony.TelephonyManager.getImei"
EVENT = {"seq": 0, "ts": 1.0, "api": API, "kind": "data",
         "data_type": "device_id", "value": "864231057719348", "sdk": "com.umeng", "stack": [],
         "thread": "main", "process": "com.app:push", "posted_from": ["com.umeng.A.run"]}  # fmt: skip


def _run(tmp_path: Path) -> RunDir:
    run = RunDir(tmp_path / "run")
    run.path.mkdir()
    run.write_manifest(Manifest(run_id="r1", status="ok", stages=[Stage("install", "ok", 1.0, 2.0)]))
    return run


def test_the_manifest_written_is_the_manifest_read(tmp_path: Path) -> None:
    run = _run(tmp_path)
    assert is_run_dir(run.path) and not is_run_dir(tmp_path)
    manifest = run.manifest()
    assert (manifest.run_id, manifest.status, manifest.stages[0].name) == ("r1", "ok", "install")
    assert run.findings() is None and run.profile() is None


def test_record_streams_count_the_lines_they_cannot_read(tmp_path: Path) -> None:
    run = _run(tmp_path)
    lines = [
        json.dumps(EVENT),
        "[1, 2]",
        '{"api": "no.Timestamp"}',
        "",
        '{"seq": 3, "ts": 2.0, "api": "x.Y.z"',
    ]
    run.file("events.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    events = run.events()
    assert list(events) == [
        HookEvent(ts=1.0, api=API, kind="data", data_type="device_id", value="864231057719348",
                  sdk="com.umeng", stack=[], thread="main", process="com.app:push",
                  posted_from=["com.umeng.A.run"], seq=0)
    ]  # fmt: skip
    assert (events.stats.present, events.stats.records, events.stats.unreadable) == (True, 1, 3)
    assert [e.seq for e in events] == [0] and events.stats.unreadable == 3  # a second pass counts anew
    flows, steps = run.flows(), run.steps()
    assert list(flows) == [] and not flows.stats.present  # capture off: no flows.jsonl
    assert list(steps) == [] and (steps.stats.records, steps.stats.unreadable) == (0, 0)


def test_a_stream_reads_the_file_as_it_is_when_iterated(tmp_path: Path) -> None:
    run = _run(tmp_path)
    steps = run.steps()
    run.file("steps.jsonl").write_text('{"seq": 0, "ts": 3.0, "scenario": "s", "action": "launch"}\n')
    assert [(s.action, s.ts) for s in steps] == [("launch", 3.0)]


def test_profile_and_findings_of_a_recorded_run(tmp_path: Path) -> None:
    run_dir = unpack(tmp_path)["leaky_sdk"]
    run = RunDir(run_dir)
    assert run.profile() == DEFAULT_PROFILE.from_json(json.loads((run_dir / "profile.json").read_text()))
    assert run.manifest().app.package == "com.ppdemo.leaky"
    (run_dir / "findings.json").write_text(json.dumps({"verdicts": [{"rule": "r", "status": "pass"}]}))
    findings = run.findings()
    assert isinstance(findings, Findings) and findings.result == "pass"
    flows = run.flows()
    assert sum(1 for _ in flows) == flows.stats.records > 0 and flows.stats.unreadable == 0


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        (lambda p: None, "no such directory"),
        (lambda p: p.mkdir(), "not a run folder (no manifest.json)"),
        (
            lambda p: (p.mkdir(), (p / "manifest.json").write_bytes(b'{"run_id": ')),
            "manifest.json: not valid JSON",
        ),
        (
            lambda p: (p.mkdir(), (p / "manifest.json").write_text("[]")),
            "manifest.json: expected a JSON object",
        ),
        (
            lambda p: (p.mkdir(), (p / "manifest.json").write_text('{"app": 7}')),
            "manifest.json: app: expected an",
        ),
    ],
)
def test_a_folder_that_is_not_a_run_is_a_one_line_input_error(
    tmp_path: Path, prepare: Callable[[Path], object], message: str
) -> None:
    path = tmp_path / "run"
    prepare(path)
    with pytest.raises(InputError) as caught:
        RunDir(path).manifest()
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_broken_findings_and_profile_are_input_errors(tmp_path: Path) -> None:
    run = _run(tmp_path)
    run.file("findings.json").write_text('{"verdicts": "none"}')
    with pytest.raises(InputError, match=r"findings\.json: verdicts: missing or not a list"):
        run.findings()
    run.file("profile.json").write_text('{"imei": 1, "no_such_field": 2}')
    with pytest.raises(InputError, match=r"profile\.json: not a device profile"):
        run.profile()
