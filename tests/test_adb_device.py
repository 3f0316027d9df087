"""AdbDevice against a device that answers with recorded outputs: the exact commands it
sends, what it makes of the answers, and what it leaves behind on the device."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from adbutils.errors import AdbError

from harness.device import apps, screen
from harness.device.adb import AdbDevice
from harness.device.base import Device
from harness.device.transport import Adb
from harness.errors import DeviceError, InputError, InstrumentationError
from harness.profile import DEFAULT_PROFILE
from tests.fixtures.adb.fake_adb import FIXTURES, FakeAdbDevice, Reply, recorded

PKG = "com.example.canarydemo"
APKS = FIXTURES / "apk"
CA = FIXTURES / "ca" / "mitmproxy-ca-cert.pem"


def emulator(getprop: str = "getprop_emulator_api34.txt", serial: str = "emulator-5554") -> FakeAdbDevice:
    fake = FakeAdbDevice(serial=serial)
    fake.on(r"^getprop$", recorded(getprop))
    fake.on(rf"^dumpsys package {PKG}$", recorded("dumpsys_package_api34.txt"))
    fake.on(r"^pm install -r -t ", recorded("pm_install_success.txt"))
    fake.on(r"^id -u$", "0\n")
    return fake


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(apps, "RETRY_DELAY", 0.0)
    monkeypatch.setattr(screen, "RETRY_DELAY", 0.0)


def device(fake: FakeAdbDevice, tmp_path: Path, frida: Any = None) -> AdbDevice:
    return AdbDevice(Adb(fake, fake.serial), state_dir=tmp_path / "state", frida_device_factory=frida)


def test_is_a_device(tmp_path: Path) -> None:
    assert isinstance(device(emulator(), tmp_path), Device)


def test_info(tmp_path: Path) -> None:
    info = device(emulator(), tmp_path).info()
    assert (info.backend, info.serial, info.android, info.api_level, info.abi) == (
        "adb",
        "emulator-5554",
        "14 (API 34)",
        34,
        "x86_64",
    )


def test_install_single_apk(tmp_path: Path) -> None:
    fake = emulator()
    app = device(fake, tmp_path).install(APKS / "canarydemo.apk")
    assert (app.package, app.version, app.launcher_activity) == (
        PKG,
        "1.6.0",
        f"{PKG}.MainActivity",
    )
    assert app.application_class == f"{PKG}.DemoApplication"
    assert app.label == PKG  # the manifest label is a resource reference
    assert "android.permission.READ_CONTACTS" in app.permissions
    assert fake.shell_commands()[:2] == [
        "pm install -r -t /data/local/tmp/privacy-probe-install.apk",  # no -g: prompts must show
        "rm -f /data/local/tmp/privacy-probe-install.apk",
    ]
    assert fake.log[0] == "push /data/local/tmp/privacy-probe-install.apk"


def test_install_split_apks_in_one_session(tmp_path: Path) -> None:
    splits = tmp_path / "app"
    splits.mkdir()
    for name in ("canarydemo.apk", "canarydemo-config.xxhdpi.apk"):
        shutil.copy(APKS / name, splits / name)
    fake = emulator()
    fake.on(r"^pm install-create -r -t -S \d+$", recorded("pm_install_create.txt"))
    fake.on(r"^pm install-write ", recorded("pm_install_write.txt"))
    fake.on(r"^pm install-commit 1180224861$", recorded("pm_install_success.txt"))
    app = device(fake, tmp_path).install(splits)
    assert app.package == PKG and app.extra["apks"] == 2
    writes = [c for c in fake.shell_commands() if c.startswith("pm install-write")]
    assert (
        writes[0].startswith("pm install-write -S ")
        and " 1180224861 0_canarydemo-config.xxhdpi.apk " in writes[0]
    )
    assert " 1180224861 1_canarydemo.apk /data/local/tmp/privacy-probe-split-1.apk" in writes[1]
    assert not any("install-abandon" in c for c in fake.shell_commands())


def test_failed_split_commit_abandons_the_session(tmp_path: Path) -> None:
    splits = tmp_path / "app"
    splits.mkdir()
    for name in ("canarydemo.apk", "canarydemo-config.xxhdpi.apk"):
        shutil.copy(APKS / name, splits / name)
    fake = emulator()
    fake.on(r"^pm install-create", recorded("pm_install_create.txt"))
    fake.on(r"^pm install-write ", recorded("pm_install_write.txt"))
    fake.on(r"^pm install-commit", recorded("install_failed_missing_split.txt"), 1)
    fake.on(r"^pm install-abandon 1180224861$", "Success\n")
    with pytest.raises(
        DeviceError, match=r"INSTALL_FAILED_MISSING_SPLIT.*pass the directory holding the base APK"
    ):
        device(fake, tmp_path).install(splits)
    assert "pm install-abandon 1180224861" in fake.shell_commands()


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "install_failed_update_incompatible.txt",
            "INSTALL_FAILED_UPDATE_INCOMPATIBLE: Existing package .* uninstall it first",
        ),
        ("install_failed_no_matching_abis.txt", "NO_MATCHING_ABIS.*matching ABI"),
        (
            "install_failed_older_sdk.txt",
            "INSTALL_FAILED_OLDER_SDK: .*Requires newer sdk version #34",
        ),
        ("pm_install_exception.txt", "Exception occurred while executing 'install'"),
    ],
)
def test_install_failures(tmp_path: Path, fixture: str, expected: str) -> None:
    fake = emulator().on(r"^pm install -r -t ", recorded(fixture), 1)
    with pytest.raises(DeviceError, match=expected) as error:
        device(fake, tmp_path).install(APKS / "canarydemo.apk")
    assert "\n" not in str(error.value)
    assert "rm -f /data/local/tmp/privacy-probe-install.apk" in fake.shell_commands()


def test_a_sim_app_directory_is_not_an_apk(tmp_path: Path) -> None:
    app = tmp_path / "demo"
    (app / "src").mkdir(parents=True)
    (app / "AndroidManifest.xml").write_text("<manifest/>")
    with pytest.raises(InputError, match=r"sim app directory.*android-build"):
        device(emulator(), tmp_path).install(app)


def test_uninstall_and_clear(tmp_path: Path) -> None:
    fake = emulator()
    fake.on(rf"^pm uninstall {PKG}$", "Failure [DELETE_FAILED_INTERNAL_ERROR]\n", 1)
    fake.on(rf"^pm path {PKG}$", "", 1)  # not installed: nothing to do
    fake.on(rf"^pm clear {PKG}$", "Success\n")
    dev = device(fake, tmp_path)
    dev.uninstall(PKG)
    dev.clear_data(PKG)
    fake.on(rf"^pm path {PKG}$", recorded("pm_path_split.txt"))
    with pytest.raises(DeviceError, match=r"uninstalling com.example.canarydemo failed: Failure"):
        dev.uninstall(PKG)


def test_plain_launch_resolves_the_launcher_and_returns_the_pid(tmp_path: Path) -> None:
    fake = emulator()
    fake.on(
        r"^cmd package resolve-activity --brief -a android.intent.action.MAIN "
        r"-c android.intent.category.LAUNCHER",
        recorded("resolve_activity_brief.txt"),
    )
    fake.on(
        r"^am start -W -a android.intent.action.MAIN -c android.intent.category.LAUNCHER "
        rf"-n {PKG}/\.MainActivity$",
        recorded("am_start_w_ok.txt"),
    )
    pids = iter([Reply("", 1), Reply("5203\n")])
    fake.on(rf"^pidof {PKG}$", lambda argv: next(pids))
    assert device(fake, tmp_path).launch(PKG) == 5203


def test_launch_failure(tmp_path: Path) -> None:
    fake = emulator()
    fake.on(r"^cmd package resolve-activity", recorded("resolve_activity_none.txt"))
    with pytest.raises(DeviceError, match=r"no launcher activity"):
        device(fake, tmp_path).launch(PKG)


class FridaDevice:
    """Records what is done to Frida's device object (spawn/resume/kill by pid)."""

    def __init__(self, spawn_errors: list[Exception] | None = None) -> None:
        self.calls: list[str] = []
        self.spawn_errors = spawn_errors or []

    def spawn(self, program: str) -> int:
        self.calls.append(f"spawn {program}")
        if self.spawn_errors:
            raise self.spawn_errors.pop(0)
        return 4242

    def resume(self, pid: int) -> None:
        self.calls.append(f"resume {pid}")

    def kill(self, pid: int) -> None:
        self.calls.append(f"kill {pid}")


