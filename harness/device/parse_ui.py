"""Parsers for what the screen shows and for starting an activity: `dumpsys window` focus,
`uiautomator dump` and its XML, `am start -W` (pure functions, no device needed)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from harness.device.parse import COMPONENT, first_line
from harness.errors import DeviceError


@dataclass(frozen=True)
class Focus:
    package: str | None
    activity: str | None  # fully qualified class name, when the focused window is an activity
    window: str  # the raw window title, e.g. "NotificationShade" or "PopupWindow:1d2c3b"


_WINDOW_IN_BRACES = re.compile(r"\{[0-9a-f]+ (?:u\d+ )?(.+?)\}\s*$")
_ACTIVITY_RECORD = re.compile(r"ActivityRecord\{[0-9a-f]+ (?:u\d+ )?([A-Za-z][\w.]*)/(\.?[\w.$]+)")


def _qualify(package: str, activity: str) -> str:
    return package + activity if activity.startswith(".") else activity


def parse_window_focus(text: str) -> Focus | None:
    """`dumpsys window` (or `dumpsys window windows`): the focused window of the default display.

    Formats handled: `mCurrentFocus=Window{5c4591 u0 com.pkg/com.pkg.Main}` (all releases),
    `mCurrentFocus=Window{1a u0 NotificationShade}` (no package), `mCurrentFocus=null`, and
    `mFocusedApp=ActivityRecord{b3a1ec9 u0 com.pkg/.Main t82}` (API 29+) or
    `mFocusedApp=AppWindowToken{... token=Token{... ActivityRecord{... u0 com.pkg/.Main t5}}}`
    (API ≤ 28), used when the focused window names no package.
    """
    focus_window: str | None = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("mCurrentFocus=") and focus_window is None:
            value = line[len("mCurrentFocus=") :]
            if value != "null":
                found = _WINDOW_IN_BRACES.search(value)
                focus_window = found.group(1) if found else value
    focused_app = None
    for line in text.splitlines():
        if "mFocusedApp=" in line:
            found = _ACTIVITY_RECORD.search(line)
            if found:
                focused_app = (found.group(1), _qualify(found.group(1), found.group(2)))
                break
    if focus_window is not None:
        component = COMPONENT.match(focus_window)
        if component:
            package = component.group(1)
            return Focus(package, _qualify(package, component.group(2)), focus_window)
        not_responding = re.match(r"Application (?:Not Responding|Error): ([\w.]+)", focus_window)
        if not_responding:
            return Focus(not_responding.group(1), None, focus_window)
        if re.match(r"^[a-z][\w]*(\.[\w]+)+$", focus_window):  # a bare package-named window
            return Focus(focus_window, None, focus_window)
    if focused_app is not None:
        return Focus(focused_app[0], focused_app[1], focus_window or "")
    if focus_window is not None:
        return Focus(None, None, focus_window)
    return None


@dataclass(frozen=True)
class UiDumpOutcome:
    ok: bool
    retryable: bool
    message: str


def parse_uiautomator_dump(text: str) -> UiDumpOutcome:
    """What `uiautomator dump FILE` printed.

    Success: `UI hierchary dumped to: FILE` (sic; newer builds spell it "hierarchy").
    Known transient failures: `ERROR: could not get idle state.` (constant animation) and
    `ERROR: null root node returned by UiTestAutomationBridge.` (window changing).
    Another UiAutomation client (e.g. a running uiautomator2 server) makes it fail with
    `...already registered` — retrying does not help.
    """
    if re.search(r"UI hier\w+ dumped to:", text):
        return UiDumpOutcome(True, False, "")
    message = first_line(text) or "uiautomator dump printed nothing"
    if "already registered" in text:
        return UiDumpOutcome(
            False,
            False,
            "another UiAutomation client (e.g. a uiautomator2 server) is running; stop it "
            "(uiautomator2: d.stop_uiautomator()) — the two cannot run together",
        )
    return UiDumpOutcome(False, True, message)


def validate_ui_xml(text: str) -> str:
    """Return the uiautomator XML if it is a complete `<hierarchy>` document."""
    start = text.find("<?xml")
    if start < 0:
        start = text.find("<hierarchy")
    document = text[max(start, 0) :].strip()
    try:
        root = ET.fromstring(document)
    except ET.ParseError as error:
        raise DeviceError(f"uiautomator produced unreadable XML ({error})") from None
    if root.tag != "hierarchy":
        raise DeviceError(f"uiautomator XML has root <{root.tag}>, expected <hierarchy>")
    return document


@dataclass(frozen=True)
class AmStartResult:
    ok: bool
    message: str
    extra: dict[str, str] = field(default_factory=dict)


def parse_am_start(text: str) -> AmStartResult:
    """`am start -W -n PKG/ACT`: `Status: ok` plus timing lines, or `Error: ...` lines.

    A bad argument makes the shell command throw: "Exception occurred while executing 'start':"
    and the stack trace, with exit status 0 (AOSP BasicShellCommandHandler.exec); the exception
    line after it is the message. "Warning: Activity not started, its current task has been
    brought to the front" is a success (ActivityManagerShellCommand.runStartActivity).
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        if line.startswith("Exception occurred while executing"):
            cause = lines[index + 1] if index + 1 < len(lines) else line
            return AmStartResult(False, cause)
    errors = [line for line in lines if line.startswith("Error")]
    values = dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in text.splitlines())
        if key.strip() in ("Status", "LaunchState", "Activity", "TotalTime", "WaitTime")
    )
    if errors:
        return AmStartResult(False, errors[-1], values)
    if values.get("Status", "ok") != "ok":
        return AmStartResult(False, f"am start status {values['Status']}", values)
    return AmStartResult(True, "", values)
