"""APKs on the sim: the same app run from its APK (binary manifest, label from resources.arsc,
dex translated by enjarify) and from its source folder gets the same verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from harness.analysis import analyze_run
from harness.session import RunConfig, RunResult, run_app
from harness.sim.device import SimDevice
from tests.fixtures.apk.support import build_app_apk, need

PROBE_APP = Path(__file__).resolve().parent / "fixtures" / "apk" / "probe_app"


def run(app: Path, out: Path) -> tuple[RunResult, dict[str, Any]]:
    device = SimDevice()
    try:
        config = RunConfig(app=app, out=out, scenarios=("first_launch",), duration_s=2.0, capture=False)
        result = run_app(config, device)
    finally:
        device.close()
    assert result.error is None, result.error
    return result, analyze_run(result.run_dir)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[RunResult, dict[str, Any]]]:
    import shutil

    need(shutil.which("enjarify") is not None, "enjarify missing (scripts/setup.sh installs it)")
    out = tmp_path_factory.mktemp("apk-sim")
    apk = build_app_apk(PROBE_APP, out / "probe.apk")
    return {"apk": run(apk, out / "from-apk"), "source": run(PROBE_APP, out / "from-source")}


def test_the_apk_installs_from_its_binary_manifest(runs: dict[str, tuple[RunResult, dict[str, Any]]]) -> None:
    result, _ = runs["apk"]
    app = result.manifest["app"]
    assert app["package"] == "com.ppdemo.apkprobe"
    assert app["label"] == "APK Probe"  # @string/app_label resolved through resources.arsc
    assert app["version"] == "0.7.1"
    assert [s["name"] for s in result.manifest["stages"]][:3] == ["scan", "agent", "install"]
    scan = json.loads((result.run_dir / "scan.json").read_text())
    assert scan["package"] == "com.ppdemo.apkprobe" and scan["sdks"][0]["prefix"] == "com.umeng"
    source_scan = json.loads((runs["source"][0].run_dir / "scan.json").read_text())
    assert source_scan["file"]["kind"] == "source" and scan["file"]["kind"] == "apk"
    same = (
        "package",
        "label",
        "version_name",
        "domains",
        "privacy_policy_url",
        "exported_components",
        "processes",
    )
    assert {k: source_scan[k] for k in same} == {k: scan[k] for k in same}
    assert [s["prefix"] for s in source_scan["sdks"]] == [s["prefix"] for s in scan["sdks"]]
    assert [p["name"] for p in source_scan["permissions"]] == [p["name"] for p in scan["permissions"]]


def test_same_verdicts_from_the_apk_and_from_the_source(
    runs: dict[str, tuple[RunResult, dict[str, Any]]],
) -> None:
    from_apk = {v["rule"]: v["status"] for v in runs["apk"][1]["verdicts"]}
    from_source = {v["rule"]: v["status"] for v in runs["source"][1]["verdicts"]}
    assert from_apk == from_source
    assert from_apk["pi_access_before_consent"] == "fail"  # the SDK read the Android ID, from dex too
    accesses = next(v for v in runs["apk"][1]["verdicts"] if v["rule"] == "pi_access_before_consent")
    assert "com.umeng" in accesses["summary"]


def test_declared_vs_observed_from_the_apk_run(runs: dict[str, tuple[RunResult, dict[str, Any]]]) -> None:
    section = runs["apk"][1]["declared_vs_observed"]
    assert section["source"] == "scan.json"
    assert {p["name"] for p in section["permissions_declared_never_requested"]} == {
        "android.permission.CAMERA",
        "android.permission.READ_CONTACTS",
    }
    assert [s["prefix"] for s in section["sdks_active"]] == ["com.umeng"]
    assert section["sdks_shipped_never_active"] == []