def test_instrumented_launch_runs_before_start_while_the_app_is_suspended(tmp_path: Path) -> None:
    frida = FridaDevice()
    dev = device(emulator(), tmp_path, frida=lambda serial: frida)
    assert dev.launch(PKG, before_start=lambda pid: frida.calls.append(f"before_start {pid}")) == 4242
    assert frida.calls == [f"spawn {PKG}", "before_start 4242", "resume 4242"]


def test_failed_before_start_kills_the_suspended_app(tmp_path: Path) -> None:
    frida = FridaDevice()
    dev = device(emulator(), tmp_path, frida=lambda serial: frida)

    def fail(pid: int) -> None:
        raise InstrumentationError("agent failed to load")

    with pytest.raises(InstrumentationError, match=r"agent failed to load"):
        dev.launch(PKG, before_start=fail)
    assert frida.calls == [f"spawn {PKG}", "kill 4242"]


def test_spawn_timeouts_are_retried_once_then_explained(tmp_path: Path) -> None:
    import frida as frida_module

    timeout = frida_module.TimedOutError("unexpectedly timed out while waiting for app to launch")
    flaky = FridaDevice([timeout])
    assert device(emulator(), tmp_path, frida=lambda s: flaky).launch(PKG, lambda pid: None) == 4242
    broken = FridaDevice([timeout, timeout])
    with pytest.raises(InstrumentationError, match=r"usap_pool_enabled false"):
        device(emulator(), tmp_path, frida=lambda s: broken).launch(PKG, lambda pid: None)


