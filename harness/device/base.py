"""The one narrow interface that scenarios and the session use to drive a device.

Two backends implement it: `harness.sim.device.SimDevice` (apps in the host JVM) and
`harness.device.adb.AdbDevice` (a real emulator or phone). Scenario code is written only
against `Device`, so it runs unchanged on both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from harness.profile import DeviceProfile


@dataclass(frozen=True)
class DeviceInfo:
    backend: str  # "sim" | "adb"
    serial: str
    android: str  # human-readable release and API level, e.g. "9 (API 28)"
    api_level: int
    abi: str


@dataclass(frozen=True)
class AppInfo:
    package: str
    label: str
    version: str
    launcher_activity: str
    application_class: str | None
    permissions: tuple[str, ...] = ()
    source: str = ""  # what was installed: APK path, sim app directory or jar
    extra: dict[str, Any] = field(default_factory=dict)


# Called with the pid of a freshly started app process before any of the app's code runs;
# the instrumentation attaches and loads its agent inside this callback. It must not wait for
# the agent's hooks: on ART they are installed when the app binds, which only happens once the
# device resumes the process after this callback (see harness.instrument).
BeforeStart = Callable[[int], None]


# Called with the pid and process name ("com.app:push") of another process of the app under test
# (a component with android:process) while that process is held before running: the
# instrumentation loads its agent there, as for the main process. Runs on a device thread.
ProcessHook = Callable[[int, str], None]


def no_launcher_message(package: str) -> str:
    return (
        f"{package} has no launcher activity (no activity with a MAIN/LAUNCHER intent filter), "
        "so it cannot be started the way a user starts it"
    )


@runtime_checkable
class Device(Protocol):
    @property
    def serial(self) -> str: ...

    def info(self) -> DeviceInfo: ...

    # app lifecycle
    def install(self, source: Path) -> AppInfo: ...
    def uninstall(self, package: str) -> None: ...
    def clear_data(self, package: str) -> None: ...
    def launch(self, package: str, before_start: BeforeStart | None = None) -> int: ...
    def set_process_hook(self, hook: ProcessHook | None) -> None:
        """Instrument the app's secondary processes started from now on with `hook`."""

    def stop(self, package: str) -> None: ...
    def is_running(self, package: str) -> bool: ...
    def foreground_package(self) -> str | None: ...
    def capture_logs(self, path: Path) -> None:
        """Append the output (logcat) of app processes started from now on to `path`."""

    # permissions
    def grant_permission(self, package: str, permission: str) -> None: ...
    def revoke_permission(self, package: str, permission: str) -> None: ...

    # UI
    def dump_ui(self) -> str: ...
    def tap(self, x: int, y: int) -> None: ...
    def back(self) -> None: ...
    def home(self) -> None: ...
    def input_text(self, text: str) -> None: ...
    def screenshot(self, path: Path) -> None: ...

    # canaries and sensors
    def plant_canaries(self, profile: DeviceProfile) -> None: ...
    def set_location(self, latitude: float, longitude: float) -> None: ...
    def inject_sensor(self, sensor_type: int, values: tuple[float, float, float]) -> None: ...

    # network interception: route the app's traffic through host:port and trust the CA
    def setup_proxy(self, host: str, port: int, ca_cert: Path) -> None: ...
    def clear_proxy(self) -> None: ...

    def frida_device(self) -> Any: ...
    def coverage_notes(self) -> dict[str, Any]:
        """Device-specific facts the run's coverage must state (e.g. canaries the device refused)."""

    def close(self) -> None: ...


@runtime_checkable
class ClockControl(Protocol):
    """A device whose app clock the harness can fast-forward (the sim). A real device cannot:
    there, watching a minute of the app takes a minute."""

    def set_clock_rate(self, rate: float) -> tuple[float, float]:
        """Run the app's clock at `rate` × wall time; returns (rate in effect, app uptime in s)."""
        ...
