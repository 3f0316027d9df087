"""The instrumented run on the simulated device, end to end: real JVM, real Frida, real agent."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from harness.records import read_jsonl
from harness.session import RunConfig, RunResult, run_app
from harness.sim.device import SimDevice
from tests.conftest import EXAMPLES

UMENG_INIT = "com.umeng.commonsdk.UMConfigure.init"


def run_example(name: str, out: Path, duration: float = 1.5) -> RunResult:
    device = SimDevice()
    try:
        config = RunConfig(
            app=EXAMPLES / name,
            out=out / name,
            scenarios=("first_launch",),
            duration_s=duration,
            capture=False,
        )
        return run_app(config, device)
    finally:
        device.close()


def events_of(result: RunResult) -> list[dict[str, Any]]:
    return list(read_jsonl(result.run_dir / "events.jsonl"))


@pytest.fixture(scope="module")
def leaky(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return run_example("leaky_sdk", tmp_path_factory.mktemp("runs"))


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return run_example("clean_notes", tmp_path_factory.mktemp("runs"))


def test_sdk_reads_in_application_on_create_are_recorded_exactly(leaky: RunResult) -> None:
    data = [e for e in events_of(leaky) if e["kind"] == "data"]
    assert [(e["api"], e["data_type"], e["outcome"]) for e in data] == [
        ("android.telephony.TelephonyManager.getDeviceId", "device_id", "security_exception"),
        ("android.provider.Settings.Secure.getString", "device_id", "returned"),
        ("android.net.wifi.WifiManager.getConnectionInfo", "wifi", "returned"),
        ("android.net.wifi.WifiInfo.getMacAddress", "mac_address", "returned"),
        ("android.content.pm.PackageManager.getInstalledPackages", "app_list", "returned"),
        ("android.content.ClipboardManager.getPrimaryClip", "clipboard", "returned"),
    ]
    values = [e["value"] for e in data]
    # refused: on API 29+ an app targeting 29+ never gets the IMEI (TelephonyPermissions)
    assert values[0] is None
    assert "does not meet the requirements to access device identifiers" in data[0]["error"]
    assert values[1] == "9c4f2b7e1a38d650"
    assert "MAC: 3c:a6:f6:51:8e:27" in values[2]  # WifiInfo.toString
    assert values[3] == "3c:a6:f6:51:8e:27"
    assert values[4].split(",")[:3] == ["com.canary.wallet", "com.canary.dating", "com.canary.health.tracker"]
    assert values[5] == "PPCLIP-7f3a-canary-clipboard"
    for event in data:
        assert event["sdk"] == "com.umeng"
        assert event["stack"][0] == UMENG_INIT
        assert "com.ppdemo.leaky.WeatherApp.onCreate" in event["stack"]
        assert event["thread"] == "main"
        assert event["schema"] == 1


def test_app_own_ui_calls_are_not_attributed_to_an_sdk(leaky: RunResult) -> None:
    ui = [e for e in events_of(leaky) if e["kind"] == "ui"]
    assert [e["api"] for e in ui] == ["android.app.Dialog.show"]
    assert ui[0]["sdk"] is None
    assert "com.ppdemo.leaky.MainActivity.onCreate" in ui[0]["stack"]


def test_manifest_states_status_stages_and_hook_coverage(leaky: RunResult) -> None:
    manifest = json.loads((leaky.run_dir / "manifest.json").read_text())
    assert manifest["status"] == "ok"
    assert manifest["app"]["package"] == "com.ppdemo.leaky"
    assert manifest["app"]["label"] == "Leaky Weather"
    assert manifest["device"]["backend"] == "sim"
    assert [s["name"] for s in manifest["stages"]] == ["agent", "install", "scenario:first_launch"]
    assert all(s["status"] == "ok" for s in manifest["stages"])
    coverage = manifest["coverage"]
    assert coverage["hooks_failed"] == []
    assert coverage["agent_runtime"] == "hotspot"
    for hook in (
        "android.telephony.TelephonyManager.getDeviceId",
        "android.location.LocationManager.requestLocationUpdates",
        "android.content.ContentResolver.query",
        "android.app.Activity.requestPermissions",
        "android.widget.PopupWindow.showAtLocation",
    ):
        assert hook in coverage["hooks_installed"]
    assert coverage["scenarios"] == {"first_launch": "ran"}
    assert coverage["capture"] == "off"
    steps = [s["action"] for s in read_jsonl(leaky.run_dir / "steps.jsonl")]
    assert steps[:3] == ["clear_data", "launch", "launched"]
    assert "screen" in steps
    shots = sorted((leaky.run_dir / "ui").glob("*.png"))
    assert shots and all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in shots)


def test_well_behaved_app_reads_nothing_before_consent(clean: RunResult) -> None:
    events = events_of(clean)
    assert [e for e in events if e["kind"] == "data"] == []
    assert [e["api"] for e in events] == ["android.app.Dialog.show"]


def find_node(xml: str, text: str) -> tuple[int, int]:
    from defusedxml import ElementTree

    for node in ElementTree.fromstring(xml).iter("node"):
        if node.get("text") == text or node.get("resource-id", "").endswith(text):
            left, top, right, bottom = (
                int(v) for v in node.get("bounds", "").replace("][", ",").strip("[]").split(",")
            )
            return (left + right) // 2, (top + bottom) // 2
    raise AssertionError(f"{text!r} not on screen: {xml[:400]}")


def test_permission_request_on_user_action_then_location_read(tmp_path: Path) -> None:
    """Through the sim's real permission dialog: the request, the check and the read are all events."""
    from harness.agent import build_agent
    from harness.instrument import Instrumentation
    from harness.records import JsonlWriter

    device = SimDevice()
    events_path = tmp_path / "events.jsonl"
    try:
        app = device.install(EXAMPLES / "clean_notes")
        with JsonlWriter(events_path) as writer:
            instrumentation = Instrumentation(device.frida_device(), build_agent(), writer, app.package)
            device.launch(app.package, before_start=instrumentation.attach)
            instrumentation.wait_ready()
            device.tap(*find_node(device.dump_ui(), "Agree"))
            device.tap(*find_node(device.dump_ui(), "Tag note with my city"))
            assert device.foreground_package() == "com.android.permissioncontroller"
            device.tap(*find_node(device.dump_ui(), "permission_allow_foreground_only_button"))
            deadline = time.monotonic() + 5
            while "Tagged near your city" not in device.dump_ui() and time.monotonic() < deadline:
                time.sleep(0.1)
            instrumentation.detach()
    finally:
        device.close()
    events = list(read_jsonl(events_path))
    kinds = [(e["api"].rsplit(".", 2)[-2] + "." + e["api"].rsplit(".", 1)[-1], e["kind"]) for e in events]
    assert ("ContextImpl.checkSelfPermission", "permission_check") in kinds
    request = next(e for e in events if e["kind"] == "permission_request")
    assert request["args"][0] == "android.permission.ACCESS_COARSE_LOCATION"
    location = next(e for e in events if e["api"].endswith("getLastKnownLocation"))
    assert location["value"] == "31.230416,121.473701"
    assert location["data_type"] == "location"
    assert location["sdk"] is None
    assert location["ts"] > request["ts"]
