"""Identifiers on a real device: read from it and from what the hooked getters returned, and
written into the run's profile.json so analysis looks for the values the app could send."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from harness.device.adb import AdbDevice
from harness.device.identifiers import (
    DeviceIdentifiers,
    identifiers_from_hook_events,
    profile_seen_by_app,
)
from harness.device.transport import Adb
from harness.errors import DeviceError
from harness.profile import DEFAULT_PROFILE, DeviceProfile
from harness.rundir import EVENTS, PROFILE, RunDir
from harness.session import _write_profile_seen_by_app
from tests.fixtures.adb.fake_adb import FakeAdbDevice, recorded

REAL_ANDROID_ID = "5b1f09c2d4e6a873"


def hook_event(
    api: str, value: Any, outcome: str = "returned", args: list[str] | None = None
) -> dict[str, Any]:
    """An event as the agent records it (tests/test_agent.py shows the same shape)."""
    return {"api": api, "kind": "data", "value": value, "outcome": outcome, "args": args or []}


ANDROID_ID_READ = hook_event(
    "android.provider.Settings.Secure.getStringForUser",
    REAL_ANDROID_ID,
    args=["android.content.ContentResolver@3e1a", "android_id", "0"],
)


def test_values_the_hooked_getters_returned_become_profile_fields() -> None:
    events = [
        hook_event("android.telephony.TelephonyManager.getImei", None, "security_exception"),
        ANDROID_ID_READ,
        hook_event("android.provider.Settings.Secure.getString", "ffff", args=["cr", "android_id"]),  # later
        hook_event("android.net.wifi.WifiInfo.getSSID", '"Office-5G"'),
        hook_event("android.net.wifi.WifiInfo.getMacAddress", "02:00:00:00:00:00"),  # the placeholder
        hook_event("android.os.Build.getSerial", "unknown"),
    ]
    assert identifiers_from_hook_events(events) == {"android_id": REAL_ANDROID_ID, "ssid": "Office-5G"}


def test_a_settings_read_that_is_not_the_android_id_is_not_learnt() -> None:
    other = hook_event("android.provider.Settings.Secure.getString", "1", args=["cr", "adb_enabled"])
    assert identifiers_from_hook_events([other]) == {}


def test_the_profile_seen_by_the_app_keeps_what_was_planted() -> None:
    reported = DeviceIdentifiers(serial="1A2B3C4D5E6F", model="Pixel 6", android_id_shell="0123")
    seen = profile_seen_by_app(DEFAULT_PROFILE, lambda: reported, [ANDROID_ID_READ])
    assert (seen.serial, seen.model, seen.android_id) == ("1A2B3C4D5E6F", "Pixel 6", REAL_ANDROID_ID)
    assert seen.imei == DEFAULT_PROFILE.imei and seen.contacts == DEFAULT_PROFILE.contacts


def test_a_device_gone_after_the_run_still_leaves_what_the_app_was_given() -> None:
    def gone() -> DeviceIdentifiers:
        raise DeviceError("device 'emulator-5554' not found")

    seen = profile_seen_by_app(DEFAULT_PROFILE, gone, [ANDROID_ID_READ])
    assert seen.android_id == REAL_ANDROID_ID and seen.serial == DEFAULT_PROFILE.serial


def test_an_adb_device_reads_its_serial_model_and_shell_android_id(tmp_path: Path) -> None:
    fake = FakeAdbDevice(serial="1A2B3C4D5E6F").on(r"^getprop$", recorded("getprop_phone_api33.txt"))
    fake.settings["secure/android_id"] = "0123456789abcdef"
    device = AdbDevice(Adb(fake, fake.serial), state_dir=tmp_path / "state")
    assert device.read_identifiers() == DeviceIdentifiers("1A2B3C4D5E6F", "Pixel 6", "0123456789abcdef")


class _ReportingDevice:
    def read_identifiers(self) -> DeviceIdentifiers:
        return DeviceIdentifiers(serial="R5CT1234", model=None, android_id_shell=None)


def test_the_session_rewrites_profile_json_only_for_a_device_that_reports_identifiers(tmp_path: Path) -> None:
    run = RunDir(tmp_path)
    DEFAULT_PROFILE.write(run.file(PROFILE))
    run.file(EVENTS).write_text(json.dumps(ANDROID_ID_READ) + "\n", encoding="utf-8")
    _write_profile_seen_by_app(run, DEFAULT_PROFILE, object())  # type: ignore[arg-type]  # the sim
    assert DeviceProfile.read(run.file(PROFILE)) == DEFAULT_PROFILE
    _write_profile_seen_by_app(run, DEFAULT_PROFILE, _ReportingDevice())  # type: ignore[arg-type]
    written = DeviceProfile.read(run.file(PROFILE))
    assert (written.serial, written.android_id) == ("R5CT1234", REAL_ANDROID_ID)
