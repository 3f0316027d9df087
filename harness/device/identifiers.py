"""Identifiers on a real device: they cannot be planted, so the run learns them.

IMEI, Android ID, serial... are read from the device (`getprop`, `settings`) or, for the
per-app values such as ANDROID_ID (scoped per signing key since API 26: developer.android.com
reference Settings.Secure#ANDROID_ID), from what the hooked getters returned to the app. Once the
app has run, the session writes `profile_seen_by_app` as the run's profile.json, so analysis
searches traffic for the values the app could really send, not the profile's defaults.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from harness.device.parse import parse_getprop
from harness.device.transport import Adb
from harness.errors import DeviceError
from harness.profile import DeviceProfile


@dataclass(frozen=True)
class DeviceIdentifiers:
    """Identifiers the device itself reports (what an app sees may differ, see module doc)."""

    serial: str | None
    model: str | None
    android_id_shell: str | None  # the shell user's ANDROID_ID, not an app's (API 26+)


def read_identifiers(adb: Adb) -> DeviceIdentifiers:
    props = parse_getprop(adb.run(["getprop"]))
    android_id = adb.run(["settings", "get", "secure", "android_id"]).strip()
    serial = props.get("ro.serialno") or props.get("ro.boot.serialno") or None
    return DeviceIdentifiers(
        serial=serial,
        model=props.get("ro.product.model") or None,
        android_id_shell=None if android_id in ("", "null") else android_id,
    )


# Hooked getter (api as recorded in events.jsonl) → the DeviceProfile field it reveals. The agent
# records the Settings getters only for the android_id setting (hooks/src/identifiers.ts).
_HOOK_FIELDS = {
    "android.provider.Settings$Secure.getString": "android_id",
    "android.provider.Settings.Secure.getString": "android_id",
    "android.provider.Settings.Secure.getStringForUser": "android_id",
    "android.provider.Settings.System.getString": "android_id",
    "android.provider.Settings.System.getStringForUser": "android_id",
    "android.telephony.TelephonyManager.getDeviceId": "imei",
    "android.telephony.TelephonyManager.getImei": "imei",
    "android.telephony.TelephonyManager.getSubscriberId": "imsi",
    "android.telephony.TelephonyManager.getSimSerialNumber": "sim_serial",
    "android.telephony.TelephonyManager.getLine1Number": "phone_number",
    "android.os.Build.getSerial": "serial",
    "android.net.wifi.WifiInfo.getMacAddress": "mac_address",
    "android.net.wifi.WifiInfo.getSSID": "ssid",
    "android.net.wifi.WifiInfo.getBSSID": "bssid",
}
_PLACEHOLDERS = {"", "null", "unknown", "02:00:00:00:00:00", "<unknown ssid>"}


def identifiers_from_hook_events(events: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Profile fields learnt from what hooked getters returned on the device (first value wins).

    On a real device the app's ANDROID_ID, IMEI... are whatever the device returns to that
    app, so detection must search traffic for these values rather than the profile's.
    """
    found: dict[str, str] = {}
    for event in events:
        name = _HOOK_FIELDS.get(str(event.get("api", "")))
        value = event.get("value")
        if name is None or not isinstance(value, str) or event.get("outcome", "returned") != "returned":
            continue
        if name == "android_id" and "android_id" not in [str(a).strip('"') for a in event.get("args", [])]:
            continue
        value = value.strip()
        if name == "ssid":
            value = value.strip('"')
        if value.lower() in _PLACEHOLDERS or name in found:
            continue
        found[name] = value
    return found


def profile_with_device_values(
    profile: DeviceProfile, identifiers: DeviceIdentifiers, learnt: dict[str, str]
) -> DeviceProfile:
    """The profile detection should use for an adb run: planted values kept, identifiers
    replaced by what the device reported and what the app was given."""
    changes: dict[str, Any] = {}
    if identifiers.serial:
        changes["serial"] = identifiers.serial
    if identifiers.model:
        changes["model"] = identifiers.model
    changes.update(learnt)
    return dataclasses.replace(profile, **changes)


def profile_seen_by_app(
    profile: DeviceProfile,
    read_identifiers: Callable[[], DeviceIdentifiers],
    events: Iterable[dict[str, Any]],
) -> DeviceProfile:
    """The run's profile once the app has run on a real device: what the device reports and what
    the hooked getters returned replace the profile's identifiers. A device that went away
    still leaves what the app was given."""
    try:
        identifiers = read_identifiers()
    except DeviceError:
        identifiers = DeviceIdentifiers(serial=None, model=None, android_id_shell=None)
    return profile_with_device_values(profile, identifiers, identifiers_from_hook_events(events))
