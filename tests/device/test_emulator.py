"""On a real emulator: the adb backend's primitives, then every example app's scenarios run
through the same session, scenarios and agent as on the sim."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from device_examples import example_apps

from harness.device.adb import AdbDevice
from harness.device.canaries import CONTACT_DATA
from harness.device.doctor import doctor_device
from harness.device.parse import parse_content_rows
from harness.device.proxy import current_proxy
from harness.profile import DEFAULT_PROFILE

EXAMPLE_NAMES = [app.name for app in example_apps()]


def test_device_is_ready_for_instrumented_runs(serial: str) -> None:
    failing = [f"{c.name}: {c.detail} (fix: {c.fix})" for c in doctor_device(serial) if c.status == "fail"]
    assert failing == []


def test_primitives_on_the_first_example(serial: str, built_apks: dict[str, Path], tmp_path: Path) -> None:
    if not built_apks:
        pytest.skip("no example apps under examples/")
    apk = built_apks[sorted(built_apks)[0]]
    with AdbDevice(serial, state_dir=tmp_path / "state") as device:
        app = device.install(apk)
        try:
            device.clear_data(app.package)
            pid = device.launch(app.package)
            assert pid > 0 and device.is_running(app.package)
            assert device.pid_of(app.package) == pid
            hierarchy = ET.fromstring(device.dump_ui())
            assert hierarchy.tag == "hierarchy"
            device.screenshot(tmp_path / "screen.png")
            assert (tmp_path / "screen.png").stat().st_size > 1000
            assert device.foreground_package() in (app.package, "com.android.permissioncontroller",
                                                   "com.google.android.permissioncontroller")  # fmt: skip
            runtime = [p for p in app.permissions if "LOCATION" in p or "CONTACTS" in p]
            for permission in runtime[:1]:
                device.grant_permission(app.package, permission)
                dump = device.package_dump(app.package)
                assert dump is not None and dump.granted(permission)
                device.revoke_permission(app.package, permission)
            device.stop(app.package)
            assert not device.is_running(app.package)
        finally:
            device.uninstall(app.package)
        assert device.installed_paths(app.package) == []


def test_canaries_are_planted_and_removed(serial: str, tmp_path: Path) -> None:
    device = AdbDevice(serial, state_dir=tmp_path / "state")
    device.plant_canaries(DEFAULT_PROFILE)
    names = {row.get("data1") for row in parse_content_rows(
        device.adb.run(["content", "query", "--uri", CONTACT_DATA, "--projection", "data1"]))}  # fmt: skip
    assert {contact.name for contact in DEFAULT_PROFILE.contacts} <= names
    assert "location" in device.plant_report.planted
    device.close()
    names_after = {row.get("data1") for row in parse_content_rows(
        device.adb.run(["content", "query", "--uri", CONTACT_DATA, "--projection", "data1"]))}  # fmt: skip
    assert not {contact.name for contact in DEFAULT_PROFILE.contacts} & names_after


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_app_scenarios_on_the_emulator(
    serial: str, built_apks: dict[str, Path], tmp_path: Path, name: str
) -> None:
    from harness.session import RunConfig, run_app

    device = AdbDevice(serial, state_dir=tmp_path / "state")
    proxy_before = current_proxy(device.adb)
    try:
        result = run_app(RunConfig(app=built_apks[name], out=tmp_path / name), device)
    finally:
        device.close()
    assert result.error is None, result.error
    manifest = result.manifest.to_json()
    assert manifest["device"]["backend"] == "adb"
    assert manifest["coverage"]["hooks_installed"], "the agent installed no hooks on the device"
    outcomes = manifest["coverage"]["scenarios"]
    assert outcomes and all(outcome == "ran" for outcome in outcomes.values()), outcomes
    assert (result.run_dir / "logcat.txt").stat().st_size > 0
    assert current_proxy(device.adb) == proxy_before
