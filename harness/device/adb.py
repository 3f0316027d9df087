"""AdbDevice: the production `Device` — a real Android emulator or phone reached through adb.

Everything goes through `harness.device.transport.Adb` (adbutils underneath), so every
failure is a one-line DeviceError. The device-wide changes a run makes (proxy, canaries)
are undone in `close()`, which the context manager, the proxy guard's atexit/signal hooks
and the next run's recovery all lead to. The work itself is done beside it: apps (package and
activity managers), screen (UI dumps, input), spawn (Frida), ca_trust, planting, logcat.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness.device import apps, ca_trust, canaries, identifiers, screen
from harness.device.animations import AnimationScales
from harness.device.base import AppInfo, BeforeStart, DeviceInfo, ProcessHook
from harness.device.cacert import TrustCheck
from harness.device.logcat import LogcatPump
from harness.device.parse import parse_getprop
from harness.device.parse_packages import PackageDump
from harness.device.planting import plant_profile, remove_planted
from harness.device.proxy import ProxyGuard, recover
from harness.device.root import Root, detect_root
from harness.device.select import select_serial
from harness.device.spawn import SpawnGate, frida_usb_device, spawn_suspended
from harness.device.transport import Adb, open_device
from harness.errors import DeviceError, InstrumentationError
from harness.profile import DeviceProfile


class AdbDevice:
    """A real device; implements harness.device.base.Device."""

    def __init__(
        self,
        device: str | Adb,
        *,
        state_dir: Path | None = None,
        frida_device_factory: Callable[[str], Any] | None = None,
    ) -> None:
        """device: a serial (checked to be attached and online) or an open Adb handle.
        frida_device_factory: serial → Frida device object (default: frida.get_device)."""
        adb = open_device(device) if isinstance(device, str) else device
        self.adb = adb
        self.notes: list[str] = []  # things the run's coverage should state (CA not trusted…)
        self.plant_report = canaries.PlantReport()
        self._props: dict[str, str] | None = None
        self._guard = ProxyGuard(adb, state_dir)
        self._animations = AnimationScales(adb)
        self._launchers: dict[str, str] = {}
        self._frida: Any = None
        self._process_hook: ProcessHook | None = None
        self._spawn_gate = SpawnGate(self.notes)
        self._frida_device_factory = frida_device_factory
        self._root: Root | None = None
        self._logcat: LogcatPump | None = None
        self._planted: DeviceProfile | None = None
        self._closed = False
        undone = recover(adb, self._guard.state_dir)
        if undone is not None:
            self.notes.append(
                f"restored http_proxy={undone.original or 'unset'} left by crashed process {undone.pid}"
            )

    @classmethod
    def open(cls, serial: str | None = None, *, state_dir: Path | None = None) -> AdbDevice:
        """The device named by serial, else $ANDROID_SERIAL, else the only one attached."""
        return cls(select_serial(serial), state_dir=state_dir)

    @property
    def serial(self) -> str:
        return self.adb.serial

    @property
    def state_dir(self) -> Path:
        """Where proxy journals live on the host (see harness.device.proxy)."""
        return self._guard.state_dir

    # -- facts ----------------------------------------------------------------------------

    def props(self) -> dict[str, str]:
        if self._props is None:
            self._props = parse_getprop(self.adb.run(["getprop"]))
        return self._props

    @property
    def api_level(self) -> int:
        try:
            return int(self.props().get("ro.build.version.sdk", "0"))
        except ValueError:
            return 0

    def info(self) -> DeviceInfo:
        props = self.props()
        release = props.get("ro.build.version.release", "?")
        return DeviceInfo(
            backend="adb",
            serial=self.serial,
            android=f"{release} (API {self.api_level})",
            api_level=self.api_level,
            abi=props.get("ro.product.cpu.abi", ""),
        )

    def root(self) -> Root:
        if self._root is None:
            self._root = detect_root(self.adb, allow_adbd_restart=True)
            self._props = None  # adbd may have restarted
        return self._root

    # -- app lifecycle --------------------------------------------------------------------

    def install(self, source: Path) -> AppInfo:
        info, component = apps.install(self.adb, source)
        if component:
            self._launchers[info.package] = component
        return info

    def package_dump(self, package: str) -> PackageDump | None:
        return apps.package_dump(self.adb, package)

    def installed_paths(self, package: str) -> list[str]:
        return apps.installed_paths(self.adb, package)

    def uninstall(self, package: str) -> None:
        apps.uninstall(self.adb, package)
        self._launchers.pop(package, None)

    def clear_data(self, package: str) -> None:
        apps.clear_data(self.adb, package)

    def launch(self, package: str, before_start: BeforeStart | None = None) -> int:
        """Start the app; with before_start, Frida spawns it suspended, before_start(pid) runs
        (the agent attaches by pid and loads), then the app is resumed."""
        self._disable_animations()
        if before_start is None:
            apps.start_activity(self.adb, package, self._launchers.get(package))
            return apps.wait_for_pid(self.adb, package)
        device = self.frida_device()
        self._spawn_gate.stop()
        if self._process_hook is not None:
            self._spawn_gate.start(device, package, lambda: self._process_hook)
        pid = spawn_suspended(device, package, self.serial)
        try:
            before_start(pid)
        except BaseException:
            with contextlib.suppress(Exception):
                device.kill(pid)
            raise
        try:
            device.resume(pid)
        except Exception as error:
            raise InstrumentationError(f"could not resume {package} (pid {pid}): {error}") from None
        return pid

    def set_process_hook(self, hook: ProcessHook | None) -> None:
        self._process_hook = hook

    def pid_of(self, package: str) -> int | None:
        return apps.pid_of(self.adb, package)

    def stop(self, package: str) -> None:
        self._spawn_gate.stop()
        self.adb.run(["am", "force-stop", package])

    def is_running(self, package: str) -> bool:
        return self.pid_of(package) is not None

    def foreground_package(self) -> str | None:
        return apps.foreground_package(self.adb, self.api_level)

    # -- permissions ----------------------------------------------------------------------

    def grant_permission(self, package: str, permission: str) -> None:
        apps.set_permission(self.adb, "grant", package, permission)

    def revoke_permission(self, package: str, permission: str) -> None:
        """Note: Android kills the app's process when a runtime permission is revoked."""
        apps.set_permission(self.adb, "revoke", package, permission)

    # -- UI -------------------------------------------------------------------------------

    def dump_ui(self) -> str:
        return screen.dump_ui(self.adb)

    def tap(self, x: int, y: int) -> None:
        screen.tap(self.adb, x, y)

    def back(self) -> None:
        screen.press_back(self.adb)

    def home(self) -> None:
        screen.press_home(self.adb)

    def input_text(self, text: str) -> None:
        screen.input_text(self.adb, text)

    def screenshot(self, path: Path) -> None:
        screen.screenshot(self.adb, path)

    # -- canaries and sensors -------------------------------------------------------------

    def plant_canaries(self, profile: DeviceProfile) -> None:
        self.plant_report = plant_profile(self.adb, lambda: self.api_level, profile)
        self._planted = profile

    def remove_canaries(self) -> None:
        if self._planted is not None:
            remove_planted(self.adb, self._planted)
            self._planted = None

    def read_identifiers(self) -> identifiers.DeviceIdentifiers:
        """What the device reports; the session puts it in the run's profile.json."""
        return identifiers.read_identifiers(self.adb)

    def set_location(self, latitude: float, longitude: float) -> None:
        canaries.set_location(self.adb, self.api_level, latitude, longitude)

    def inject_sensor(self, sensor_type: int, values: tuple[float, float, float]) -> None:
        self.adb.emu(*canaries.sensor_args(sensor_type, values))

    # -- network interception -------------------------------------------------------------

    def setup_proxy(self, host: str, port: int, ca_cert: Path) -> None:
        trust = self.ensure_ca(ca_cert)
        if not trust.trusted:
            self.notes.append(f"mitmproxy CA not trusted on {self.serial}: {trust.detail}")
        self._guard.apply(host, port)

    def clear_proxy(self) -> None:
        self._guard.restore()
        if self._guard.restore_error:
            self.notes.append(
                f"http_proxy could not be restored yet ({self._guard.restore_error}); it will "
                "be restored the next time privacy-probe opens this device"
            )

    def check_ca(self, ca_cert: Path) -> TrustCheck:
        """Is the CA, byte for byte, in the store every new app process reads? (needs root)"""
        root = self.root()
        if not root.available:
            return TrustCheck(False, f"cannot check without root: {root.detail}")
        return ca_trust.check_ca(self.adb, root, self.api_level, ca_cert)

    def ensure_ca(self, ca_cert: Path) -> TrustCheck:
        """Put the CA into the system store unless it is already trusted (harness.device.ca_trust)."""
        root = self.root()
        if not root.available:
            return TrustCheck(False, f"cannot install without root: {root.detail}")
        return ca_trust.ensure_ca(self.adb, root, self.api_level, ca_cert)

    # -- instrumentation and logs ---------------------------------------------------------

    def frida_device(self) -> Any:
        if self._frida is None:
            factory = self._frida_device_factory or frida_usb_device
            self._frida = factory(self.serial)
        return self._frida

    def capture_logs(self, path: Path) -> None:
        """Append logcat (threadtime format) from now on to path until close()."""
        self.stop_logcat()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._logcat = LogcatPump(self.adb.stream(["logcat", "-v", "threadtime", "-T", "1"]), path)

    def stop_logcat(self) -> None:
        if self._logcat is not None:
            self._logcat.stop()
            self._logcat = None

    def coverage_notes(self) -> dict[str, Any]:
        """What the run's coverage should say about this device (canaries it refused, CA trust…)."""
        return {"device_notes": list(self.notes), "canaries_planted": self.plant_report.to_json()}

    def close(self) -> None:
        """Undo what the run changed on the device; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        self._spawn_gate.stop()
        self.stop_logcat()
        try:
            self.remove_canaries()
        except DeviceError as error:
            self.notes.append(f"planted canaries could not be removed: {error}")
        self.clear_proxy()
        try:
            self._animations.restore()
        except DeviceError as error:
            self.notes.append(str(error))

    def _disable_animations(self) -> None:
        """Animations off before the app first shows (harness.device.animations); restored on close."""
        try:
            self._animations.disable()
        except DeviceError as error:
            self.notes.append(f"animations could not be turned off: {error}")

    def __enter__(self) -> AdbDevice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
