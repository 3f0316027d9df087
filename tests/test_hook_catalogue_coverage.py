"""Coverage tells which data types were not watched: the agent's failed hooks carry the data types
they would have recorded (hooks/src/hooking.ts), and the report names them."""

from __future__ import annotations

from pathlib import Path

from harness.detect.match.transmissions import run_canaries
from harness.detect.view import RunView
from harness.profile import DEFAULT_PROFILE
from harness.records import HookEvent
from reports.coverage import CoverageInput, build_coverage, unwatched_data_types
from reports.problems import problems_and_health

FAILED = [
    {
        "hook": "android.telephony.TelephonyManager.getAllCellInfo",
        "error": "no method",
        "data_types": "cell_info",
    },
    {
        "hook": "android.content.ContentResolver.query",
        "error": "class missing",
        "data_types": "contacts,call_log,sms,calendar",
    },
    {"hook": "android.widget.Toast.show", "error": "class missing", "data_types": ""},
    {"hook": "old.agent.Without.types", "error": "class missing"},
]


def coverage_input(failed: list[dict[str, str]]) -> CoverageInput:
    manifest = {"status": "ok", "coverage": {"hooks_installed": ["x.Y.z"], "hooks_failed": failed}}
    return CoverageInput(manifest=manifest, findings=None, capture={}, files=())


def test_unwatched_data_types_are_united_and_sorted() -> None:
    assert unwatched_data_types({"hooks_failed": FAILED}) == [
        "calendar",
        "call_log",
        "cell_info",
        "contacts",
        "sms",
    ]
    assert unwatched_data_types({"hooks_failed": []}) == []
    assert unwatched_data_types({}) == []


def test_the_report_names_the_data_types_not_watched() -> None:
    data = coverage_input(FAILED)
    coverage = build_coverage(data)
    pairs = {pair.name: pair.value for pair in coverage.hooks_failed}
    assert pairs["android.telephony.TelephonyManager.getAllCellInfo"] == "no method (not watched: cell_info)"
    assert pairs["android.widget.Toast.show"] == "class missing"
    problems, _health = problems_and_health(data, coverage)
    [failed] = [p.text for p in problems if "failed to install" in p.text]
    assert failed.endswith(
        "Data types not watched on this device: calendar, call_log, cell_info, contacts, sms."
    )


def test_hooks_without_data_types_add_no_sentence() -> None:
    data = coverage_input([FAILED[2]])
    problems, _health = problems_and_health(data, build_coverage(data))
    [failed] = [p.text for p in problems if "failed to install" in p.text]
    assert "not watched on this device" not in failed


def hook_event(api: str, data_type: str, value: str) -> HookEvent:
    return HookEvent(ts=1.0, api=api, kind="data", data_type=data_type, value=value, sdk="com.qq.e", stack=[])


def test_advertising_and_bluetooth_values_read_at_runtime_become_canaries(tmp_path: Path) -> None:
    gaid = "38400000-8cf0-11bd-b23e-10b96e4ef00d"
    events = [
        hook_event(
            "com.google.android.gms.ads.identifier.AdvertisingIdClient.Info.getId", "advertising_id", gaid
        ),
        hook_event("android.bluetooth.BluetoothAdapter.getAddress", "bluetooth", "02:00:00:00:00:00"),
        hook_event("android.telephony.TelephonyManager.getSimOperator", "carrier", "46001"),
    ]
    view = RunView(tmp_path, {}, DEFAULT_PROFILE, events, [], [])
    observed = [c for c in run_canaries(view) if c.label.startswith("observed:")]
    # the placeholder MAC and the short carrier code would flag every app: not canaries
    assert [(c.data_type, c.value) for c in observed] == [("advertising_id", gaid)]
