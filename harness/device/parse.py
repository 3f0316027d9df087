"""Parsers for the text Android's shell tools print (pure functions, no device needed).

Every parser takes the exact output of one command and is tolerant of the variations
between releases that matter here; each is exercised against recorded outputs in
tests/fixtures/adb/.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from harness.errors import DeviceError

_GETPROP_START = re.compile(r"^\[([^\]]+)\]: \[(.*)$")


def parse_getprop(text: str) -> dict[str, str]:
    """`getprop` with no argument: `[name]: [value]` per property (values may be empty).

    getprop prints a value as it is stored, so a value holding newlines (e.g.
    persist.sys.boot.reason.history) continues over the following lines up to the one ending
    with `]`. Dumps saved on Windows carry CRLF line ends.
    """
    props: dict[str, str] = {}
    name: str | None = None
    parts: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        match = _GETPROP_START.match(line)
        # a whole `[name]: [value]` line inside an open value means that value was cut off
        if name is None or (match is not None and line.rstrip().endswith("]")):
            if match is None:
                continue
            name, parts = match.group(1), [match.group(2)]
        else:
            parts.append(line)
        if parts[-1].rstrip().endswith("]"):
            parts[-1] = parts[-1].rstrip()[:-1]
            props[name] = "\n".join(parts)
            name = None
    return props


def parse_settings_value(text: str) -> str | None:
    """`settings get NAMESPACE KEY` prints the value, or `null` when the key is unset."""
    value = text.strip()
    return None if value in ("", "null") else value


def parse_pm_list_packages(text: str) -> list[str]:
    """`pm list packages [-f] [-U]`: `package:NAME`, `package:PATH=NAME`, `package:NAME uid:N`."""
    packages = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("package:"):
            continue
        entry = line[len("package:") :].split()[0]
        packages.append(entry.rsplit("=", 1)[-1] if "=" in entry else entry)
    return packages


def parse_pm_path(text: str) -> list[str]:
    """`pm path PKG`: one `package:/data/app/.../base.apk` line per APK (base and splits)."""
    return [
        line.strip()[len("package:") :] for line in text.splitlines() if line.strip().startswith("package:")
    ]


@dataclass(frozen=True)
class PermissionState:
    name: str
    granted: bool
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class PackageDump:
    """What `dumpsys package PKG` says about one installed package."""

    package: str
    version_name: str | None
    version_code: int | None
    target_sdk: int | None
    user_id: int | None
    requested_permissions: tuple[str, ...]
    install_permissions: tuple[PermissionState, ...]
    runtime_permissions: tuple[PermissionState, ...]

    def granted(self, permission: str) -> bool:
        for state in (*self.runtime_permissions, *self.install_permissions):
            if state.name == permission:
                return state.granted
        return False


_PERMISSION_LINE = re.compile(r"^\s*([\w.]+): granted=(true|false)(?:, flags=\[\s*([^\]]*?)\s*\])?")


def _package_section(text: str, package: str) -> list[str]:
    """The lines of the `Package [PKG] (...)` block inside the `Packages:` section."""
    lines = text.splitlines()
    header = re.compile(r"^(\s*)Package \[" + re.escape(package) + r"\] \(")
    for start, line in enumerate(lines):
        found = header.match(line)
        if not found:
            continue
        indent = len(found.group(1))
        block = []
        for following in lines[start + 1 :]:
            stripped = following.strip()
            if stripped and len(following) - len(following.lstrip()) <= indent:
                break
            block.append(following)
        return block
    return []


def _indented_list(block: list[str], title: str) -> list[str]:
    """Entries listed (more indented) under a `title:` line of a dumpsys block."""
    for index, line in enumerate(block):
        if line.strip() != title:
            continue
        indent = len(line) - len(line.lstrip())
        entries = []
        for following in block[index + 1 :]:
            if not following.strip():
                break
            if len(following) - len(following.lstrip()) <= indent:
                break
            entries.append(following.strip())
        return entries
    return []


def _permission_states(entries: list[str]) -> tuple[PermissionState, ...]:
    states = []
    for entry in entries:
        found = _PERMISSION_LINE.match(entry)
        if found:
            flags = tuple(f for f in re.split(r"[|\s]+", found.group(3) or "") if f)
            states.append(PermissionState(found.group(1), found.group(2) == "true", flags))
    return tuple(states)


def parse_dumpsys_package(text: str, package: str) -> PackageDump | None:
    """`dumpsys package PKG`; None when the package is not installed (no `Package [PKG]` block)."""
    block = _package_section(text, package)
    if not block:
        return None
    joined = "\n".join(block)

    def number(key: str) -> int | None:
        found = re.search(rf"\b{key}=(\d+)", joined)
        return int(found.group(1)) if found else None

    version_name = re.search(r"\bversionName=(\S+)", joined)
    requested = [
        entry.split(":")[0].split(",")[0] for entry in _indented_list(block, "requested permissions:")
    ]
    user_id = number("userId")
    return PackageDump(
        package=package,
        version_name=version_name.group(1) if version_name else None,
        version_code=number("versionCode"),
        target_sdk=number("targetSdk"),
        user_id=user_id if user_id is not None else number("appId"),
        requested_permissions=tuple(requested),
        install_permissions=_permission_states(_indented_list(block, "install permissions:")),
        runtime_permissions=_permission_states(_indented_list(block, "runtime permissions:")),
    )


@dataclass(frozen=True)
class Focus:
    package: str | None
    activity: str | None  # fully qualified class name, when the focused window is an activity
    window: str  # the raw window title, e.g. "NotificationShade" or "PopupWindow:1d2c3b"


_WINDOW_IN_BRACES = re.compile(r"\{[0-9a-f]+ (?:u\d+ )?(.+?)\}\s*$")
_COMPONENT = re.compile(r"^([A-Za-z][\w.]*)/(\.?[\w.$]+)$")
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
        component = _COMPONENT.match(focus_window)
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


def parse_content_rows(text: str) -> list[dict[str, str]]:
    """`content query`: `Row: 0 _id=12, display_name=Zhang Canary` lines, or `No result found.`

    Values may contain ", " themselves; a new column starts only where ", NAME=" follows with
    NAME a column identifier, which is how the content tool joins them.
    """
    rows = []
    for line in text.splitlines():
        found = re.match(r"^Row: \d+ (.*)$", line)
        if not found:
            continue
        row: dict[str, str] = {}
        for part in re.split(r", (?=[A-Za-z_][\w]*=)", found.group(1)):
            key, _, value = part.partition("=")
            row[key] = value
        rows.append(row)
    return rows


@dataclass(frozen=True)
class InstallResult:
    ok: bool
    code: str | None  # e.g. INSTALL_FAILED_VERSION_DOWNGRADE
    message: str


def parse_install_output(text: str) -> InstallResult:
    """`pm install`, `pm install-commit` and `adb install[-multiple]` output.

    Success ends with a `Success` line. Failures print `Failure [CODE: message]` (often after
    `adb: failed to install x.apk: `) or, for unparseable files, `Error: ...` /
    `Exception occurred while executing 'install': ...`.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if any(line == "Success" or line.startswith("Success:") for line in lines):
        return InstallResult(True, None, "Success")
    found = re.search(r"Failure \[([A-Z_0-9]+)(?::\s*([^\]]*))?\]", text)
    if found:
        detail = (found.group(2) or "").strip()
        return InstallResult(False, found.group(1), detail or found.group(1))
    code = re.search(r"\b(INSTALL_(?:FAILED|PARSE_FAILED)_[A-Z_0-9]+)", text)
    message = next(
        (line for line in lines if line.startswith(("Error:", "Exception occurred", "adb:"))),
        lines[-1] if lines else "no output from the package installer",
    )
    return InstallResult(False, code.group(1) if code else None, message)


