"""Parsers against recorded outputs in the exact formats Android prints."""

from __future__ import annotations

import pytest

from harness.device import parse, parse_packages, parse_ui
from harness.errors import DeviceError
from tests.fixtures.adb.fake_adb import recorded


def test_getprop_reads_every_property_including_empty_values() -> None:
    props = parse.parse_getprop(recorded("getprop_emulator_api34.txt") + "[ro.kernel.qemu]: []\n")
    assert props["ro.build.version.sdk"] == "34"
    assert props["ro.product.cpu.abi"] == "x86_64"
    assert props["ro.build.fingerprint"].endswith(":userdebug/dev-keys")
    assert props["ro.kernel.qemu"] == ""


def test_settings_null_means_unset() -> None:
    assert parse.parse_settings_value("null\n") is None
    assert parse.parse_settings_value("127.0.0.1:8080\n") == "127.0.0.1:8080"
    assert parse.parse_settings_value(":0") == ":0"


def test_pm_list_packages_plain_and_with_paths_and_uids() -> None:
    assert "com.example.canarydemo" in parse_packages.parse_pm_list_packages(recorded("pm_list_packages.txt"))
    assert parse_packages.parse_pm_list_packages(recorded("pm_list_packages_f_U.txt")) == [
        "com.example.canarydemo",
        "com.android.shell",
    ]


def test_pm_path_lists_base_and_splits() -> None:
    paths = parse_packages.parse_pm_path(recorded("pm_path_split.txt"))
    assert [p.rsplit("/", 1)[1] for p in paths] == ["base.apk", "split_config.xxhdpi.apk"]


def test_dumpsys_package_api34() -> None:
    dump = parse_packages.parse_dumpsys_package(
        recorded("dumpsys_package_api34.txt"), "com.example.canarydemo"
    )
    assert dump is not None
    assert (dump.version_name, dump.version_code, dump.target_sdk, dump.user_id) == (
        "1.6.0",
        7,
        30,
        10153,
    )
    assert dump.requested_permissions[:3] == (
        "android.permission.INTERNET",
        "android.permission.ACCESS_FINE_LOCATION",
        "android.permission.READ_CONTACTS",
    )
    assert dump.granted("android.permission.INTERNET")
    assert dump.granted("android.permission.READ_CONTACTS")
    assert not dump.granted("android.permission.ACCESS_FINE_LOCATION")
    phone = next(p for p in dump.runtime_permissions if p.name.endswith("READ_PHONE_STATE"))
    assert "USER_FIXED" in phone.flags and not phone.granted


def test_dumpsys_package_api28_uses_user_id() -> None:
    dump = parse_packages.parse_dumpsys_package(
        recorded("dumpsys_package_api28.txt"), "com.example.canarydemo"
    )
    assert dump is not None
    assert (dump.version_name, dump.user_id, dump.target_sdk) == ("1.5.2", 10086, 28)
    assert dump.granted("android.permission.ACCESS_FINE_LOCATION")
    assert not dump.granted("android.permission.READ_CONTACTS")


def test_dumpsys_package_of_missing_package_is_none() -> None:
    assert parse_packages.parse_dumpsys_package(recorded("dumpsys_package_missing.txt"), "com.x") is None
    # another package's block does not count
    assert parse_packages.parse_dumpsys_package(recorded("dumpsys_package_api34.txt"), "com.example") is None


@pytest.mark.parametrize(
    ("fixture", "package", "activity"),
    [
        (
            "dumpsys_window_displays_api34.txt",
            "com.example.canarydemo",
            "com.example.canarydemo.MainActivity",
        ),
        (
            "dumpsys_window_permission_dialog_api34.txt",
            "com.google.android.permissioncontroller",
            "com.android.permissioncontroller.permission.ui.GrantPermissionsActivity",
        ),
        (
            "dumpsys_window_shade_api34.txt",
            "com.example.canarydemo",
            "com.example.canarydemo.MainActivity",
        ),
        ("dumpsys_window_anr_api30.txt", "com.example.canarydemo", None),
        (
            "dumpsys_window_launcher_api30.txt",
            "com.google.android.apps.nexuslauncher",
            "com.google.android.apps.nexuslauncher.NexusLauncherActivity",
        ),
        (
            "dumpsys_window_windows_api28.txt",
            "com.example.canarydemo",
            "com.example.canarydemo.MainActivity",
        ),
        (
            "dumpsys_window_popup_api28.txt",
            "com.example.canarydemo",
            "com.example.canarydemo.SplashActivity",
        ),
    ],
)
def test_window_focus(fixture: str, package: str, activity: str | None) -> None:
    focus = parse_ui.parse_window_focus(recorded(fixture))
    assert focus is not None
    assert (focus.package, focus.activity) == (package, activity)


def test_window_focus_shade_keeps_the_window_title() -> None:
    focus = parse_ui.parse_window_focus(recorded("dumpsys_window_shade_api34.txt"))
    assert focus is not None and focus.window == "NotificationShade"


def test_no_focus_at_all() -> None:
    assert parse_ui.parse_window_focus(recorded("dumpsys_window_nofocus.txt")) is None


