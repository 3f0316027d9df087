"""SimDevice: the `Device` backend that runs sim apps in the host JVM.

One app process at a time, as a phone with one foreground app. The device's storage (installed
apps, each app's data) lives under `home`; a device created without a home uses a temporary one.

Over 300 lines: SimDevice implements the whole `Device` protocol (harness.device.base, about
forty methods), each a short translation into the launcher's control protocol. Its parts live
beside it: app_process (the app's JVM), launch_files, screen, isolation, processes, control.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
from pathlib import Path
from typing import IO, Any

from harness.device.base import AppInfo, BeforeStart, DeviceInfo, ProcessHook, no_launcher_message
from harness.errors import AppCrashed, DeviceError, InputError, ProbeError
from harness.profile import DEFAULT_PROFILE, DeviceProfile
from harness.scratch import make_scratch, release
from harness.sim import screen
from harness.sim.app_process import (
    CRASH_EXIT_GRACE_S,
    NO_NETWORK_OPTIONS,
    AppProcess,
    death_message,
    start_app_process,
    stop_app_process,
)
from harness.sim.build import SimApp, build_app
from harness.sim.isolation import DeviceView, device_properties, prepare_view
from harness.sim.launch_files import DEFAULT_TARGET_SDK, services_of, store_permission, write_launch_files

# The Android releases the sim behaves as (developer.android.com/tools/releases/platforms);
# choose one with `--device sim@30` (or `sim-2@33`).
SIM_RELEASES = {30: "11", 33: "13", 34: "14"}
DEFAULT_API_LEVEL = 34
SCRATCH_FAMILY = "pp-sim"


def parse_sim_spec(name: str) -> tuple[str, int] | None:
    """`sim`, `sim-2`, `sim@30`, `sim-2@33` → (serial, API level); None if it names no sim device."""
    serial, _, level = name.partition("@")
    if serial != "sim" and not serial.startswith("sim-"):
        return None
    if not level:
        return ("sim-0" if serial == "sim" else serial), DEFAULT_API_LEVEL
    if not level.isdigit() or int(level) not in SIM_RELEASES:
        offered = ", ".join(str(api) for api in SIM_RELEASES)
        raise InputError(f"{name}: the sim device offers API levels {offered}")
    return ("sim-0" if serial == "sim" else serial), int(level)


class SimDevice:
    backend = "sim"
    dump_idle_ms: int = screen.dump_idle_ms_setting()

    def __init__(
        self,
        serial: str = "sim-0",
        home: Path | None = None,
        profile: DeviceProfile = DEFAULT_PROFILE,
        api_level: int = DEFAULT_API_LEVEL,
        host_clipboard: str | None = None,
    ) -> None:
        """host_clipboard: model an emulator that shares the host's clipboard (the default on the
        Android emulator): the device's clipboard holds this text and no canary is planted in
        it from outside, as on adb, where the agent plants it in the app process."""
        if api_level not in SIM_RELEASES:
            raise InputError(f"the sim device offers API levels {', '.join(map(str, SIM_RELEASES))}")
        self.api_level = api_level
        self.host_clipboard = host_clipboard
        self._serial = serial
        self._own_home = home is None
        # a temporary home left by a killed run is removed when the next one is made
        self.storage = make_scratch(f"{SCRATCH_FAMILY}{serial}-", SCRATCH_FAMILY) if home is None else home
        self.storage.mkdir(parents=True, exist_ok=True)
        self.profile = profile
        self._apps: dict[str, SimApp] = {}
        self._process: AppProcess | None = None
        self._process_hook: ProcessHook | None = None
        self._jvm_options: list[str] = list(NO_NETWORK_OPTIONS)
        self._log_path: Path | None = None
        self._log_file: IO[bytes] | None = None
        self.last_exit_code: int | None = None
        self._unisolated_reason: str | None = None
        self._view: DeviceView | None = None

    @property
    def serial(self) -> str:
        return self._serial

    def info(self) -> DeviceInfo:
        return DeviceInfo(
            backend="sim",
            serial=self._serial,
            android=f"{SIM_RELEASES[self.api_level]} (API {self.api_level}, simulated)",
            api_level=self.api_level,
            abi=platform.machine(),
        )

    # app lifecycle

    def install(self, source: Path) -> AppInfo:
        app = build_app(source)
        self._apps[app.info.package] = app
        info = app.info
        return AppInfo(
            package=info.package,
            label=info.label,
            version=info.version,
            launcher_activity=info.launcher_activity,
            application_class=info.application_class,
            permissions=info.permissions,
            source=str(source),
            extra={"target_sdk": info.extra.get("target_sdk", DEFAULT_TARGET_SDK), **services_of(info)},
        )

    def _app(self, package: str) -> SimApp:
        app = self._apps.get(package)
        if app is None:
            raise InputError(f"{package} is not installed on {self._serial}")
        return app

    def uninstall(self, package: str) -> None:
        self.stop(package)
        self._apps.pop(package, None)
        shutil.rmtree(self._state_dir(package), ignore_errors=True)

    def _state_dir(self, package: str) -> Path:
        return self.storage / "data" / package

    def clear_data(self, package: str) -> None:
        self.stop(package)
        shutil.rmtree(self._state_dir(package), ignore_errors=True)

    def capture_logs(self, path: Path) -> None:
        """Send the output of app processes started from now on to `path` (the run's logcat)."""
        self._log_path = path

    def launch(self, package: str, before_start: BeforeStart | None = None) -> int:
        if self._process is not None and self._process.package == package and self.is_running(package):
            self._request("start")
            return self._process.pid
        self._stop_process()
        app = self._app(package)
        if not app.info.launcher_activity:
            raise DeviceError(no_launcher_message(package))
        pid = self._start_gated(app)
        if before_start is not None:
            try:
                before_start(pid)
            except ProbeError:
                died = self._process.popen.poll() if self._process else None
                self._stop_process()
                if died is not None:
                    raise AppCrashed(self._death_message(package, died)) from None
                raise
        try:
            self._request("start", timeout=30.0)
        except DeviceError:
            died = self._exit_status_within(CRASH_EXIT_GRACE_S)
            if died is None:
                raise
            raise AppCrashed(self._death_message(package, died)) from None
        assert self._process is not None
        return self._process.pid

    def _start_gated(self, app: SimApp) -> int:
        """Start the app's JVM, held before any app code runs; returns its pid."""
        package = app.info.package
        run_dir = self.storage / "launch" / package
        files = write_launch_files(run_dir, self._state_dir(package), app, self.profile, self.host_clipboard)
        # the host's interfaces, MACs and identity hidden: the device's view (harness.sim.isolation)
        props = device_properties(self.profile, self.api_level, SIM_RELEASES[self.api_level])
        view = prepare_view(files.app.parent / "device", props)
        self._unisolated_reason = view.unisolated_reason
        self._view = view
        log_path = self._log_path or files.app.with_name("logcat.txt")
        self._log_file = log_path.open("ab")
        self._process = start_app_process(
            app, files, self.api_level, self._jvm_options, view, self._log_file, self._gate_hook
        )
        return self._process.pid

    def _exit_status_within(self, seconds: float) -> int | None:
        """The app process's exit status if it ends within `seconds` (it may still be exiting)."""
        if self._process is None:
            return None
        try:
            return self._process.popen.wait(seconds)
        except subprocess.TimeoutExpired:
            return None

    def _death_message(self, package: str, exit_code: int) -> str:
        return death_message(package, exit_code, Path(self._log_file.name) if self._log_file else None)

    def _request(self, command: str, *args: str, timeout: float = 10.0) -> str:
        process = self._process
        if process is None or process.popen.poll() is not None:
            raise DeviceError(f"no app is running on {self._serial}")
        reply: str = process.control.request(command, *args, timeout=timeout)
        return reply

    def _stop_process(self) -> None:
        process = self._process
        if process is None:
            return
        self._process = None
        self.last_exit_code = stop_app_process(process)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def _gate_hook(self) -> ProcessHook | None:
        """The hook for the app's other processes: into the device's view first, then instrumented."""
        hook, view = self._process_hook, self._view
        if view is None or view.denied is None:
            return hook

        def enter_then_hook(pid: int, name: str) -> None:
            view.enter_process(pid)
            if hook is not None:
                hook(pid, name)

        return enter_then_hook

    def set_process_hook(self, hook: ProcessHook | None) -> None:
        self._process_hook = hook

    def secondary_processes(self) -> list[tuple[int, str]]:
        """(pid, name) of the app's other processes started since the main one (android:process)."""
        if self._process is None:
            return []
        return [(p.pid, p.name) for p in self._process.gate.processes]

    def stop(self, package: str) -> None:
        if self._process is not None and self._process.package == package:
            self._stop_process()

    def is_running(self, package: str) -> bool:
        process = self._process
        return process is not None and process.package == package and process.popen.poll() is None

    def exit_code(self, package: str) -> int | None:
        """The exit status of the app's process once it has ended, else None."""
        process = self._process
        if process is not None and process.package == package:
            return process.popen.poll()
        return self.last_exit_code

    def foreground_package(self) -> str | None:
        if self._process is None or self._process.popen.poll() is not None:
            return screen.LAUNCHER_PACKAGE
        return self._request("foreground") or screen.LAUNCHER_PACKAGE

    def current_activity(self) -> str | None:
        if self._process is None or self._process.popen.poll() is not None:
            return None
        return self._request("activity") or None

    def set_clock_rate(self, rate: float) -> tuple[float, float]:
        """Fast-forward the app's clock (SystemClock, Handler, Looper, sensor timestamps) to `rate`
        × wall time; returns (the rate in effect, the app's uptime in seconds)."""
        reply = self._request("clock", repr(float(rate)))
        fields = dict(part.split("=", 1) for part in reply.split() if "=" in part)
        try:
            return float(fields["rate"]), float(fields["uptime"]) / 1000.0
        except (KeyError, ValueError):
            raise DeviceError(f"unexpected clock reply from the sim: {reply!r}") from None

    # permissions

    def _set_permission(self, package: str, permission: str, state: str) -> None:
        if self.is_running(package):
            self._request("grant" if state == "granted" else "revoke", permission)
        else:
            store_permission(self._state_dir(package), permission, state)

    def grant_permission(self, package: str, permission: str) -> None:
        self._app(package)
        self._set_permission(package, permission, "granted")

    def revoke_permission(self, package: str, permission: str) -> None:
        self._app(package)
        was_running = self.is_running(package)
        self._set_permission(package, permission, "denied")
        if was_running:  # Android kills an app whose runtime permission is revoked
            self.stop(package)

    # UI

    def dump_ui(self) -> str:
        """As `uiautomator dump`: waits until the screen is idle (`dump_idle_ms` of app time
        without a change), fails with "ERROR: could not get idle state." on a screen that never
        settles within screen.SIM_DUMP_GLOBAL_MS."""
        if self._process is None or self._process.popen.poll() is not None:
            return screen.HOME_SCREEN
        try:
            return self._request(
                "dump",
                str(self.dump_idle_ms),
                str(screen.SIM_DUMP_GLOBAL_MS),
                timeout=screen.SIM_DUMP_GLOBAL_MS / 1000 + 10,
            )
        except DeviceError as error:
            if screen.NOT_IDLE in str(error):
                raise DeviceError(f"uiautomator dump failed: {screen.NOT_IDLE}") from None
            raise

    def tap(self, x: int, y: int) -> None:
        if self._process is not None and self._process.popen.poll() is None:
            self._request("tap", str(x), str(y))

    def back(self) -> None:
        if self._process is not None and self._process.popen.poll() is None:
            self._request("back")

    def home(self) -> None:
        if self._process is not None and self._process.popen.poll() is None:
            self._request("home")

    def input_text(self, text: str) -> None:
        self._request("text", text)

    def screenshot(self, path: Path) -> None:
        if self._process is not None and self._process.popen.poll() is None:
            self._request("screenshot", str(path.resolve()), timeout=20.0)
        else:
            screen.write_blank_png(path)

    # canaries and sensors

    def plant_canaries(self, profile: DeviceProfile) -> None:
        self.profile = profile

    def set_location(self, latitude: float, longitude: float) -> None:
        if self._process is not None and self._process.popen.poll() is None:
            self._request("location", repr(latitude), repr(longitude))

    def inject_sensor(self, sensor_type: int, values: tuple[float, float, float]) -> None:
        self._request("sensor", str(sensor_type), *(repr(float(v)) for v in values))

    # network interception

    def setup_proxy(self, host: str, port: int, ca_cert: Path) -> None:
        from harness.capture.jvm import jvm_proxy_options
        from harness.capture.truststore import make_truststore

        self._jvm_options = jvm_proxy_options(host, port, make_truststore(ca_cert))

    def clear_proxy(self) -> None:
        self._jvm_options = list(NO_NETWORK_OPTIONS)

    def frida_device(self) -> Any:
        import frida

        return frida.get_local_device()

    def coverage_notes(self) -> dict[str, Any]:
        if self._unisolated_reason is None:
            return {}
        return {"host_isolation": f"off, the app could read the host's interfaces: {self._unisolated_reason}"}

    def close(self) -> None:
        self._stop_process()
        if self._own_home:
            release(self.storage)
