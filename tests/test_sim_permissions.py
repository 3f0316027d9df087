"""The sim's permission controller behaves as Android 11–14 does for an app targeting API 30+.

Sources of truth (cited next to each expectation): packages/modules/Permission
PermissionController/src/com/android/permissioncontroller/permission/ui/model/
GrantPermissionsViewModel.kt and res/layout/grant_permissions.xml, app_permission.xml;
developer.android.com/training/permissions/requesting and /training/location/permissions.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.sim.build import SimApp, build_app
from tests.test_sim_framework import FIXTURES, PERMISSION_CONTROLLER, Launched, SimProcesses

PACKAGE = "com.privacyprobe.fixture.perms"
ID = f"{PERMISSION_CONTROLLER}:id/"


@pytest.fixture(scope="module")
def perms_app() -> SimApp:
    return build_app(FIXTURES / "permission_app")


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimProcesses]:
    processes = SimProcesses(tmp_path)
    yield processes
    processes.close()


def ids(app: Launched) -> set[str]:
    return {n.get("resource-id", "").removeprefix(ID) for n in app.dump().iter("node")} - {""}


def test_two_denials_make_the_permission_user_fixed(sim: SimProcesses, perms_app: SimApp) -> None:
    app = sim.launch(perms_app)
    app.tap_node(text="Phone")
    assert app.request("foreground") == PERMISSION_CONTROLLER
    assert {"permission_allow_button", "permission_deny_button"} <= ids(app)
    app.tap_node(resource_id=ID + "permission_deny_button")
    assert app.status() == "result READ_PHONE_STATE=denied"
    # shouldShowRequestPermissionRationale is true after exactly one denial (USER_SET)
    app.tap_node(text="Rationale")
    assert app.status() == "rationale phone=true"
    # the second dialog offers "deny and don't ask again" under the same text (isFgUserSet)
    app.tap_node(text="Phone")
    shown = ids(app)
    assert "permission_deny_and_dont_ask_again_button" in shown and "permission_deny_button" not in shown
    assert (
        app.node(resource_id=ID + "permission_deny_and_dont_ask_again_button").get("text")
        == "Don\u2019t allow"
    )
    app.tap_node(resource_id=ID + "permission_deny_and_dont_ask_again_button")
    app.tap_node(text="Rationale")
    assert app.status() == "rationale phone=false"
    # user-fixed: no dialog, DENIED at once (IGNORED_USER_FIXED), also after a relaunch
    app.tap_node(text="Phone")
    assert app.request("foreground") == PACKAGE
    assert app.status() == "result READ_PHONE_STATE=denied"
    app.request("exit")
    again = sim.launch(perms_app)
    again.tap_node(text="Phone")
    assert again.request("foreground") == PACKAGE
    assert again.status() == "result READ_PHONE_STATE=denied"


def test_back_cancels_the_dialog_without_denying(sim: SimProcesses, perms_app: SimApp) -> None:
    app = sim.launch(perms_app)
    app.tap_node(text="Phone")
    # CANCELED → USER_IGNORED: the app gets DENIED, no user flag is set
    assert app.request("back") == "canceled permission dialog (phone)"
    assert app.status() == "result READ_PHONE_STATE=denied"
    app.tap_node(text="Rationale")
    assert app.status() == "rationale phone=false"
    app.tap_node(text="Phone")
    assert "permission_deny_button" in ids(app)


def test_background_location_is_granted_in_settings_never_in_the_dialog(
    sim: SimProcesses, perms_app: SimApp
) -> None:
    app = sim.launch(perms_app)
    # background alone before foreground is granted: skipped, no dialog
    app.tap_node(text="Background")
    assert app.request("foreground") == PACKAGE
    assert app.status() == "result ACCESS_BACKGROUND_LOCATION=denied"
    # foreground and background together: the request is dropped (R+ apps)
    app.tap_node(text="Both")
    assert app.request("foreground") == PACKAGE
    assert app.status() == "result ACCESS_FINE_LOCATION=denied ACCESS_BACKGROUND_LOCATION=denied"
    # the foreground dialog: while using / only this time / don't allow, never "all the time"
    app.tap_node(text="Location")
    shown = ids(app)
    assert {
        "permission_allow_foreground_only_button",
        "permission_allow_one_time_button",
        "permission_deny_button",
    } <= shown
    assert "permission_allow_button" not in shown and "permission_allow_always_button" not in shown
    app.tap_node(resource_id=ID + "permission_allow_foreground_only_button")
    assert app.status() == "result ACCESS_FINE_LOCATION=granted ACCESS_COARSE_LOCATION=granted"
    # background alone after foreground: the app's location page in Settings
    app.tap_node(text="Background")
    assert app.request("foreground") == PERMISSION_CONTROLLER
    assert {"allow_always_radio_button", "allow_foreground_only_radio_button", "deny_radio_button"} <= ids(
        app
    )
    assert app.node(resource_id=ID + "allow_foreground_only_radio_button").get("checked") == "true"
    # BACK without choosing keeps "while using": the request is answered DENIED
    assert app.request("back") == "left the permission settings page"
    assert app.status() == "result ACCESS_BACKGROUND_LOCATION=denied"
    app.tap_node(text="Background")
    app.tap_node(resource_id=ID + "allow_always_radio_button")
    app.request("back")
    assert app.status() == "result ACCESS_BACKGROUND_LOCATION=granted"


def test_one_time_grant_ends_with_the_process(sim: SimProcesses, perms_app: SimApp) -> None:
    app = sim.launch(perms_app)
    app.tap_node(text="Camera")
    assert {"permission_allow_foreground_only_button", "permission_allow_one_time_button"} <= ids(app)
    app.tap_node(resource_id=ID + "permission_allow_one_time_button")
    assert app.status() == "result CAMERA=granted"
    app.tap_node(text="Camera")
    assert app.request("foreground") == PACKAGE
    app.request("exit")
    again = sim.launch(perms_app)
    again.tap_node(text="Camera")
    assert again.request("foreground") == PERMISSION_CONTROLLER


@pytest.mark.parametrize("api_level", [30, 33, 34])
def test_notification_and_photo_permissions_follow_the_api_level(
    sim: SimProcesses, perms_app: SimApp, api_level: int
) -> None:
    app = sim.launch(perms_app, api_level=api_level)
    # POST_NOTIFICATIONS exists from API 33 (developer.android.com/develop/ui/views/notifications/
    # notification-permission); below it the name is unknown: no dialog, DENIED
    app.tap_node(text="Notify")
    if api_level < 33:
        assert app.request("foreground") == PACKAGE
        assert app.status() == "result POST_NOTIFICATIONS=denied"
    else:
        assert {"permission_allow_button", "permission_deny_button"} <= ids(app)
        app.tap_node(resource_id=ID + "permission_allow_button")
        assert app.status() == "result POST_NOTIFICATIONS=granted"
    # READ_MEDIA_IMAGES/VIDEO exist from API 33; API 34 offers partial access
    # (developer.android.com/about/versions/14/changes/partial-photo-video-access)
    app.tap_node(text="Photos")
    if api_level < 33:
        assert app.request("foreground") == PACKAGE
        return
    shown = ids(app)
    if api_level == 33:
        assert "permission_allow_button" in shown and "permission_allow_selected_button" not in shown
        return
    assert {
        "permission_allow_all_button",
        "permission_allow_selected_button",
        "permission_deny_button",
    } <= shown
    assert (
        app.node(resource_id=ID + "permission_allow_selected_button").get("text")
        == "Select photos and videos"
    )
    app.tap_node(resource_id=ID + "permission_allow_selected_button")
    assert app.status() == (
        "result READ_MEDIA_IMAGES=denied READ_MEDIA_VIDEO=denied READ_MEDIA_VISUAL_USER_SELECTED=granted"
    )
    # asked again with a selection made: select more / don't select more (which keeps the selection)
    app.tap_node(text="Photos")
    assert {"permission_allow_selected_button", "permission_dont_allow_more_selected_button"} <= ids(app)
    app.tap_node(resource_id=ID + "permission_dont_allow_more_selected_button")
    assert app.status() == (
        "result READ_MEDIA_IMAGES=denied READ_MEDIA_VIDEO=denied READ_MEDIA_VISUAL_USER_SELECTED=granted"
    )


def test_one_time_grant_expires_a_minute_after_leaving_and_the_process_is_killed(
    sim: SimProcesses, perms_app: SimApp
) -> None:
    app = sim.launch(perms_app)
    app.tap_node(text="Camera")
    app.tap_node(resource_id=ID + "permission_allow_one_time_button")
    assert app.request("home") == "home"
    app.request("clock", "1000")  # a minute of app time in well under a second
    assert app.wait(timeout=30) == 137
    assert "one-time permission revoked (android.permission.CAMERA)" in app.stdout.read_text(encoding="utf-8")


def test_an_app_targeting_api_29_asking_for_both_gets_the_foreground_dialog(
    sim: SimProcesses, tmp_path: Path
) -> None:
    legacy = tmp_path / "legacy_app"
    shutil.copytree(FIXTURES / "permission_app", legacy)
    manifest = legacy / "AndroidManifest.xml"
    manifest.write_text(
        manifest.read_text("utf-8").replace('targetSdkVersion="34"', 'targetSdkVersion="29"'), "utf-8"
    )
    app = sim.launch(build_app(legacy))
    app.tap_node(text="Both")
    # GrantPermissionsViewModel, sdk < R: the foreground dialog; "all the time" only via Settings
    assert app.request("foreground") == PERMISSION_CONTROLLER
    app.tap_node(resource_id=ID + "permission_allow_foreground_only_button")
    assert app.status() == "result ACCESS_FINE_LOCATION=granted ACCESS_BACKGROUND_LOCATION=denied"
