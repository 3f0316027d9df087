"""End to end: recorded run folders → findings.json (tests/fixtures/runs/*)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from harness.analysis import analyze_run, exit_code_for
from harness.detect import load_rules
from harness.documents import Consent, Findings, Verdict
from harness.errors import ExitCode, InputError

FIXTURES = Path(__file__).parent / "fixtures" / "runs"


def copy_run(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / name, tmp_path / name))


def verdicts(findings: Findings) -> dict[str, dict[str, Any]]:
    return {v.rule: v.to_json() for v in findings.verdicts}


def test_leaky_sdk_run(tmp_path: Path) -> None:
    run = copy_run("leaky_sdk", tmp_path)
    typed = analyze_run(run)
    findings = typed.to_json()
    assert json.loads((run / "findings.json").read_text(encoding="utf-8")) == findings
    assert typed.schema == 1 and typed.result == "fail" and exit_code_for(typed) == ExitCode.FINDINGS
    assert typed.app.package == "com.example.weather"
    assert typed.consent == Consent(1005.0, "steps.jsonl#2")
    assert findings["consent"] == {"ts": 1005.0, "ref": "steps.jsonl#2"}
    by_rule = verdicts(typed)
    assert [v["rule"] for v in findings["verdicts"]] == [r.id for r in load_rules()]

    access = by_rule["pi_access_before_consent"]
    assert access["status"] == "fail" and access["data_types"] == ["device_id", "location"]
    refs = {e["ref"]: e for e in access["evidence"]}
    assert set(refs) == {"events.jsonl#1", "events.jsonl#2", "events.jsonl#3"}  # not the permission check
    assert (
        refs["events.jsonl#3"]["outcome"] == "security_exception" and refs["events.jsonl#3"]["attempt_only"]
    )
    assert refs["events.jsonl#1"]["sdk"] == "com.umeng"

    before = by_rule["pi_transmitted_before_consent"]
    assert before["status"] == "fail" and before["data_types"] == ["device_id"]
    leaks = {e["canary"]: e for e in before["evidence"]}
    assert leaks["imei"]["encoding"] == ["gzip", "json", "hex", "md5"]
    assert leaks["android_id"]["encoding"] == ["gzip", "json", "base64"]
    assert leaks["imei"]["ref"] == "flows.jsonl#0"
    assert leaks["imei"]["domain"] == "umeng.com" and leaks["imei"]["owner"].startswith("Alibaba")
    assert leaks["imei"]["phase"] == "before_consent" and leaks["imei"]["location"] == "body"
    assert leaks["imei"]["collected_by"][0]["ref"] == "events.jsonl#1"
    assert before["sdks"] == ["com.umeng"]
    assert "could not be decrypted" in before["summary"]

    shared = by_rule["pi_shared_with_third_party"]
    assert shared["status"] == "fail" and shared["data_types"] == ["device_id", "location"]
    assert [d["domain"] for d in shared["destinations"]] == ["baidu.com", "umeng.com"]
    location = next(e for e in shared["evidence"] if e["canary"] == "location")
    assert location["encoding"] == ["json", "base64", "json", "e6"]
    assert location["phase"] == "after_consent" and location["sdk"] == "com.baidu.location"
    assert location["recipient_sdk"].startswith("Baidu Mobile Ads")

    first_party = [t for t in findings["transmissions"] if t["party"] == "first"]
    assert {(t["canary"], t["domain"]) for t in first_party} == {
        ("location", "weather.com.cn"),
        ("phone_number", "weather.com.cn"),
    }
    assert findings["coverage"]["flows_total"] == 5 and findings["coverage"]["flows_undecrypted"] == 1
    assert findings["coverage"]["detector_errors"] == []
    assert by_rule["popup_harassment"]["status"] == "not_tested"


def test_first_party_argument_moves_a_domain_out_of_third_party(tmp_path: Path) -> None:
    findings = analyze_run(copy_run("leaky_sdk", tmp_path), first_party=["umeng.com"])
    shared = verdicts(findings)["pi_shared_with_third_party"]
    assert [d["domain"] for d in shared["destinations"]] == ["baidu.com"]
    assert verdicts(findings)["pi_transmitted_before_consent"]["status"] == "fail"  # still before consent


def test_clean_run_passes(tmp_path: Path) -> None:
    typed = analyze_run(copy_run("clean_app", tmp_path))
    by_rule = verdicts(typed)
    for rule in ("pi_access_before_consent", "pi_transmitted_before_consent", "pi_shared_with_third_party"):
        assert by_rule[rule]["status"] == "pass", by_rule[rule]["summary"]
    assert typed.result == "pass" and exit_code_for(typed) == ExitCode.OK
    findings = typed.to_json()
    # the refusal at 1002 is not consent; the accepted one at 1003 is
    assert findings["consent"]["ref"] == "steps.jsonl#2"
    (transmission,) = findings["transmissions"]
    assert (transmission["canary"], transmission["party"]) == ("location", "first")


def test_capture_off_run(tmp_path: Path) -> None:
    typed = analyze_run(copy_run("capture_off", tmp_path))
    by_rule = verdicts(typed)
    findings = typed.to_json()
    for rule in ("pi_transmitted_before_consent", "pi_shared_with_third_party"):
        assert by_rule[rule]["status"] == "not_tested"
        assert "capture was off" in by_rule[rule]["summary"]
    access = by_rule["pi_access_before_consent"]
    assert access["status"] == "fail" and "never given" in access["summary"]
    assert len(access["evidence"]) == 1  # the truncated last line of events.jsonl is skipped, and counted
    assert typed.coverage.records_unreadable == {"events.jsonl": 1}
    assert findings["consent"] is None
    assert findings["coverage"]["capture"] == "off"
    assert findings["coverage"]["scenarios"]["consent_accept"].startswith("skipped")


def test_undecrypted_flows_before_consent_make_it_inconclusive(tmp_path: Path) -> None:
    run = copy_run("clean_app", tmp_path)
    with (run / "flows.jsonl").open("a", encoding="utf-8") as flows:
        flows.write(
            json.dumps(
                {
                    "seq": 9,
                    "ts": 1000.5,
                    "status": "tls_failed",
                    "method": "CONNECT",
                    "host": "sdk.e.qq.com",
                    "url": "https://sdk.e.qq.com/",
                    "request_headers": [],
                    "request_body": None,
                    "error": "client rejected the proxy certificate",
                }
            )
            + "\n"
        )
    by_rule = verdicts(analyze_run(run))
    assert by_rule["pi_transmitted_before_consent"]["status"] == "inconclusive"
    assert "1 flow(s) could not be decrypted" in by_rule["pi_transmitted_before_consent"]["summary"]
    assert by_rule["pi_shared_with_third_party"]["status"] == "inconclusive"


def test_values_seen_by_hooks_are_searched_even_when_the_profile_lacks_them(tmp_path: Path) -> None:
    run = copy_run("clean_app", tmp_path)
    device_android_id = "f00dfacecafe1234"  # what a real device handed the app, not the profile's
    (run / "events.jsonl").write_text(
        json.dumps(
            {
                "seq": 0,
                "ts": 1004.0,
                "api": "android.provider.Settings$Secure.getString",
                "kind": "data",
                "data_type": "device_id",
                "value": device_android_id,
                "sdk": "com.tencent.bugly",
                "stack": [],
            }
        )
        + "\n"
    )
    with (run / "flows.jsonl").open("a", encoding="utf-8") as flows:
        flows.write(
            json.dumps(
                {
                    "seq": 4,
                    "ts": 1004.5,
                    "status": "ok",
                    "method": "GET",
                    "host": "android.bugly.qq.com",
                    "url": f"https://android.bugly.qq.com/rqd?aid={device_android_id.upper()}",
                    "request_headers": [],
                    "request_body": None,
                }
            )
            + "\n"
        )
    shared = verdicts(analyze_run(run))["pi_shared_with_third_party"]
    assert shared["status"] == "fail"
    (evidence,) = shared["evidence"]
    assert (
        evidence["canary"] == "observed:Settings$Secure.getString" and evidence["sdk"] == "com.tencent.bugly"
    )
    assert evidence["owner"] == "Tencent" and evidence["location"] == "url"


def test_analysis_is_repeatable(tmp_path: Path) -> None:
    run = copy_run("leaky_sdk", tmp_path)
    assert analyze_run(run) == analyze_run(run)


def test_a_folder_without_manifest_is_not_a_run(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r": not a run folder \(no manifest.json\)"):
        analyze_run(tmp_path)


def test_a_garbled_manifest_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"schema": 1, "app": ', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        analyze_run(tmp_path)


def test_a_run_without_hooks_or_profile_is_not_tested(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text(
        json.dumps({"schema": 1, "app": {}, "coverage": {}}), encoding="utf-8"
    )
    (tmp_path / "flows.jsonl").write_text("", encoding="utf-8")
    by_rule = verdicts(analyze_run(tmp_path))
    assert by_rule["pi_access_before_consent"]["status"] == "not_tested"
    assert "profile.json" in by_rule["pi_transmitted_before_consent"]["summary"]


def _verdict(status: str) -> dict[str, str]:
    return {"rule": "r", "status": status}


def test_exit_codes() -> None:
    passing = {"result": "pass", "verdicts": [_verdict("pass"), _verdict("not_tested")]}
    failing = {"result": "fail", "verdicts": [_verdict("fail")]}
    errored = {"result": "errored", "verdicts": [_verdict("inconclusive")]}
    incomplete = {**passing, "incomplete": ["the capture died"]}
    codes = [exit_code_for(Findings.from_json(f)) for f in (passing, failing, errored, incomplete)]
    assert codes == [ExitCode.OK, ExitCode.FINDINGS, ExitCode.ERROR, ExitCode.ERROR]
    assert isinstance(Findings.from_json(failing).verdicts[0], Verdict)


def test_coordinate_tolerance_reaches_the_matcher(tmp_path: Path) -> None:
    findings = analyze_run(copy_run("leaky_sdk", tmp_path), coordinate_tolerance=0.00001).to_json()
    assert findings["settings"]["coordinate_tolerance"] == 0.00001
    fixes = [t["domain"] for t in findings["transmissions"] if t["canary"] == "location"]
    assert fixes == ["baidu.com"]  # exact E6 values; the 4-decimal fix to weather.com.cn is now too far


def test_lone_surrogates_in_recorded_text_do_not_crash_detection(tmp_path: Path) -> None:
    run = copy_run("clean_app", tmp_path)
    with (run / "events.jsonl").open("a", encoding="utf-8") as events:
        events.write(
            '{"seq": 5, "ts": 1004.0, "api": "android.content.ClipboardManager.getPrimaryClip", '
            '"kind": "data", "data_type": "clipboard", "value": "copied \\udcff text here", "sdk": null}\n'
        )
    with (run / "flows.jsonl").open("a", encoding="utf-8") as flows:
        flows.write(
            '{"seq": 7, "ts": 1004.5, "status": "ok", "method": "GET", "host": "x.tracker-demo.net", '
            '"url": "https://x.tracker-demo.net/?c=copied \\udcff text here", '
            '"request_headers": [["X", "\\ud800"]]}\n'
        )
    findings = analyze_run(run)
    assert findings.coverage.detector_errors == []
    shared = verdicts(findings)["pi_shared_with_third_party"]
    assert shared["status"] == "fail" and shared["data_types"] == ["clipboard"]
