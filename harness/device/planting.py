"""A device profile's canaries planted on an adb device and removed again, with a report of
what each kind became (harness.device.canaries does the planting of each kind)."""

from __future__ import annotations

from collections.abc import Callable

from harness.device import canaries
from harness.device.transport import Adb
from harness.errors import DeviceError
from harness.profile import DeviceProfile


def plant_profile(adb: Adb, api_level: Callable[[], int], profile: DeviceProfile) -> canaries.PlantReport:
    """Plant every kind the shell can write; a kind the device refuses is reported, not raised.
    api_level is asked only when the location is set (it costs a `getprop` the first time)."""
    report = canaries.PlantReport()
    planters: dict[str, Callable[[], None]] = {
        "contacts": lambda: canaries.plant_contacts(adb, profile.contacts, report),
        "call_log": lambda: canaries.plant_call_log(adb, profile.call_log, report),
        "sms": lambda: canaries.plant_sms(adb, profile.sms, report),
    }
    for kind, plant in planters.items():
        try:
            plant()
        except DeviceError as error:  # e.g. the provider refused the clean-up delete
            report.skipped.setdefault(kind, str(error))
    try:
        how = canaries.set_location(adb, api_level(), profile.latitude, profile.longitude)
    except DeviceError as error:
        report.skipped["location"] = str(error)
    else:
        report.planted["location"] = how
    for package in profile.installed_packages:
        report.skipped[f"package_{package}"] = "app-list markers are not installed on devices"
    return report


def remove_planted(adb: Adb, profile: DeviceProfile) -> None:
    canaries.remove_contacts(adb)
    canaries.remove_call_log(adb, profile.call_log)
    if not adb.serial.startswith("emulator-"):
        canaries.remove_test_provider(adb)
