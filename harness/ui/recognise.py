"""What kind of screen this is: a privacy-consent dialog, the system permission dialog, a
pop-up and its close control, a step of an account-cancellation flow.

Pure functions of one parsed dump, so that a scenario acting on a live screen and a detector
re-reading the recorded dump reach the same conclusion.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.ui import vocabulary as words
from harness.ui.consent import ConsentDialog as ConsentDialog
from harness.ui.consent import read_consent
from harness.ui.find import class_matches, control_label, find, tappable
from harness.ui.tree import Bounds, UiNode, UiScreen
from harness.ui.words import Words

PERMISSION_PACKAGES = frozenset(
    {
        "com.android.permissioncontroller",
        "com.google.android.permissioncontroller",
        "com.android.packageinstaller",
    }
)
# Every button of the permission dialog (GrantPermissionsActivity) of API 30–35, by what pressing
# it means (packages/modules/Permission PermissionController/res/layout/grant_permissions.xml and
# GrantPermissionsViewModel.kt). Preferred first: "while using the app" is what a user normally
# picks; one-time grants expire; "select photos" grants partial access only.
ALLOW_IDS = (
    "permission_allow_button",
    "permission_allow_foreground_only_button",
    "permission_allow_all_button",
    "permission_allow_always_button",
    "permission_allow_one_time_button",
    "permission_allow_selected_button",
)
DENY_IDS = (
    "permission_deny_button",
    "permission_deny_and_dont_ask_again_button",
    # declining an upgrade (background location, more photos) keeps the current, narrower grant
    "permission_no_upgrade_button",
    "permission_no_upgrade_and_dont_ask_again_button",
    "permission_no_upgrade_one_time_button",
    "permission_no_upgrade_one_time_and_dont_ask_again_button",
    "permission_dont_allow_more_selected_button",
)
# The app's permission page in Settings (AppPermissionFragment, res/layout/app_permission.xml),
# where background location ("all the time") is granted from API 30 on.
SETTINGS_ALLOW_IDS = ("allow_always_radio_button", "allow_radio_button")
SETTINGS_DENY_IDS = ("deny_radio_button", "deny_foreground_radio_button")
SETTINGS_PAGE_ID = "app_permission_root"
OVERLAY_AREA_RATIO = 0.85
# An ad's unlabeled close image: at most this share of its window's width on a side, and within
# this share of the window's width/height from two edges.
CORNER_IMAGE_MAX_SIDE = 0.15
CORNER_MARGIN = 0.12
# The usual grant when the dialog offers several (as with ALLOW_IDS): while using the app.
PREFERRED_PERMISSION_WORDS = frozenset(
    {"仅在使用中允许", "仅在使用该应用时允许", "仅在使用此应用时允许", "使用时允许", "while using the app",
     "only while using", "allow only while"}
)  # fmt: skip


@dataclass(frozen=True)
class PermissionPrompt:
    """The system permission dialog, or the app's permission page in Settings (`settings_page`:
    a choice there is a radio button, and BACK — not a button — takes the user back to the app)."""

    message: str
    allow: UiNode | None
    deny: UiNode | None
    settings_page: bool = False

    @staticmethod
    def button_name(node: UiNode | None) -> str:
        """The id of a button without its package: `permission_deny_and_dont_ask_again_button`."""
        return node.resource_id.rsplit("/", 1)[-1] if node is not None else ""


def is_permission_package(package: str) -> bool:
    return package in PERMISSION_PACKAGES


def _first_by_id(screen: UiScreen, ids: tuple[str, ...]) -> UiNode | None:
    for suffix in ids:
        found = find(screen, id_suffix=f"id/{suffix}", enabled=True)
        if found:
            return found[0]
    return None


def _permission_button_by_text(screen: UiScreen, wanted: Words, avoid: UiNode | None) -> UiNode | None:
    """A button of the permission controller found by what it says, for dumps whose buttons carry
    no known resource id (trimmed dumps, OEM builds, the legacy review screen). Buttons whose
    flags were dropped still count; "while using the app" is preferred, as with the ids."""
    found: list[tuple[int, UiNode]] = []
    for node in screen.nodes():
        matched = wanted.match(node.label) if node.label else None
        if matched is None:
            continue
        target = screen.clickable_target(node) or (node if class_matches(node.class_name, "Button") else None)
        if target is None or not target.enabled or target is avoid:
            continue
        preferred = 0 if matched in PREFERRED_PERMISSION_WORDS else 1
        found.append((preferred, target))
    return min(found, key=lambda item: item[0])[1] if found else None


def permission_prompt(screen: UiScreen) -> PermissionPrompt | None:
    """The runtime-permission dialog of the system (or the app's permission page in Settings),
    when it is in front."""
    if is_permission_package(screen.package) and find(screen, id_suffix=f"id/{SETTINGS_PAGE_ID}"):
        allow = _first_by_id(screen, SETTINGS_ALLOW_IDS)
        deny = _first_by_id(screen, SETTINGS_DENY_IDS)
        message = " ".join(n.text for n in screen.nodes() if n.text and not n.clickable)
        return PermissionPrompt(message=message.strip(), allow=allow, deny=deny, settings_page=True)
    allow = _first_by_id(screen, ALLOW_IDS)
    deny = _first_by_id(screen, DENY_IDS)
    if not is_permission_package(screen.package) and allow is None and deny is None:
        return None
    if is_permission_package(screen.package):
        allow = allow or _permission_button_by_text(screen, words.PERMISSION_ALLOW, avoid=deny)
        deny = deny or _permission_button_by_text(screen, words.PERMISSION_DENY, avoid=allow)
    message = next((n.text for n in find(screen, id_suffix="id/permission_message") if n.text), "")
    if not message:
        buttons = {control_label(c) for c in (allow, deny) if c is not None}
        message = " ".join(t for t in screen.texts() if t not in buttons)
    return PermissionPrompt(message=message.strip(), allow=allow, deny=deny)


def consent_dialog(screen: UiScreen) -> ConsentDialog | None:
    """The app's privacy-consent dialog, page or form in front (harness.ui.consent reads it)."""
    if is_permission_package(screen.package):
        return None
    return read_consent(screen)


def close_controls(screen: UiScreen) -> list[UiNode]:
    """Controls that say they close the window: 关闭, ×, 跳过, Close, Skip, or an id/description saying so."""
    controls = tappable(screen, words.CLOSE)
    seen = {c.path for c in controls}
    for node in screen.nodes():
        named = any(part in node.resource_id.rsplit("/", 1)[-1].lower() for part in words.CLOSE_ID_PARTS)
        described = words.CLOSE.match(node.content_desc) is not None
        if not (named or described):
            continue
        target = screen.clickable_target(node)
        if target is not None and target.enabled and target.path not in seen:
            seen.add(target.path)
            controls.append(target)
    return controls or _corner_images(screen)


def _corner_images(screen: UiScreen) -> list[UiNode]:
    """Unlabeled small clickable images in a corner of their window: how ads draw their close
    control when it has no text, description or telling id."""
    found = []
    for node in screen.nodes():
        is_image = class_matches(node.class_name, "ImageView") or class_matches(
            node.class_name, "ImageButton"
        )
        if not is_image or node.label or not node.clickable or not node.enabled:
            continue
        window = screen.roots[node.path[0]].bounds
        box = node.bounds
        side = max(box.width, box.height)
        if side == 0 or window.width == 0 or side > CORNER_IMAGE_MAX_SIDE * window.width:
            continue
        near_left = box.left - window.left <= CORNER_MARGIN * window.width
        near_right = window.right - box.right <= CORNER_MARGIN * window.width
        near_top = box.top - window.top <= CORNER_MARGIN * window.height
        near_bottom = window.bottom - box.bottom <= CORNER_MARGIN * window.height
        if (near_left or near_right) and (near_top or near_bottom):
            found.append(node)
    return found


def is_overlay(screen: UiScreen, display: Bounds) -> bool:
    """A dialog or a pop-up, not an activity: its window does not start at the display's corner,
    or is clearly smaller than the largest window seen (`display`)."""
    if not screen.roots:
        return False
    window = screen.window_bounds
    if window.left > 0 or window.top > 0:
        return True
    return display.area > 0 and window.area < OVERLAY_AREA_RATIO * display.area


@dataclass(frozen=True)
class CancellationStep:
    """How a screen of an account-cancellation flow reads."""

    obstruction: str | None  # "offline only" | "customer service only" | "not supported" | None
    proceed: UiNode | None  # moves the flow on (下一步 / Next)
    confirm: UiNode | None  # the irreversible confirmation (确认注销 / Delete my account)


def cancellation_step(screen: UiScreen) -> CancellationStep:
    proceed = next(iter(tappable(screen, words.PROCEED)), None)
    confirm = next((c for c in tappable(screen, words.CONFIRM_CANCELLATION) if c is not proceed), None)
    obstruction = None
    if proceed is None and confirm is None:
        text = " ".join(screen.texts())
        for kind in (words.NOT_SUPPORTED, words.OFFLINE_ONLY, words.CUSTOMER_SERVICE_ONLY):
            if kind.match(text):
                obstruction = kind.name
                break
    return CancellationStep(obstruction, proceed, confirm)


def mentions_permission_requirement(screen: UiScreen) -> bool:
    return words.PERMISSION_REQUIRED.match(" ".join(screen.texts())) is not None


def cancellation_entries(screen: UiScreen) -> list[UiNode]:
    return tappable(screen, words.ACCOUNT_CANCELLATION)
