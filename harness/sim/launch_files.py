"""What the sim launcher reads when it starts an app: java.util.Properties files for the app and
the device, the app's data folder, and the permissions granted while the app was not running."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from harness.device.base import AppInfo
from harness.profile import DeviceProfile
from harness.sim.build import SimApp

# A sim app folder whose manifest has no <uses-sdk targetSdkVersion> targets what
# examples/android-build/build_apk.py gives its APK by default (--target-sdk-version 30).
DEFAULT_TARGET_SDK = 30


@dataclass(frozen=True)
class LaunchFiles:
    """The app's and the device's properties, and the app's data folder."""

    app: Path
    profile: Path
    state: Path


def services_of(info: AppInfo) -> dict[str, dict[str, str]]:
    services = info.extra.get("services")
    return {"services": dict(services)} if isinstance(services, dict) else {}


def write_launch_files(
    run_dir: Path, state: Path, app: SimApp, profile: DeviceProfile, host_clipboard: str | None
) -> LaunchFiles:
    package = app.info.package
    run_dir.mkdir(parents=True, exist_ok=True)
    app_props = run_dir / "app.properties"
    write_properties(
        app_props,
        {
            "package": package,
            "label": app.info.label,
            "version": app.info.version,
            "application": app.info.application_class or "",
            "launcher": app.info.launcher_activity,
            "permissions": ",".join(app.info.permissions),
            "target_sdk": str(app.info.extra.get("target_sdk", DEFAULT_TARGET_SDK)),
            "services": ",".join(
                f"{cls}|{name}" for cls, name in services_of(app.info).get("services", {}).items()
            ),
        },
    )
    profile_props = run_dir / "profile.properties"
    device_state = profile.to_properties()
    if host_clipboard is not None:
        device_state["host_clipboard"] = host_clipboard
    write_properties(profile_props, device_state)
    state.mkdir(parents=True, exist_ok=True)
    return LaunchFiles(app=app_props, profile=profile_props, state=state)


def store_permission(state: Path, permission: str, granted: str) -> None:
    """Record a permission's state ("granted" | "denied") in the app's data folder, where the
    launcher reads it at the app's next start."""
    path = state / "permissions.properties"
    path.parent.mkdir(parents=True, exist_ok=True)
    current = {}
    if path.exists():
        for line in path.read_text(encoding="latin-1").splitlines():
            if "=" in line and not line.startswith("#"):
                key, _, value = line.partition("=")
                current[key.strip()] = value.strip()
    current[permission] = granted
    write_properties(path, current)


def write_properties(path: Path, values: dict[str, str]) -> None:
    """java.util.Properties text, with every non-ASCII character escaped so any JDK reads it."""

    def escape(text: str, is_key: bool) -> str:
        out = []
        for index, char in enumerate(text):
            if char in "\\=:#!" or (char == " " and (is_key or index == 0)):
                out.append("\\" + char)
            elif char == "\n":
                out.append("\\n")
            elif char == "\r":
                out.append("\\r")
            elif char == "\t":
                out.append("\\t")
            elif ord(char) > 0x7E or ord(char) < 0x20:
                out.extend(f"\\u{unit:04x}" for unit in _utf16_units(char))
            else:
                out.append(char)
        return "".join(out)

    lines = [f"{escape(k, True)}={escape(v, False)}" for k, v in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


def _utf16_units(char: str) -> list[int]:
    encoded = char.encode("utf-16-be")
    return [int.from_bytes(encoded[i : i + 2], "big") for i in range(0, len(encoded), 2)]