def test_foreground_package_reads_the_focused_window(tmp_path: Path) -> None:
    fake = emulator().on(r"^dumpsys window displays$", recorded("dumpsys_window_permission_dialog_api34.txt"))
    assert device(fake, tmp_path).foreground_package() == "com.google.android.permissioncontroller"
    old = FakeAdbDevice().on(r"^getprop$", "[ro.build.version.sdk]: [28]\n")
    old.on(r"^dumpsys window windows$", recorded("dumpsys_window_windows_api28.txt"))
    assert device(old, tmp_path).foreground_package() == PKG


def test_grant_and_revoke(tmp_path: Path) -> None:
    fake = emulator().on(r"^pm (grant|revoke) ", "")
    dev = device(fake, tmp_path)
    dev.grant_permission(PKG, "android.permission.READ_CONTACTS")
    dev.revoke_permission(PKG, "android.permission.READ_CONTACTS")
    assert fake.shell_commands()[-2:] == [
        f"pm grant {PKG} android.permission.READ_CONTACTS",
        f"pm revoke {PKG} android.permission.READ_CONTACTS",
    ]
    fake.on(r"^pm grant ", recorded("pm_grant_not_requested.txt"), 255)
    with pytest.raises(
        DeviceError,
        match=r"pm grant android.permission.CAMERA for com.example.canarydemo failed: Exception",
    ):
        dev.grant_permission(PKG, "android.permission.CAMERA")


def test_ui_dump_is_retried_through_transient_failures(tmp_path: Path) -> None:
    fake = emulator()
    outputs = iter(
        [
            "uiautomator_dump_idle_error.txt",
            "uiautomator_dump_null_root.txt",
            "uiautomator_dump_ok.txt",
        ]
    )
    fake.on(
        r"^uiautomator dump /data/local/tmp/privacy-probe-ui.xml$",
        lambda argv: Reply(recorded(next(outputs))),
    )
    fake.on(r"^cat /data/local/tmp/privacy-probe-ui.xml$", recorded("uiautomator_permission_dialog.xml"))
    xml = device(fake, tmp_path).dump_ui()
    assert xml.startswith("<?xml") and "permission_deny_button" in xml
    assert len([c for c in fake.shell_commands() if c.startswith("uiautomator dump")]) == 3


def test_ui_dump_gives_up_with_the_reason(tmp_path: Path) -> None:
    fake = emulator().on(r"^uiautomator dump", recorded("uiautomator_dump_idle_error.txt"))
    with pytest.raises(DeviceError, match=r"failed 4 times: ERROR: could not get idle state"):
        device(fake, tmp_path).dump_ui()
    busy = emulator().on(r"^uiautomator dump", recorded("uiautomator_dump_already_registered.txt"), 1)
    with pytest.raises(DeviceError, match=r"uiautomator2"):
        device(busy, tmp_path).dump_ui()
    assert len(busy.shell_commands()) == 1  # not retried