def parse_install_session(text: str) -> int:
    """`pm install-create`: `Success: created install session [1234567]`."""
    found = re.search(r"created install session \[(\d+)\]", text)
    if not found:
        raise DeviceError(f"pm install-create did not create a session: {first_line(text)}")
    return int(found.group(1))


def parse_resolve_activity(text: str) -> str | None:
    """`cmd package resolve-activity --brief ...`: the component on the last line, if any.

    When nothing resolves the tool prints `No activity found` instead.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    return lines[-1] if _COMPONENT.match(lines[-1]) else None


def parse_pids(text: str) -> list[int]:
    """`pidof NAME`: space-separated pids, empty when no process has that name."""
    return [int(token) for token in text.split() if token.isdigit()]


def parse_frida_server_version(text: str) -> str:
    """`frida-server --version` prints the bare version, e.g. `17.2.17`."""
    for line in text.splitlines():
        found = re.fullmatch(r"\s*(\d+\.\d+\.\d+(?:[-+.][\w.]+)?)\s*", line)
        if found:
            return found.group(1)
    raise DeviceError(f"frida-server --version printed no version: {first_line(text)}")


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


def parse_id_uid(text: str) -> int | None:
    """`id` / `id -u`: `uid=0(root) gid=0(root) ...` or a bare number."""
    found = re.search(r"uid=(\d+)", text) or re.fullmatch(r"\s*(\d+)\s*", text)
    return int(found.group(1)) if found else None


def first_line(text: str) -> str:
    """The first non-empty line, for one-line error messages."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""
