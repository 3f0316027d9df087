"""A catalog of example and fixture apps on two sim devices: triage, citations, reruns."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from tests.fixtures.batch.support import (
    APPS,
    EXAMPLES,
    apps_by_id,
    read_json,
    result_files,
    run_batch_cli,
    write_catalog,
)

HEADER = "app,name,category,first_party,cited"


def test_catalog_on_two_sim_devices_then_resume_and_rerun_failed(tmp_path: Path) -> None:
    catalog = write_catalog(
        tmp_path,
        [
            (
                str(EXAMPLES / "leaky_sdk"),
                "leaky",
                "weather",
                "",
                "违规收集个人信息;强制用户使用定向推送功能",
            ),
            (str(EXAMPLES / "clean_notes"), "notes", "notes", "", "违规收集个人信息"),
            (str(APPS / "crasher"), "crasher", "", "", ""),
            (str(APPS / "frida_shy"), "shy", "", "", ""),
            (str(APPS / "broken"), "broken", "", "", ""),
            (str(APPS / "silent"), "silent", "", "", ""),
        ],
        header=HEADER,
    )
    out = tmp_path / "out"
    scenarios = ("--scenario", "first_launch", "--scenario", "consent_reject")
    options = ("--out", out, "--devices", "sim:2", "--duration", "1", "--timeout", "180", *scenarios)
    first = run_batch_cli(catalog, *options)
    assert first.returncode == 2, first.stderr  # some apps could not be tested
    assert "3 of 6 apps could not be tested" in first.stderr
    apps = apps_by_id(out)

    leaky, notes = apps["leaky"], apps["notes"]
    assert (leaky["status"], leaky["triage"], leaky["exit_code"]) == ("done", None, 1)
    assert "pi_access_before_consent" in leaky["failed_rules"]
    assert [(c["label"], c["result"]) for c in leaky["citations"]] == [
        ("违规收集个人信息", "reproduced"),
        ("强制用户使用定向推送功能", "not_testable"),
    ]
    assert (notes["status"], notes["citations"][0]["result"]) == ("done", "not_reproduced")
    assert (read_json(out / leaky["run_dir"] / "findings.json")["verdicts"]) and leaky["run_dir"] == "leaky"

    # findings about the app are never retried (a Frida crash before them may have been)
    for app_id, triage in (
        ("crasher", "crashed_on_launch"),
        ("shy", "anti_instrumentation"),
        ("broken", "install_failed"),
    ):
        assert (apps[app_id]["status"], apps[app_id]["triage"]) == ("failed", triage), apps[app_id]
        *retried, last = apps[app_id]["attempts"]
        assert (last["triage"], last["infrastructure"]) == (triage, False)
        assert all(a["infrastructure"] for a in retried)
    assert len(apps["broken"]["attempts"]) == 1
    assert "without Frida it keeps running" in apps["shy"]["detail"]
    # a caveat on a completed run, not a failure to test the app
    assert (apps["silent"]["status"], apps["silent"]["triage"]) == ("done", "no_consent_dialog_found")

    _assert_one_app_per_device_at_a_time([a for app in apps.values() for a in app["attempts"]])
    index = read_json(out / "batch.json")
    assert index["complete"] and index["totals"] == {
        "apps": 6, "done": 3, "failed": 3, "pending": 0, "with_findings": 1,
    }  # fmt: skip
    assert index["triage"] == {
        "crashed_on_launch": 1, "anti_instrumentation": 1, "install_failed": 1, "no_consent_dialog_found": 1,
    }  # fmt: skip
    summary = index["citations"]
    assert (summary["reproduced"], summary["not_reproduced"], summary["not_testable"]) == (1, 1, 1)
    assert summary["reproduction_rate"] == 0.5
    assert "regulator citations: 1 reproduced, 1 not reproduced, 1 not testable" in first.stdout

    # a finished batch does nothing when started again
    before = result_files(out)
    again = run_batch_cli(catalog, *options)
    assert again.returncode == 2
    assert "nothing to run" in again.stderr
    assert result_files(out) == before

    # --rerun-failed runs the three failed apps and leaves the others alone
    rerun = run_batch_cli(catalog, *options, "--rerun-failed")
    assert rerun.returncode == 2
    after = result_files(out)
    assert {k for k in after if after[k] != before[k]} == {"crasher", "shy", "broken"}
    assert not (out / "_batch" / "attempts" / "leaky").exists()
    first_crasher_run = apps["crasher"]["attempts"][0]["run_id"]
    kept = out / "_batch" / "attempts" / "crasher" / first_crasher_run / "manifest.json"
    assert read_json(kept)["run_id"] == first_crasher_run  # the earlier run is kept, not replaced
    assert apps_by_id(out)["crasher"]["attempts"][-1]["triage"] == "crashed_on_launch"


def _assert_one_app_per_device_at_a_time(attempts: list[dict[str, Any]]) -> None:
    by_device: dict[str, list[tuple[float, float]]] = {}
    for attempt in attempts:
        by_device.setdefault(attempt["device"], []).append(
            (attempt["started"], attempt["started"] + attempt["seconds"])
        )
    assert sorted(by_device) == ["sim-1", "sim-2"]
    for spans in by_device.values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert start >= end - 0.01
