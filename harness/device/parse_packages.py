"""Parsers for what the package manager prints: `pm list packages`, `pm path`, `dumpsys package`,
install output and sessions, `cmd package resolve-activity` (pure functions, no device needed)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from harness.device.parse import COMPONENT, first_line
from harness.errors import DeviceError


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
    return lines[-1] if COMPONENT.match(lines[-1]) else None
