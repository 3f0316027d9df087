"""Recognising every permission-controller screen of API 30–35: the grant dialog's buttons and
the app's permission page in Settings (ids from packages/modules/Permission
PermissionController/res/layout/grant_permissions.xml and app_permission.xml)."""

from __future__ import annotations

import pytest

from harness.ui import parse_screen
from harness.ui.recognise import ALLOW_IDS, DENY_IDS, PermissionPrompt, permission_prompt
from tests.test_ui_tree import dump, node

CONTROLLER = "com.android.permissioncontroller"


def grant_dialog(*button_ids: str, package: str = CONTROLLER) -> str:
    buttons = "".join(
        node(
            text=name,
            resource_id=f"{package}:id/{name}",
            class_="android.widget.Button",
            clickable="true",
            package=package,
        )
        for name in button_ids
    )
    message = node(
        text="Allow Maps to access photos and videos?",
        resource_id=f"{package}:id/permission_message",
        package=package,
    )
    return dump(node(message + buttons, class_="android.widget.FrameLayout", package=package))


@pytest.mark.parametrize(
    ("buttons", "allow", "deny"),
    [
        # API 30+ first request of a plain group
        (
            ("permission_allow_button", "permission_deny_button"),
            "permission_allow_button",
            "permission_deny_button",
        ),
        # second request after one denial (isFgUserSet): deny-and-don't-ask-again
        (
            ("permission_allow_button", "permission_deny_and_dont_ask_again_button"),
            "permission_allow_button",
            "permission_deny_and_dont_ask_again_button",
        ),
        # location / camera / microphone
        (
            (
                "permission_allow_foreground_only_button",
                "permission_allow_one_time_button",
                "permission_deny_button",
            ),
            "permission_allow_foreground_only_button",
            "permission_deny_button",
        ),
        # API 34 photos and videos: allow all / select photos
        (
            ("permission_allow_all_button", "permission_allow_selected_button", "permission_deny_button"),
            "permission_allow_all_button",
            "permission_deny_button",
        ),
        # API 34 when some photos were selected already
        (
            ("permission_allow_selected_button", "permission_dont_allow_more_selected_button"),
            "permission_allow_selected_button",
            "permission_dont_allow_more_selected_button",
        ),
        # upgrade prompts (apps targeting API < 30 asking for background location): keep = no upgrade
        (
            ("permission_allow_always_button", "permission_no_upgrade_button"),
            "permission_allow_always_button",
            "permission_no_upgrade_button",
        ),
        (
            ("permission_allow_always_button", "permission_no_upgrade_one_time_and_dont_ask_again_button"),
            "permission_allow_always_button",
            "permission_no_upgrade_one_time_and_dont_ask_again_button",
        ),
    ],
)
def test_every_grant_dialog_button_is_an_allow_or_a_deny(
    buttons: tuple[str, ...], allow: str, deny: str
) -> None:
    prompt = permission_prompt(parse_screen(grant_dialog(*buttons)))
    assert prompt is not None and not prompt.settings_page
    assert PermissionPrompt.button_name(prompt.allow) == allow
    assert PermissionPrompt.button_name(prompt.deny) == deny
    assert prompt.message == "Allow Maps to access photos and videos?"


def test_the_google_build_of_the_controller_is_recognised_too() -> None:
    google = "com.google.android.permissioncontroller"
    prompt = permission_prompt(
        parse_screen(grant_dialog("permission_allow_button", "permission_deny_button", package=google))
    )
    assert prompt is not None and PermissionPrompt.button_name(prompt.deny) == "permission_deny_button"


def test_allow_and_deny_id_lists_do_not_overlap() -> None:
    assert not set(ALLOW_IDS) & set(DENY_IDS)


def test_the_location_settings_page_is_a_prompt_answered_by_radio_buttons() -> None:
    def radio(name: str, text: str, checked: bool = False) -> str:
        return node(
            text=text,
            resource_id=f"{CONTROLLER}:id/{name}",
            class_="android.widget.RadioButton",
            clickable="true",
            checkable="true",
            checked="true" if checked else "false",
            package=CONTROLLER,
        )

    page = dump(
        node(
            node(text="Location permission", package=CONTROLLER)
            + node(text="Maps", package=CONTROLLER)
            + radio("allow_always_radio_button", "Allow all the time")
            + radio("allow_foreground_only_radio_button", "Allow only while using the app", True)
            + radio("ask_radio_button", "Ask every time")
            + radio("deny_radio_button", "Don\u2019t allow"),
            resource_id=f"{CONTROLLER}:id/app_permission_root",
            class_="android.widget.LinearLayout",
            package=CONTROLLER,
        )
    )
    prompt = permission_prompt(parse_screen(page))
    assert prompt is not None and prompt.settings_page
    assert PermissionPrompt.button_name(prompt.allow) == "allow_always_radio_button"
    assert PermissionPrompt.button_name(prompt.deny) == "deny_radio_button"
    assert prompt.message == "Location permission Maps"


def test_an_app_screen_with_allow_words_is_no_permission_prompt() -> None:
    screen = dump(node(node(text="Allow", class_="android.widget.Button", clickable="true")))
    assert permission_prompt(parse_screen(screen)) is None
