"""The hook catalogue on the simulated device: one run of an app whose stand-in SDKs read personal
data through every surface (tests/fixtures/scenario_apps/sdk_catalogue), on the main thread,
through reflection, on a worker Thread, through a Handler and through an Executor."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.profile import DEFAULT_PROFILE
from harness.records import read_jsonl
from harness.session import RunConfig, RunResult, run_app
from harness.sim.build import java_base_patch, java_executable
from harness.sim.device import SimDevice
from tests.conftest import PROJECT_ROOT

APP = PROJECT_ROOT / "tests" / "fixtures" / "scenario_apps" / "sdk_catalogue"
PACKAGE = "com.ppfixture.catalogue"
GRANTED = (
    "android.permission.ACCESS_FINE_LOCATION",
    "android.permission.ACCESS_COARSE_LOCATION",
    "android.permission.READ_PHONE_STATE",
    "android.permission.READ_EXTERNAL_STORAGE",
)


class GrantingSimDevice(SimDevice):
    """The user granted location, phone and storage before this run (camera, microphone, calendar,
    SMS and accounts stay denied)."""

    def launch(self, package: str, before_start: Any = None) -> int:
        for permission in GRANTED:
            self.grant_permission(package, permission)
        return super().launch(package, before_start)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunResult]:
    device = GrantingSimDevice()
    try:
        config = RunConfig(
            app=APP,
            out=tmp_path_factory.mktemp("runs") / "sdk_catalogue",
            scenarios=("first_launch",),
            duration_s=2.5,
            capture=False,
        )
        yield run_app(config, device)
    finally:
        device.close()


@pytest.fixture(scope="module")
def events(run: RunResult) -> list[dict[str, Any]]:
    return [e for e in read_jsonl(run.run_dir / "events.jsonl") if e["kind"] == "data"]


def by_api(events: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        found.setdefault(event["api"], []).append(event)
    return found


def one(events: list[dict[str, Any]], api: str) -> dict[str, Any]:
    [event] = [e for e in events if e["api"] == api]
    return event


def summary(event: dict[str, Any]) -> tuple[Any, ...]:
    return (event["data_type"], event["outcome"], event["sdk"])


TELEPHONY = "android.telephony.TelephonyManager"
GMS_ADS_ID = "com.google.android.gms.ads.identifier"


def test_run_finished_with_every_hook_installed(run: RunResult) -> None:
    assert run.status == "ok", run.error
    coverage = run.manifest.coverage.to_json()
    assert coverage["hooks_failed"] == []
    installed = set(coverage["hooks_installed"])
    assert {
        f"{TELEPHONY}.getAllCellInfo",
        "android.provider.Settings.System.getStringForUser",
        "java.net.NetworkInterface.getHardwareAddress",
        "java.io.FileInputStream.$init",
        "java.lang.ProcessBuilder.start",
        "android.app.ActivityManager.getRunningAppProcesses",
        "android.location.Geocoder.getFromLocation",
        "android.hardware.camera2.CameraManager.openCamera",
        "android.accounts.AccountManager.getAccounts",
    } <= installed


def test_phone_reads_carry_their_data_types_once_each(events: list[dict[str, Any]]) -> None:
    bugly = [e for e in events if e["sdk"] == "com.tencent.bugly"]
    assert [(e["api"].rsplit(".", 1)[1], e["data_type"], e["outcome"]) for e in bugly] == [
        ("getSimOperator", "carrier", "returned"),
        ("getNetworkOperator", "carrier", "returned"),
        ("getSimCountryIso", "carrier", "returned"),
        ("getSimOperatorName", "carrier", "returned"),
        ("getTypeAllocationCode", "device_id", "returned"),  # no permission needed
        ("getSimCarrierId", "carrier", "returned"),
        ("getImei", "device_id", "security_exception"),  # targetSdk 30: device identifiers refused
        ("getDeviceId", "device_id", "security_exception"),
        ("getMeid", "device_id", "security_exception"),
        ("getVoiceMailNumber", "phone_number", "returned"),
        ("getCellLocation", "cell_info", "returned"),
        ("getAllCellInfo", "cell_info", "returned"),
        ("getServiceState", "cell_info", "returned"),
        ("getUiccCardsInfo", "device_id", "security_exception"),
        ("requestCellInfoUpdate", "cell_info", "returned"),
    ] or [e["api"] for e in bugly]
    p = DEFAULT_PROFILE
    assert one(bugly, f"{TELEPHONY}.getTypeAllocationCode")["value"] == p.imei[:8]
    assert one(bugly, f"{TELEPHONY}.getCellLocation")["value"] == f"[{p.cell_tac},{p.cell_ci},-1]"
    assert f"mCi={p.cell_ci}" in one(bugly, f"{TELEPHONY}.getAllCellInfo")["value"]
    assert one(bugly, f"{TELEPHONY}.getVoiceMailNumber")["value"] == p.voicemail_number
    assert one(events, "android.telephony.SmsManager.sendTextMessage")["outcome"] == "security_exception"


def test_identifier_paths_through_reflection_are_attributed_to_the_caller(
    events: list[dict[str, Any]],
) -> None:
    jiguang = [e for e in events if e["sdk"] == "cn.jiguang"]
    assert [(e["api"], e["data_type"], e["outcome"]) for e in jiguang] == [
        ("android.provider.Settings.System.getString", "device_id", "returned"),
        ("android.app.admin.DevicePolicyManager.getWifiMacAddress", "mac_address", "security_exception"),
        ("android.media.MediaDrm.getPropertyByteArray", "device_id", "returned"),
        ("android.os.SystemProperties.get", "device_id", "returned"),
        (
            "com.google.android.gms.ads.identifier.AdvertisingIdClient.getAdvertisingIdInfo",
            "advertising_id",
            "returned",
        ),
        (
            "com.google.android.gms.ads.identifier.AdvertisingIdClient.Info.getId",
            "advertising_id",
            "returned",
        ),
        ("com.bun.miitmdid.core.MdidSdkHelper.InitSdk", "advertising_id", "returned"),
    ]
    assert jiguang[0]["value"] == DEFAULT_PROFILE.android_id
    assert jiguang[2]["value"] == DEFAULT_PROFILE.drm_id
    assert (
        jiguang[3]["args"] == ["ro.serialno"] and jiguang[3]["value"] == ""
    )  # serialno_prop is not readable
    # The call went through Method.invoke: reflection frames sit between the SDK and the app.
    assert any(frame.startswith("jdk.internal.reflect.") for frame in jiguang[0]["stack"])


def test_network_fingerprint_on_a_worker_thread(events: list[dict[str, Any]]) -> None:
    baidu = [e for e in events if e["sdk"] == "com.baidu.location"]
    assert {e["thread"] for e in baidu} == {"bd-net-scan"}
    types = {(e["api"].rsplit(".", 2)[-2] + "." + e["api"].rsplit(".", 1)[1], e["data_type"]) for e in baidu}
    assert types == {
        ("WifiManager.getScanResults", "wifi"),
        ("WifiManager.getConfiguredNetworks", "wifi"),
        ("WifiManager.getConnectionInfo", "wifi"),
        ("WifiInfo.getIpAddress", "ip_address"),
        ("WifiManager.getDhcpInfo", "ip_address"),
        ("NetworkInterface.getHardwareAddress", "mac_address"),
        ("FileInputStream.$init", "mac_address"),
        ("RandomAccessFile.$init", "wifi"),
        ("ProcessBuilder.start", "device_id"),
        ("ProcessBuilder.start", "mac_address"),
        ("BluetoothAdapter.getName", "bluetooth"),
        ("BluetoothAdapter.getAddress", "bluetooth"),
        ("BluetoothAdapter.getBondedDevices", "bluetooth"),
        ("BluetoothDevice.getName", "bluetooth"),
        ("BluetoothDevice.getAddress", "bluetooth"),
    }
    # One event per read: getDhcpInfo's own work inside the framework is not another read.
    assert len([e for e in baidu if e["api"].endswith("getConnectionInfo")]) == 1
    # The sim's own interfaces (lo, wlan0), never the host's; targetSdk 30: no MAC through them.
    hardware = [e for e in baidu if e["api"] == "java.net.NetworkInterface.getHardwareAddress"]
    assert [(e["value"], e["outcome"]) for e in hardware] == [(None, "returned"), (None, "returned")]
    file_read = one(baidu, "java.io.FileInputStream.$init")
    assert file_read["args"] == ["/sys/class/net/wlan0/address"]
    assert file_read["stack"][0].startswith("java.io.FileReader.")  # the hook's own frames are dropped
    commands = [e["args"] for e in baidu if e["api"] == "java.lang.ProcessBuilder.start"]
    assert commands == [["[getprop, ro.serialno]"], ["[cat, /sys/class/net/wlan0/address]"]]
    assert (
        one(baidu, "android.bluetooth.BluetoothDevice.getAddress")["value"]
        == DEFAULT_PROFILE.bluetooth_peer_address
    )


def test_package_probes_become_an_app_list_read(events: list[dict[str, Any]]) -> None:
    probes = [e for e in events if e["api"] == "android.content.pm.PackageManager.getPackageInfo"]
    # The app's probe of its own package is no event; four foreign packages are, from the
    # third on an app_list read.
    assert [(e["args"][0], e["data_type"], e["outcome"]) for e in probes] == [
        ("com.tencent.mm", None, "threw"),
        ("com.eg.android.AlipayGphone", None, "threw"),
        ("com.canary.wallet", "app_list", "returned"),
        ("com.canary.dating", "app_list", "returned"),
    ]
    [launch] = [e for e in events if e["api"].endswith("getLaunchIntentForPackage")]
    assert (launch["args"], launch["data_type"], launch["value"]) == (["com.sina.weibo"], "app_list", None)
    unknown = [e for e in events if e["sdk"] == "a.a"]
    assert {e["api"].rsplit(".", 1)[1] for e in unknown} == {
        "getPackageInfo",
        "getLaunchIntentForPackage",
        "queryIntentActivities",
        "getRunningAppProcesses",
        "getRunningTasks",
    }


def test_location_reads_on_an_executor(events: list[dict[str, Any]]) -> None:
    amap = [e for e in events if e["sdk"] == "com.amap.api"]
    assert {e["thread"] for e in amap} == {"pool-1-thread-1"}
    assert [(e["api"].rsplit(".", 1)[1], e["data_type"]) for e in amap] == [
        ("getBestProvider", None),
        ("getCurrentLocation", "location"),
        ("requestSingleUpdate", "location"),
        ("getAltitude", "location"),
        ("getAccuracy", "location"),
        ("getLatitude", "location"),
        ("getLongitude", "location"),
        ("getFromLocation", "location"),
    ]
    assert DEFAULT_PROFILE.address in amap[-1]["value"]


def test_media_sensors_content_and_accounts(events: list[dict[str, Any]]) -> None:
    gdt = [e for e in events if e["sdk"] == "com.qq.e" and e["thread"] == "main"]
    assert [(e["api"].rsplit(".", 1)[1], *summary(e)[:2]) for e in gdt] == [
        ("open", "camera", "threw"),  # no CAMERA: "Fail to connect to camera service"
        ("openCamera", "camera", "security_exception"),
        ("startRecording", "microphone", "threw"),
        ("getSensorList", "sensor", "returned"),
        ("getDefaultSensor", "sensor", "returned"),  # its own getSensorList call is not another read
        ("query", "calendar", "security_exception"),
        ("query", "photos", "returned"),
        ("query", "browser_history", "returned"),
        ("getAccounts", "accounts", "returned"),
        ("getAccountsByType", "accounts", "returned"),
        ("sendTextMessage", "sms_send", "security_exception"),
    ]
    assert [e["value"] for e in gdt if e["data_type"] == "photos"] == ["rows=1"]


def test_reads_that_are_not_personal_data_are_not_events(events: list[dict[str, Any]]) -> None:
    app_own = [
        e for e in events if e["sdk"] is None and any("CatalogueApp.ownReads" in f for f in e["stack"])
    ]
    assert app_own == []
    assert not [
        e for e in events if e["api"].startswith("android.provider.Settings") and e["args"][1] != "android_id"
    ]
    assert not [e for e in events if "mac.txt" in " ".join(e["args"])]


def test_work_posted_to_a_pool_is_attributed_to_the_code_that_posted_it(events: list[dict[str, Any]]) -> None:
    # GDT hands `telephony::getNetworkOperatorName` to a pool: no SDK frame runs on the worker.
    [pooled] = [e for e in events if e["thread"] == "pool-2-thread-1"]
    assert pooled["api"] == f"{TELEPHONY}.getNetworkOperatorName"
    assert not [f for f in pooled["stack"] if f.startswith("com.qq.e.")]
    assert pooled["posted_from"][0] == "java.util.concurrent.Executors$DelegatedExecutorService.execute"
    assert "com.qq.e.comm.GDTADManager.initWith" in pooled["posted_from"]
    assert pooled["sdk"] == "com.qq.e"


def test_thread_and_handler_posts_carry_the_posting_stack(events: list[dict[str, Any]]) -> None:
    scan = one(events, "android.net.wifi.WifiManager.getScanResults")
    assert scan["posted_from"][0] == "com.baidu.location.NetScanner.startOnWorker"
    probe = next(e for e in events if e["sdk"] == "a.a")
    assert "com.ppfixture.catalogue.CatalogueApp.onCreate" in probe["posted_from"]
    # Work that runs where it was not posted from anywhere carries no posting stack.
    assert one(events, "android.telephony.TelephonyManager.getVoiceMailNumber")["posted_from"] == []


PRINT_INTERFACES = """
import java.net.NetworkInterface;
import java.util.Arrays;
import java.util.Collections;

