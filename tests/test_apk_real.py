"""Scanning APKs that real Android build tools (Gradle, AAPT2, D8/R8) produced: the APKs that
Appium's npm packages ship, fetched with npm at test time and cached, never committed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.apk.scan import scan_apk
from harness.cli import main
from tests.fixtures.apk.support import npm_apk

SETTINGS = ("io.appium.settings", "8.0.10", "apks/settings_apk-debug.apk")
UIAUTOMATOR2 = ("appium-uiautomator2-server", "10.6.6", "apks/appium-uiautomator2-server-v10.6.6.apk")


@pytest.fixture(scope="module")
def settings_apk() -> Path:
    return npm_apk(*SETTINGS)


@pytest.fixture(scope="module")
def settings(settings_apk: Path) -> dict[str, object]:
    return scan_apk(settings_apk).to_json()


def test_manifest_of_a_gradle_built_apk(settings: dict[str, object]) -> None:
    assert settings["package"] == "io.appium.settings"
    assert settings["version_name"] == "8.0.10" and settings["version_code"] == 192
    assert (settings["min_sdk"], settings["target_sdk"]) == (26, 35)
    assert settings["label"] == "Appium Settings"  # a string resource, resolved through resources.arsc
    assert settings["launcher_activity"] == "io.appium.settings.Settings"


def test_permissions_carry_the_platform_protection_level(settings: dict[str, object]) -> None:
    levels = {p["name"]: p["protection_level"] for p in settings["permissions"]}  # type: ignore[attr-defined]
    assert levels["android.permission.READ_SMS"] == "dangerous"
    assert levels["android.permission.ACCESS_FINE_LOCATION"].startswith("dangerous")
    assert levels["android.permission.ACCESS_MOCK_LOCATION"] == "signature"
    assert levels["android.permission.INTERNET"].startswith("normal")
    # declared by the app itself with protectionLevel="signature" (an integer in the binary XML)
    own = "io.appium.settings.DYNAMIC_RECEIVER_NOT_EXPORTED_PERMISSION"
    assert levels[own] == "signature"
    assert {"name": own, "protection_level": "signature"} in settings["declared_permissions"]  # type: ignore[operator]


def test_components_and_exported_ones(settings: dict[str, object]) -> None:
    components = {c["name"]: c for c in settings["components"]}  # type: ignore[attr-defined]
    sms = components["io.appium.settings.receivers.SmsReader"]
    assert sms["kind"] == "receiver" and sms["exported"] is True
    assert "io.appium.settings.Settings" in settings["exported_components"]  # type: ignore[operator]
    unexported = [c for c in components.values() if not c["exported"]]
    assert unexported, "a real app has components that are not exported"
    assert all(c["name"] not in settings["exported_components"] for c in unexported)  # type: ignore[operator]


def test_sdks_shipped_come_from_the_shared_signature_table(settings: dict[str, object]) -> None:
    prefixes = {s["prefix"] for s in settings["sdks"]}  # type: ignore[attr-defined]
    assert "com.google.android.gms" in prefixes  # Play services location is bundled
    assert "com.umeng" not in prefixes
    assert all(s["classes"] > 0 for s in settings["sdks"])  # type: ignore[attr-defined]
    assert "www.googleapis.com" in settings["domains"]  # type: ignore[operator]
    assert settings["privacy_policy_url"] is None  # a test helper app links no privacy policy


def test_cli_scan_json_is_one_document(settings_apk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(settings_apk), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert {"package", "version_name", "target_sdk", "permissions", "sdks"} <= set(document)
    assert main(["scan", str(settings_apk)]) == 0
    text = capsys.readouterr().out
    assert "io.appium.settings 8.0.10 (192)" in text and "dangerous" in text


def test_a_multidex_apk() -> None:
    document = scan_apk(npm_apk(*UIAUTOMATOR2)).to_json()
    assert document["package"] == "io.appium.uiautomator2.server"
    assert document["version_name"] == "10.6.6"
    assert len(document["dex_files"]) > 1 and document["dex_files"][0] == "classes.dex"
    assert "netty.io" in document["domains"]