def test_taps_keys_and_text(tmp_path: Path) -> None:
    fake = emulator().on(r"^input ", "")
    dev = device(fake, tmp_path)
    dev.tap(540, 1430)
    dev.back()
    dev.home()
    dev.input_text("canary user@example.com")
    assert fake.shell_commands() == [
        "input tap 540 1430",
        "input keyevent 4",
        "input keyevent 3",
        "input text canary%suser@example.com",
    ]
    with pytest.raises(DeviceError, match=r"printable ASCII"):
        dev.input_text("李金丝雀")


def test_screenshot(tmp_path: Path) -> None:
    fake = emulator()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

    def screencap(argv: list[str]) -> Reply:
        fake.files[argv[-1]] = png
        return Reply("")

    fake.on(r"^screencap -p /data/local/tmp/privacy-probe-screen.png$", screencap)
    shot = tmp_path / "ui" / "0001.png"
    device(fake, tmp_path).screenshot(shot)
    assert shot.read_bytes() == png

    def empty_screencap(argv: list[str]) -> Reply:
        fake.files[argv[-1]] = b""
        return Reply("")

    fake.on(r"^screencap", empty_screencap)
    with pytest.raises(DeviceError, match=r"did not produce a PNG"):
        device(fake, tmp_path).screenshot(shot)


def canary_device() -> FakeAdbDevice:
    fake = emulator()
    raw_ids = iter(range(12, 20))
    fake.on(r"^content delete ", "")
    fake.on(r"^content insert ", "")
    fake.on(
        r"^content query --uri content://com.android.contacts/raw_contacts ",
        lambda argv: Reply(f"Row: 0 _id={next(raw_ids)}\n"),
    )
    fake.on(r"^content query --uri content://sms/inbox ", recorded("content_query_none.txt"))
    fake.on(r"^cmd location set-location-enabled true$", "")
    return fake


def test_canaries_on_an_emulator(tmp_path: Path) -> None:
    fake = canary_device()
    dev = device(fake, tmp_path)
    dev.plant_canaries(DEFAULT_PROFILE)
    commands = fake.shell_commands()
    delete_contacts = (
        "content delete --uri 'content://com.android.contacts/raw_contacts?caller_is_syncadapter=true' "
        "--where 'sync4 LIKE '\"'\"'privacy-probe-canary-%'\"'\"''"
    )
    assert commands[0] == delete_contacts
    data = "content insert --uri content://com.android.contacts/data --bind raw_contact_id:i:"
    assert f"{data}13 --bind mimetype:s:vnd.android.cursor.item/name --bind 'data1:s:李金丝雀'" in commands
    assert (
        f"{data}12 --bind mimetype:s:vnd.android.cursor.item/phone_v2 "
        "--bind data1:s:13800138421 --bind data2:i:2"
    ) in commands
    assert (
        "content insert --uri content://call_log/calls --bind number:s:13652287104 --bind type:i:1 "
        "--bind duration:i:63 --bind date:l:1760000000000 --bind 'name:s:Zhang Canary'"
    ) in commands
    # geo fix takes LONGITUDE first
    assert "adb emu geo fix 121.473701 31.230416" in fake.log
    assert "adb emu sms send 10690000 PPSMS canary code 482913" in fake.log
    report = dev.plant_report
    assert set(report.planted) >= {
        "contact_0",
        "contact_1",
        "contact_2",
        "call_0",
        "call_1",
        "sms_0",
        "location",
    }
    assert not [c for c in commands if c.startswith("cmd clipboard")]  # AOSP has none (the agent plants it)
    dev.close()
    calls = "content delete --uri content://call_log/calls --where 'number='\"'\"'"
    assert fake.shell_commands()[-3:] == [
        delete_contacts,
        calls + "13652287104'\"'\"' AND date=1760000000000'",
        calls + "01084461932'\"'\"' AND date=1760003600000'",
    ]


def test_canaries_the_device_refuses_are_reported_not_fatal(tmp_path: Path) -> None:
    fake = canary_device()
    fake.on(
        r"^content insert --uri content://call_log/calls", recorded("content_insert_security_exception.txt")
    )
    dev = device(fake, tmp_path)
    dev.plant_canaries(DEFAULT_PROFILE)
    skipped = dev.plant_report.skipped
    assert skipped["call_0"].startswith("`content insert` failed: Error while accessing provider")
    assert "contact_0" in dev.plant_report.planted