public class PrintInterfaces {
    public static void main(String[] args) throws Exception {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            System.out.println(nif.getName() + " " + Arrays.toString(nif.getHardwareAddress())
                    + " " + Collections.list(nif.getInetAddresses()));
        }
    }
}
"""


def test_sim_jvm_shows_the_simulated_interfaces_not_the_hosts(tmp_path: Path) -> None:
    (tmp_path / "PrintInterfaces.java").write_text(PRINT_INTERFACES)
    subprocess.run(["javac", "-d", str(tmp_path), str(tmp_path / "PrintInterfaces.java")], check=True)
    patched = f"--patch-module=java.base={java_base_patch()}"
    shown = subprocess.run(
        [java_executable(), patched, "-cp", str(tmp_path), "PrintInterfaces"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    # No launcher arguments here: an app of unknown target gets the Android 11 placeholder MAC.
    assert shown == [
        "lo null [localhost/127.0.0.1, localhost/0:0:0:0:0:0:0:1]",
        "wlan0 [2, 0, 0, 0, 0, 0] [/192.168.1.23]",
    ]


def test_usage_history_nio_file_reads_and_account_futures(events: list[dict[str, Any]]) -> None:
    umeng = [e for e in events if e["sdk"] == "com.umeng"]
    reads = [(e["api"].rsplit(".", 2)[-2] + "." + e["api"].rsplit(".", 1)[1], e["data_type"]) for e in umeng]
    assert reads == [
        # no usage access granted (an app-op given in Settings): empty answers, still attempts
        ("UsageStatsManager.queryUsageStats", "app_list"),
        ("UsageStatsManager.queryEvents", "app_list"),
        ("UsageStatsManager.queryAndAggregateUsageStats", "app_list"),
        # identifier files through java.nio.file.Files: one event per read, whatever it calls inside
        ("Files.readAllBytes", "mac_address"),
        ("Files.readAllLines", "wifi"),
        ("Files.lines", "mac_address"),
        ("Files.newInputStream", "mac_address"),
        ("AccountManager.getAccountsByTypeAndFeatures", "accounts"),
    ], reads
    assert [e["value"] for e in umeng[:3]] == ["size=0", "has_events=false", "size=0"]
    nio = [e for e in umeng if e["api"].startswith("java.nio.file.Files.")]
    assert [e["args"][0] for e in nio] == [
        "/sys/class/net/wlan0/address",
        "/proc/net/arp",
        "/sys/class/net/wlan0/address",
        "/sys/class/net/wlan0/address",
    ]
    # the app's cache file and /proc/self/status are no identifier files: no event for them
    assert not [e for e in events if e["api"].startswith("java.nio.") and "status" in str(e["args"])]
    assert not [e for e in events if "umeng-mac" in str(e["args"])]