def test_content_query_rows_keep_commas_inside_values() -> None:
    rows = parse.parse_content_rows(recorded("content_query_contacts_data.txt"))
    assert rows[0] == {
        "_id": "37",
        "raw_contact_id": "12",
        "mimetype": "vnd.android.cursor.item/name",
        "data1": "Zhang Canary",
    }
    assert rows[2]["data1"] == "Lee, Jr., Canary"
    assert rows[3]["data1"] == "李金丝雀"
    assert parse.parse_content_rows(recorded("content_query_none.txt")) == []


@pytest.mark.parametrize(
    "fixture",
    ["pm_install_success.txt", "adb_install_streamed_success.txt", "pm_install_write.txt"],
)
def test_install_success(fixture: str) -> None:
    assert parse_packages.parse_install_output(recorded(fixture)).ok


@pytest.mark.parametrize(
    ("fixture", "code"),
    [
        ("install_failed_update_incompatible.txt", "INSTALL_FAILED_UPDATE_INCOMPATIBLE"),
        ("install_failed_version_downgrade.txt", "INSTALL_FAILED_VERSION_DOWNGRADE"),
        ("install_failed_no_matching_abis.txt", "INSTALL_FAILED_NO_MATCHING_ABIS"),
        ("install_failed_older_sdk.txt", "INSTALL_FAILED_OLDER_SDK"),
        ("install_failed_missing_split.txt", "INSTALL_FAILED_MISSING_SPLIT"),
        ("install_parse_failed_no_certificates.txt", "INSTALL_PARSE_FAILED_NO_CERTIFICATES"),
        ("adb_install_failed_insufficient_storage.txt", "INSTALL_FAILED_INSUFFICIENT_STORAGE"),
    ],
)
def test_install_failures_name_their_code(fixture: str, code: str) -> None:
    result = parse_packages.parse_install_output(recorded(fixture))
    assert not result.ok
    assert result.code == code
    assert result.message


def test_install_exception_without_failure_code() -> None:
    result = parse_packages.parse_install_output(recorded("pm_install_exception.txt"))
    assert not result.ok and result.code is None
    assert result.message.startswith("Exception occurred while executing 'install'")


def test_install_session_id() -> None:
    assert parse_packages.parse_install_session(recorded("pm_install_create.txt")) == 1180224861
    with pytest.raises(DeviceError, match=r"did not create a session"):
        parse_packages.parse_install_session("Error: java.lang.SecurityException: nope")


def test_resolve_activity() -> None:
    assert parse_packages.parse_resolve_activity(recorded("resolve_activity_brief.txt")) == (
        "com.example.canarydemo/.MainActivity"
    )
    assert parse_packages.parse_resolve_activity(recorded("resolve_activity_none.txt")) is None


def test_am_start_outcomes() -> None:
    ok = parse_ui.parse_am_start(recorded("am_start_w_ok.txt"))
    assert ok.ok and ok.extra["LaunchState"] == "COLD" and ok.extra["TotalTime"] == "612"
    error = parse_ui.parse_am_start(recorded("am_start_w_error.txt"))
    assert not error.ok and "does not exist" in error.message
    # runStartActivity's START_TASK_TO_FRONT warning (ActivityManagerShellCommand.java) is a success
    assert parse_ui.parse_am_start(recorded("am_start_w_task_to_front.txt")).ok
    # composed from AOSP, not captured: BasicShellCommandHandler.exec prints this header and the
    # stack trace of Intent.parseCommandArgs' IllegalArgumentException("Bad component name: …")
    bad = parse_ui.parse_am_start(recorded("am_start_bad_component.txt"))
    assert not bad.ok
    assert bad.message == (
        "java.lang.IllegalArgumentException: Bad component name: com.example.canarydemo.MainActivity"
    )


def test_uiautomator_outcomes() -> None:
    assert parse_ui.parse_uiautomator_dump(recorded("uiautomator_dump_ok.txt")).ok
    idle = parse_ui.parse_uiautomator_dump(recorded("uiautomator_dump_idle_error.txt"))
    assert not idle.ok and idle.retryable
    assert parse_ui.parse_uiautomator_dump(recorded("uiautomator_dump_null_root.txt")).retryable
    busy = parse_ui.parse_uiautomator_dump(recorded("uiautomator_dump_already_registered.txt"))
    assert not busy.ok and not busy.retryable and "uiautomator2" in busy.message


def test_ui_xml_validation() -> None:
    xml = parse_ui.validate_ui_xml(recorded("uiautomator_permission_dialog.xml"))
    assert "permission_allow_foreground_only_button" in xml
    with pytest.raises(DeviceError, match=r"unreadable XML"):
        parse_ui.validate_ui_xml(recorded("uiautomator_permission_dialog.xml")[:-40])
    with pytest.raises(DeviceError, match=r"expected <hierarchy>"):
        parse_ui.validate_ui_xml("<html/>")


def test_frida_server_version() -> None:
    assert parse.parse_frida_server_version(recorded("frida_server_version_16.txt")) == "16.5.9"
    with pytest.raises(DeviceError):
        parse.parse_frida_server_version("/system/bin/sh: /data/local/tmp/frida-server: not found")


def test_id_and_pids() -> None:
    assert parse.parse_id_uid(recorded("id_shell.txt")) == 2000
    assert parse.parse_id_uid(recorded("id_root.txt")) == 0
    assert parse.parse_id_uid("0\n") == 0
    assert parse.parse_id_uid("su: not found") is None
    assert parse.parse_pids("5203 5188\n") == [5203, 5188]
    assert parse.parse_pids("") == []