def test_phone_location_uses_the_test_provider_latitude_first(tmp_path: Path) -> None:
    fake = FakeAdbDevice(serial="1A2B3C4D5E6F").on(r"^getprop$", recorded("getprop_phone_api33.txt"))
    fake.on(r"^(cmd location|appops set) ", "")
    device(fake, tmp_path).set_location(31.230416, 121.473701)
    assert fake.shell_commands()[-1] == (
        "cmd location providers set-test-provider-location gps --location 31.230416,121.473701"
    )
    assert not any(entry.startswith("adb emu") for entry in fake.log)


def test_sensors_through_the_console(tmp_path: Path) -> None:
    fake = emulator()
    dev = device(fake, tmp_path)
    dev.inject_sensor(1, (30.0, 0.0, 9.8))
    assert fake.log[-1] == "adb emu sensor set acceleration 30:0:9.8"
    with pytest.raises(DeviceError, match=r"sensor type 8"):
        dev.inject_sensor(8, (1.0, 0.0, 0.0))


def test_setup_proxy_installs_and_verifies_the_ca_then_close_restores(tmp_path: Path) -> None:
    fake = emulator()
    installed = {"done": False}

    def check(argv: list[str]) -> Reply:
        state = "ok" if installed["done"] else "missing"
        return Reply(f"ns=shell {state}\nns=zygote:612 {state}\nns=zygote:613 {state}\n")

    def install(argv: list[str]) -> Reply:
        installed["done"] = True
        return Reply("privacy-probe-ca-installed\n")

    fake.on(r"^sh /data/local/tmp/privacy-probe-ca-check\.sh$", check)
    fake.on(r"^sh /data/local/tmp/privacy-probe-ca-install\.sh$", install)
    dev = device(fake, tmp_path)
    dev.setup_proxy("127.0.0.1", 8080, CA)
    assert fake.files["/data/local/tmp/privacy-probe-ca/c8750f0d.0"] == CA.read_bytes()
    assert b"/apex/com.android.conscrypt/cacerts" in fake.files["/data/local/tmp/privacy-probe-ca-install.sh"]
    assert fake.settings["global/http_proxy"] == "127.0.0.1:8080"
    assert dev.notes == []
    dev.close()
    assert "global/http_proxy" not in fake.settings
    assert fake.reverses == {}


def test_a_ca_that_stays_untrusted_on_a_rooted_device_is_an_error(tmp_path: Path) -> None:
    fake = emulator()
    fake.on(r"^sh /data/local/tmp/privacy-probe-ca-check\.sh$", "ns=shell ok\nns=zygote:612 missing\n")
    fake.on(r"^sh /data/local/tmp/privacy-probe-ca-install\.sh$", "privacy-probe-ca-installed\n")
    with pytest.raises(DeviceError, match=r"still not trusted after install: zygote:612: missing"):
        device(fake, tmp_path).setup_proxy("127.0.0.1", 8080, CA)
    assert "global/http_proxy" not in fake.settings  # the proxy was never set


def test_setup_proxy_without_root_still_routes_traffic_and_says_why_https_is_opaque(tmp_path: Path) -> None:
    fake = FakeAdbDevice(serial="1A2B3C4D5E6F").on(r"^getprop$", recorded("getprop_phone_api33.txt"))
    fake.root_answer = "adbd cannot run as root in production builds\n"
    fake.on(r"^id -u$", "2000\n")
    fake.on(r"^su ", "/system/bin/sh: su: inaccessible or not found\n", 127)
    dev = device(fake, tmp_path)
    dev.setup_proxy("127.0.0.1", 8080, CA)
    assert fake.settings["global/http_proxy"] == "127.0.0.1:8080"
    assert len(dev.notes) == 1 and "mitmproxy CA not trusted" in dev.notes[0]
    assert "production builds" in dev.notes[0] and "google_apis" in dev.notes[0]
    dev.close()
    assert "global/http_proxy" not in fake.settings


