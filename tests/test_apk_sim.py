"""APKs on the sim: the same app run from its APK (binary manifest, label from resources.arsc,
dex translated by enjarify) and from its source folder gets the same verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from harness.analysis import analyze_run
from harness.apk.scan import scan_app
from harness.session import RunConfig, RunResult, run_app
from harness.sim.device import SimDevice
from tests.fixtures.apk.support import EXAMPLES, build_app_apk, need

PROBE_APP = Path(__file__).resolve().parent / "fixtures" / "apk" / "probe_app"


def run(app: Path, out: Path) -> tuple[RunResult, dict[str, Any]]:
    device = SimDevice()
    try:
        config = RunConfig(app=app, out=out, scenarios=("first_launch",), duration_s=2.0, capture=False)
        result = run_app(config, device)
    finally:
        device.close()
    assert result.error is None, result.error
    return result, analyze_run(result.run_dir).to_json()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[RunResult, dict[str, Any]]]:
    import shutil

    need(shutil.which("enjarify") is not None, "enjarify missing (scripts/setup.sh installs it)")
    out = tmp_path_factory.mktemp("apk-sim")
    apk = build_app_apk(PROBE_APP, out / "probe.apk")
    example = build_app_apk(EXAMPLES / "leaky_sdk", out / "leaky_sdk.apk")
    return {
        "apk": run(apk, out / "from-apk"),
        "example_apk": run(example, out / "example-from-apk"),
        "example_source": run(EXAMPLES / "leaky_sdk", out / "example-from-source"),
    }


def test_the_apk_installs_from_its_binary_manifest(runs: dict[str, tuple[RunResult, dict[str, Any]]]) -> None:
    result, _ = runs["apk"]
    app = result.manifest.app
    assert app.package == "com.ppdemo.apkprobe"
    assert app.label == "APK Probe"  # @string/app_label resolved through resources.arsc
    assert app.version == "0.7.1"
    assert [s.name for s in result.manifest.stages][:3] == ["scan", "agent", "install"]
    scan = json.loads((result.run_dir / "scan.json").read_text())
    assert scan["package"] == "com.ppdemo.apkprobe" and scan["sdks"][0]["prefix"] == "com.umeng"
    source_scan = json.loads((runs["example_source"][0].run_dir / "scan.json").read_text())
    assert source_scan["file"]["kind"] == "source" and source_scan["package"] == "com.ppdemo.leaky"
    from_folder = scan_app(PROBE_APP).to_json()  # the same facts from the folder the APK was built from
    same = (
        "package",
        "label",
        "version_name",
        "domains",
        "privacy_policy_url",
        "exported_components",
        "processes",
    )
    assert {k: from_folder[k] for k in same} == {k: scan[k] for k in same}
    assert [s["prefix"] for s in from_folder["sdks"]] == [s["prefix"] for s in scan["sdks"]]
    assert [p["name"] for p in from_folder["permissions"]] == [p["name"] for p in scan["permissions"]]


def test_the_smali_app_reads_from_its_sdk(runs: dict[str, tuple[RunResult, dict[str, Any]]]) -> None:
    verdicts = {v["rule"]: v for v in runs["apk"][1]["verdicts"]}
    assert verdicts["pi_access_before_consent"]["status"] == "fail"
    assert "com.umeng" in verdicts["pi_access_before_consent"]["summary"]


def test_declared_vs_observed_from_the_apk_run(runs: dict[str, tuple[RunResult, dict[str, Any]]]) -> None:
    section = runs["apk"][1]["declared_vs_observed"]
    assert section["source"] == "scan.json"
    assert {p["name"] for p in section["permissions_declared_never_requested"]} == {
        "android.permission.CAMERA",
        "android.permission.READ_CONTACTS",
    }
    assert [s["prefix"] for s in section["sdks_active"]] == ["com.umeng"]
    assert section["sdks_shipped_never_active"] == []


def test_an_example_app_gets_the_same_verdicts_from_its_apk(
    runs: dict[str, tuple[RunResult, dict[str, Any]]],
) -> None:
    """examples/leaky_sdk as an APK whose dex came from its Java sources (class2smali + smali)."""
    from_apk = {v["rule"]: v["status"] for v in runs["example_apk"][1]["verdicts"]}
    from_source = {v["rule"]: v["status"] for v in runs["example_source"][1]["verdicts"]}
    assert from_apk == from_source and from_apk["pi_access_before_consent"] == "fail"
    apis = [
        sorted(
            {
                (e["api"], e["sdk"])
                for e in map(json.loads, (r.run_dir / "events.jsonl").open())
                if e["data_type"]
            }
        )
        for r, _ in (runs["example_apk"], runs["example_source"])
    ]
    assert apis[0] == apis[1] and ("android.provider.Settings.Secure.getString", "com.umeng") in apis[0]
