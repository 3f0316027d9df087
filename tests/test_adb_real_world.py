"""The adb parsers against real device outputs kept in ../shared/real-world/adb/ (never copied here).

Each expected value is read off the artifact itself (see PROVENANCE.md next to it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.device import parse, parse_packages, parse_ui

REAL_WORLD = Path(__file__).resolve().parents[2] / "shared" / "real-world" / "adb"

pytestmark = pytest.mark.skipif(
    not REAL_WORLD.is_dir(), reason=f"real-world adb outputs not present at {REAL_WORLD}"
)


def real(name: str, *, keep_crlf: bool = False) -> str:
    path = REAL_WORLD / name
    if not path.exists():
        pytest.skip(f"{name} is not in {REAL_WORLD}")
    if keep_crlf:
        return path.read_bytes().decode("utf-8")
    return path.read_text(encoding="utf-8")


def test_getprop_multi_line_value_is_joined_and_nothing_else_is_lost() -> None:
    # OnePlus BE2028 / Android 11: 1120 properties; persist.sys.boot.reason.history spans 3 lines.
    props = parse.parse_getprop(real("getprop_oneplus_be2028_android11.txt"))
    assert len(props) == 1120
    assert props["persist.sys.boot.reason.history"] == (
        "reboot,ota,1691858645\nreboot,unattended,ota_update,1691858601\nreboot,ota,1691857091"
    )
    assert props["persist.sys.bootloader"] == "yes"  # the line right after the multi-line value
    assert props["ro.build.version.sdk"] == "30"
    assert props["ro.serialno"] == "90241ad3"


def test_getprop_with_crlf_line_ends_keeps_no_carriage_return() -> None:
    # ASUS TF201 / Android 3.2.1, saved with CRLF: 170 properties.
    props = parse.parse_getprop(real("getprop_asus_tf201_android3.2_crlf.txt", keep_crlf=True))
    assert len(props) == 170
    assert props["ro.build.version.sdk"] == "13"
    assert props["ro.serialno"] == "C1OKAS051559"
    assert not [key for key, value in props.items() if "\r" in value]


def test_getprop_value_cut_off_by_the_next_property_is_dropped_not_swallowing_it() -> None:
    assert parse.parse_getprop("[a]: [half\n[b]: [whole]\n[c]: []\n") == {"b": "whole", "c": ""}


def test_dumpsys_package_of_a_missing_package_is_none() -> None:
    text = real("funnyenglish_dumpsys_package_missing.txt")
    assert parse_packages.parse_dumpsys_package(text, "com.funnyenglish.app") is None


def test_dumpsys_package_android16_has_app_id_instead_of_user_id() -> None:
    text = real("ytdash_rn_dumpsys_package_android16.txt")
    dump = parse_packages.parse_dumpsys_package(text, "com.example.ytdash_rn")
    assert dump is not None
    assert (dump.version_name, dump.version_code, dump.target_sdk, dump.user_id) == ("1.0.0", 1, 36, 13121)


def test_window_focus_of_an_app_and_of_system_dialogs() -> None:
    app = parse_ui.parse_window_focus(real("waterui_pixel9pro_a15_dumpsys_window_displays_app_focused.txt"))
    assert app is not None and app.activity == "com.waterui.animation_example.MainActivity"
    crash = parse_ui.parse_window_focus(
        real("waterui_pixel9pro_a15_dumpsys_window_displays_crash_dialog.txt")
    )
    assert crash is not None and crash.window == "Application Error: com.android.systemui"
    nothing = parse_ui.parse_window_focus(real("waterui_pixel9pro_a15_dumpsys_window_displays_no_focus.txt"))
    assert nothing is None
