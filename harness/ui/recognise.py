"""What kind of screen this is: a privacy-consent dialog, the system permission dialog, a
pop-up and its close control, a step of an account-cancellation flow.

Pure functions of one parsed dump, so that a scenario acting on a live screen and a detector
re-reading the recorded dump reach the same conclusion.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.ui import vocabulary as words
from harness.ui.find import control_label, find, tappable
from harness.ui.tree import Bounds, UiNode, UiScreen

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


@dataclass(frozen=True)
class ConsentDialog:
    """A screen asking for privacy consent, and the controls on it."""

    accept: UiNode | None  # the affirmative control (同意 / Agree)
    acknowledge: UiNode | None  # an acknowledgement offered instead (我知道了 / OK)
    refuse: UiNode | None  # 不同意 / 拒绝 / Disagree …
    checkboxes: tuple[UiNode, ...]  # consent checkboxes, as shown (checked or not)
    marker: str  # the privacy word that identified the dialog

    @property
    def positive(self) -> UiNode | None:
        return self.accept or self.acknowledge


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
    message = next((n.text for n in find(screen, id_suffix="id/permission_message") if n.text), "")
    if not message:
        buttons = {control_label(c) for c in (allow, deny) if c is not None}
        message = " ".join(t for t in screen.texts() if t not in buttons)
    return PermissionPrompt(message=message.strip(), allow=allow, deny=deny)


def _is_consent_checkbox(node: UiNode, screen: UiScreen) -> bool:
    if not node.checkable:
        return False
    parent = screen.parent_of(node)
    nearby = " ".join(filter(None, (control_label(node), parent.all_text() if parent else "")))
    return words.ACCEPT.match(nearby) is not None or words.PRIVACY_MARKERS.match(nearby) is not None


def consent_dialog(screen: UiScreen) -> ConsentDialog | None:
    """A privacy-consent dialog or page: it names the privacy policy and offers a positive control."""
    if is_permission_package(screen.package):
        return None
    marker = next((m for t in screen.texts() if (m := words.PRIVACY_MARKERS.match(t))), None)
    if marker is None:
        return None
    accept = acknowledge = refuse = None
    checkboxes: list[UiNode] = []
    for node in screen.nodes():
        if node.checkable and _is_consent_checkbox(node, screen):
            checkboxes.append(node)
            continue
        if not node.clickable or not node.enabled:
            continue
        label = control_label(node)
        if words.REFUSE.match(label):
            refuse = refuse or node
        elif words.ACKNOWLEDGE.match(label):
            acknowledge = acknowledge or node
        elif words.ACCEPT.match(label):
            accept = accept or node
    if accept is None and acknowledge is None:
        return None
    return ConsentDialog(accept, acknowledge, refuse, tuple(checkboxes), marker)


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
    return controls


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