def test_device_offline_mid_run_is_a_device_error_and_the_proxy_is_restored(tmp_path: Path) -> None:
    fake = emulator()
    fake.on(r"^sh /data/local/tmp/privacy-probe-ca-check\.sh$", "ns=shell ok\n")

    def drop(argv: list[str]) -> Reply:
        raise AdbError("device offline")

    fake.on(r"^uiautomator dump", drop)
    dev = device(fake, tmp_path)
    with pytest.raises(DeviceError, match=r"emulator-5554 went offline during `uiautomator dump"), dev:
        dev.setup_proxy("127.0.0.1", 8080, CA)
        dev.dump_ui()
    assert "global/http_proxy" not in fake.settings


def test_a_proxy_left_by_a_killed_run_is_restored_when_the_device_is_opened(tmp_path: Path) -> None:
    fake = emulator()
    fake.on(r"^sh /data/local/tmp/privacy-probe-ca-check\.sh$", "ns=shell ok\n")
    device(fake, tmp_path).setup_proxy("127.0.0.1", 8080, CA)
    # the process is SIGKILLed here: nothing of ours runs; its journal names a dead pid
    journal = next((tmp_path / "state" / "proxy").iterdir())
    data = json.loads(journal.read_text())
    data["pid"] = 2**22 + 7
    journal.write_text(json.dumps(data))
    assert fake.settings["global/http_proxy"] == "127.0.0.1:8080"
    second = device(fake, tmp_path)
    assert "global/http_proxy" not in fake.settings
    assert second.notes and "crashed process" in second.notes[0]


def test_logcat_is_appended_to_the_run_folder(tmp_path: Path) -> None:
    fake = emulator()
    fake.logcat_lines = "11-20 09:41:09.123  5203  5203 I CanaryDemo: started\n"
    logcat = tmp_path / "run" / "logcat.txt"
    logcat.parent.mkdir()
    logcat.write_text("earlier line\n")
    dev = device(fake, tmp_path)
    dev.capture_logs(logcat)
    deadline = time.monotonic() + 5
    while "CanaryDemo" not in logcat.read_text() and time.monotonic() < deadline:
        time.sleep(0.01)
    dev.close()
    assert logcat.read_text().splitlines() == [
        "earlier line",
        "11-20 09:41:09.123  5203  5203 I CanaryDemo: started",
    ]
    assert "stream logcat -v threadtime -T 1" in fake.log


def test_a_provider_refusing_even_the_clean_up_does_not_stop_the_run(tmp_path: Path) -> None:
    fake = canary_device()
    fake.on(
        r"^content delete --uri 'content://com.android.contacts",
        recorded("content_insert_security_exception.txt"),
    )
    dev = device(fake, tmp_path)
    dev.plant_canaries(DEFAULT_PROFILE)
    assert dev.plant_report.skipped["contacts"].startswith("`content delete` failed")
    assert "call_0" in dev.plant_report.planted and "location" in dev.plant_report.planted


def test_launch_after_install_names_the_component_with_its_package(tmp_path: Path) -> None:
    # The manifest gives a fully qualified class; `am start -n` needs PKG/CLS (Intent.parseCommandArgs).
    fake = emulator()
    fake.on(
        r"^am start -W -a android.intent.action.MAIN -c android.intent.category.LAUNCHER "
        rf"-n {PKG}/{PKG}\.MainActivity$",
        recorded("am_start_w_task_to_front.txt"),
    )
    fake.on(r"^am start .*-n [^/]+$", recorded("am_start_bad_component.txt"))
    fake.on(rf"^pidof {PKG}$", "5203\n")
    dev = device(fake, tmp_path)
    dev.install(APKS / "canarydemo.apk")
    assert dev.launch(PKG) == 5203


def test_launch_reports_the_shell_exception_of_am_start(tmp_path: Path) -> None:
    fake = emulator()
    fake.on(r"^cmd package resolve-activity", recorded("resolve_activity_brief.txt"))
    fake.on(r"^am start ", recorded("am_start_bad_component.txt"))
    with pytest.raises(DeviceError, match=r"launching .* failed: .*Bad component name"):
        device(fake, tmp_path).launch(PKG)


def test_spawning_an_app_without_a_launcher_says_so(tmp_path: Path) -> None:
    import frida as frida_module

    # frida-server's system_server helper: "Unable to find a front-door activity"
    refusal = frida_module.NotSupportedError("Unable to find a front-door activity")
    dev = device(emulator(), tmp_path, frida=lambda s: FridaDevice([refusal]))
    with pytest.raises(DeviceError, match=r"has no launcher activity") as error:
        dev.launch(PKG, lambda pid: None)
    assert "not installed" not in str(error.value)
