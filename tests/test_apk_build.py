"""The examples become real APKs with Debian's tools (aapt, zipalign, apksigner, smali), and the
scan reads back what their manifests and code declare."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from harness.apk.scan import scan_apk
from tests.fixtures.apk.support import EXAMPLES, build_app_apk

PROBE_APP = Path(__file__).resolve().parent / "fixtures" / "apk" / "probe_app"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("apks")
    return {
        "leaky_sdk": build_app_apk(EXAMPLES / "leaky_sdk", out / "leaky_sdk.apk"),
        "permission_gate": build_app_apk(EXAMPLES / "permission_gate", out / "permission_gate.apk"),
        "probe": build_app_apk(PROBE_APP, out / "probe.apk", target_sdk=33),
    }


def test_example_apks_are_signed_and_read_back(built: dict[str, Path]) -> None:
    for apk in built.values():
        subprocess.run(["apksigner", "verify", str(apk)], check=True, capture_output=True)
    leaky = scan_apk(built["leaky_sdk"]).to_json()
    assert (leaky["package"], leaky["version_name"], leaky["version_code"]) == (
        "com.ppdemo.leaky",
        "1.2.0",
        3,
    )
    assert (leaky["min_sdk"], leaky["target_sdk"]) == (24, 30)
    assert leaky["label"] == "Leaky Weather"  # moved into resources.arsc by the build
    assert leaky["application_class"] == "com.ppdemo.leaky.WeatherApp"
    assert leaky["launcher_activity"] == "com.ppdemo.leaky.MainActivity"
    levels = {p["name"]: p["protection_level"] for p in leaky["permissions"]}
    assert levels["android.permission.READ_PHONE_STATE"] == "dangerous"
    assert levels["android.permission.INTERNET"].startswith("normal")
    # the code: javac → class2smali → smali → classes.dex, with the demo SDK and its host in it
    assert leaky["dex_files"] == ["classes.dex"]
    assert [s["prefix"] for s in leaky["sdks"]] == ["com.umeng"] and leaky["domains"] == ["alog.umeng.com"]
    gate = scan_apk(built["permission_gate"]).to_json()
    assert gate["package"] != leaky["package"] and gate["permissions"] != leaky["permissions"]


def test_smali_code_gives_the_sdk_inventory_urls_and_policy(built: dict[str, Path]) -> None:
    probe = scan_apk(built["probe"]).to_json()
    assert probe["target_sdk"] == 33 and probe["dex_files"] == ["classes.dex"]
    assert [s["prefix"] for s in probe["sdks"]] == ["com.umeng"]
    assert probe["domains"] == ["alog.umeng.com", "apkprobe.example.cn"]
    assert probe["privacy_policy_url"] == "https://apkprobe.example.cn/privacy.html"


def test_components_exported_explicitly_or_by_intent_filter(built: dict[str, Path]) -> None:
    probe = scan_apk(built["probe"]).to_json()
    components = {c["name"].rsplit(".", 1)[1]: c for c in probe["components"]}
    assert components["MainActivity"]["exported"] and components["MainActivity"]["exported_explicit"]
    # no android:exported but an intent filter: exported by the platform default
    assert components["PushReceiver"]["exported"] and not components["PushReceiver"]["exported_explicit"]
    assert not components["SyncService"]["exported"]
    assert components["SyncService"]["process"] == "com.ppdemo.apkprobe:sync"
    assert probe["processes"] == ["com.ppdemo.apkprobe:sync"]
    assert probe["exported_components"] == [
        "com.ppdemo.apkprobe.MainActivity",
        "com.ppdemo.apkprobe.PushReceiver",
    ]
