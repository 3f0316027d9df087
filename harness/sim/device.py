"""SimDevice: the `Device` backend that runs sim apps in the host JVM.

One app process at a time, as a phone with one foreground app. The device's storage (installed
apps, each app's data) lives under `home`; a device created without a home uses a temporary one.
"""

from __future__ import annotations

import contextlib
import os
import platform
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from harness.device.base import AppInfo, BeforeStart, DeviceInfo, ProcessHook, no_launcher_message
from harness.errors import AppCrashed, DeviceError, InputError, ProbeError
from harness.profile import DEFAULT_PROFILE, DeviceProfile
from harness.scratch import make_scratch, release
from harness.sim.build import SimApp, build_app, framework_classes, java_base_patch, java_executable
from harness.sim.control import SimControl
from harness.sim.isolation import DeviceView, device_properties, prepare_view
from harness.sim.processes import ProcessGate

LAUNCHER_PACKAGE = "com.google.android.apps.nexuslauncher"
# The Android releases the sim behaves as (developer.android.com/tools/releases/platforms);
# choose one with `--device sim@30` (or `sim-2@33`).
SIM_RELEASES = {30: "11", 33: "13", 34: "14"}
DEFAULT_API_LEVEL = 34
# A sim app folder whose manifest has no <uses-sdk targetSdkVersion> targets what
# examples/android-build/build_apk.py gives its APK by default (--target-sdk-version 30).
DEFAULT_TARGET_SDK = 30
# A device's `uiautomator dump` first waits for 1 s without accessibility events
# (UiAutomation.waitForIdle(1000, 10000), frameworks/base/cmds/uiautomator/.../DumpCommand.java),
# so a dump costs 1-2 s there. The sim waits less by default (PRIVACY_PROBE_SIM_DUMP_IDLE_MS, or
# SimDevice.dump_idle_ms) because scenarios derive their waits from the measured dump cost.
SIM_DUMP_IDLE_ENV = "PRIVACY_PROBE_SIM_DUMP_IDLE_MS"
DEVICE_DUMP_IDLE_MS = 1000
SIM_DUMP_IDLE_MS = 100
SIM_DUMP_GLOBAL_MS = 10_000
NOT_IDLE = "ERROR: could not get idle state."
# Each app's JVM gets a heap limit, as each Android app gets one (dalvik.vm.heapgrowthlimit,
# what ActivityManager.getMemoryClass() reports: 256 MB on current phones; developer.android.com
# /reference/android/app/ActivityManager#getMemoryClass()), so `sim:N` cannot exhaust the host.
SCRATCH_FAMILY = "pp-sim"
SIM_HEAP_ENV = "PRIVACY_PROBE_SIM_HEAP"
DEFAULT_SIM_HEAP = "256m"
OOM_MARKER = "OutOfMemoryError"
_HEAP_SIZE = re.compile(r"^[1-9][0-9]*[kKmMgG]?$")
EXIT_GRACE_S = 3.0
CRASH_EXIT_GRACE_S = 2.0
FATAL_MARKER = b"E/AndroidRuntime: FATAL EXCEPTION"
# Without a capture proxy the app's HTTP(S) goes to a closed loopback port: a sim app never
# reaches the outside network, and it never resolves host names itself.
_NO_NETWORK_OPTIONS = (
    "-Dhttp.proxyHost=127.0.0.1",
    "-Dhttp.proxyPort=9",
    "-Dhttps.proxyHost=127.0.0.1",
    "-Dhttps.proxyPort=9",
    "-Dhttp.nonProxyHosts=",
)
_HOME_SCREEN = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">"
    '<node index="0" text="" resource-id="" class="android.widget.FrameLayout" '
    f'package="{LAUNCHER_PACKAGE}" content-desc="" checkable="false" checked="false" '
    'clickable="false" enabled="true" focusable="false" focused="false" scrollable="false" '
    'long-clickable="false" password="false" selected="false" bounds="[0,0][1080,2340]" />'
    "</hierarchy>"
)


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


def sim_heap_limit() -> str:
    """The app JVM's heap limit: $PRIVACY_PROBE_SIM_HEAP (e.g. 512m) or 256m."""
    value = os.environ.get(SIM_HEAP_ENV, "").strip() or DEFAULT_SIM_HEAP
    if not _HEAP_SIZE.match(value):
        raise InputError(f"{SIM_HEAP_ENV}={value!r}: expected a size like 256m or 1g")
    return value


def _heap_options() -> list[str]:
    # ExitOnOutOfMemoryError: the app dies of it at once (as an Android app does), instead of
    # thrashing in GC with its main thread unresponsive
    return [f"-Xmx{sim_heap_limit()}", "-XX:+ExitOnOutOfMemoryError"]


def _services(info: AppInfo) -> dict[str, dict[str, str]]:
    services = info.extra.get("services")
    return {"services": dict(services)} if isinstance(services, dict) else {}


def _write_properties(path: Path, values: dict[str, str]) -> None:
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


def _process_alive(pid: int) -> bool:
    """True while the process runs, without reaping it.

    Popen.poll() calls waitpid(), which would also consume the ptrace stop notifications that
    Frida's injector waits for while it attaches to our child: never poll during an attach.
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in (b"Z", b"X")


class _CrashReaper(threading.Thread):
    """Kills an app process that reported a fatal exception but did not end, as Android's system does.

    With Frida attached, a JVM can fail to complete its own exit after a crash; the process
    must not linger as a zombie app that the harness keeps talking to.
    """

    def __init__(self, popen: subprocess.Popen[bytes], log_path: Path, offset: int) -> None:
        super().__init__(name=f"crash-reaper-{popen.pid}", daemon=True)
        self._popen = popen
        self._log_path = log_path
        self._offset = offset

    def run(self) -> None:
        with self._log_path.open("rb") as log:
            log.seek(self._offset)
            pending = b""
            while _process_alive(self._popen.pid):
                pending = (pending + log.read())[-4096:]
                if FATAL_MARKER in pending:
                    deadline = time.monotonic() + CRASH_EXIT_GRACE_S
                    while _process_alive(self._popen.pid) and time.monotonic() < deadline:
                        time.sleep(0.1)
                    if _process_alive(self._popen.pid):
                        self._popen.kill()
                    return
                time.sleep(0.1)


@dataclass
class _Process:
    package: str
    popen: subprocess.Popen[bytes]
    control: SimControl
    pid: int
    gate: ProcessGate
    log_pump: threading.Thread | None = None


def _dump_idle_ms() -> int:
    value = os.environ.get(SIM_DUMP_IDLE_ENV, "")
    if not value:
        return SIM_DUMP_IDLE_MS
    if not value.isdigit() or int(value) > SIM_DUMP_GLOBAL_MS:
        raise InputError(
            f"{SIM_DUMP_IDLE_ENV} must be a whole number of milliseconds up to {SIM_DUMP_GLOBAL_MS}"
        )
    return int(value)


class SimDevice:
    backend = "sim"
    dump_idle_ms: int = _dump_idle_ms()

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
        self._process: _Process | None = None
        self._process_hook: ProcessHook | None = None
        self._jvm_options: list[str] = list(_NO_NETWORK_OPTIONS)
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
            extra={"target_sdk": info.extra.get("target_sdk", DEFAULT_TARGET_SDK), **_services(info)},
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

    def _launch_files(self, app: SimApp) -> tuple[Path, Path, Path]:
        package = app.info.package
        run_dir = self.storage / "launch" / package
        run_dir.mkdir(parents=True, exist_ok=True)
        app_props = run_dir / "app.properties"
        _write_properties(
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
                    f"{cls}|{name}" for cls, name in _services(app.info).get("services", {}).items()
                ),
            },
        )
        profile_props = run_dir / "profile.properties"
        device_state = self.profile.to_properties()
        if self.host_clipboard is not None:
            device_state["host_clipboard"] = self.host_clipboard
        _write_properties(profile_props, device_state)
        state = self._state_dir(package)
        state.mkdir(parents=True, exist_ok=True)
        return app_props, profile_props, state

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
        app_props, profile_props, state = self._launch_files(app)
        control = SimControl()
        gate = ProcessGate(self._gate_hook)
        classpath = f"{framework_classes()}:{app.classes}"
        command = [
            java_executable(),
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            "-Xss4m",
            f"--patch-module=java.base={java_base_patch()}",
            *_heap_options(),
            *self._jvm_options,
            "-cp",
            classpath,
            "com.privacyprobe.sim.Launcher",
            "--control-port", str(control.port),
            "--app", str(app_props),
            "--state", str(state),
            "--profile", str(profile_props),
            "--api-level", str(self.api_level),
            "--child-port", str(gate.port),
        ]  # fmt: skip
        # the host's interfaces, MACs and identity hidden: the device's view (harness.sim.isolation)
        props = device_properties(self.profile, self.api_level, SIM_RELEASES[self.api_level])
        view = prepare_view(app_props.parent / "device", props)
        self._unisolated_reason = view.unisolated_reason
        self._view = view
        log_path = self._log_path or app_props.with_name("logcat.txt")
        self._log_file = log_path.open("ab")
        popen = subprocess.Popen(
            [*view.prefix, *command],
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            env=view.env,
        )
        _CrashReaper(popen, log_path, self._log_file.tell()).start()
        try:
            pid: int = control.accept(popen)
        except DeviceError:
            popen.kill()
            popen.wait()
            control.close()
            gate.close()
            raise
        self._process = _Process(package=package, popen=popen, control=control, pid=pid, gate=gate)
        return pid

    def _exit_status_within(self, seconds: float) -> int | None:
        """The app process's exit status if it ends within `seconds` (it may still be exiting)."""
        if self._process is None:
            return None
        try:
            return self._process.popen.wait(seconds)
        except subprocess.TimeoutExpired:
            return None

    def _death_message(self, package: str, exit_code: int) -> str:
        last_line = ""
        if self._log_file is not None:
            lines = Path(self._log_file.name).read_text(encoding="utf-8", errors="replace").splitlines()
            last_line = next((line for line in reversed(lines) if "Exception" in line), "")
            if any(OOM_MARKER in line for line in lines[-20:]):
                return f"{package} ran out of memory during start-up: its heap limit is {sim_heap_limit()}"
        detail = f": {last_line.strip()[:200]}" if last_line else ""
        how = "exited" if exit_code == 0 else "crashed"
        return f"{package} {how} during start-up (exit status {exit_code}){detail}"

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
        process.gate.close()  # as `am force-stop`, end the app's other processes too
        if process.popen.poll() is None:
            # the process may die before answering; it is killed below if it lingers
            with contextlib.suppress(DeviceError):
                process.control.request("exit", timeout=EXIT_GRACE_S)
            try:
                process.popen.wait(EXIT_GRACE_S)
            except subprocess.TimeoutExpired:
                process.popen.kill()
                process.popen.wait()
        self.last_exit_code = process.popen.returncode
        process.control.close()
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
            return LAUNCHER_PACKAGE
        return self._request("foreground") or LAUNCHER_PACKAGE

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

    def _permission_file(self, package: str) -> Path:
        return self._state_dir(package) / "permissions.properties"

    def _set_permission(self, package: str, permission: str, state: str) -> None:
        if self.is_running(package):
            self._request("grant" if state == "granted" else "revoke", permission)
            return
        path = self._permission_file(package)
        path.parent.mkdir(parents=True, exist_ok=True)
        current = {}
        if path.exists():
            for line in path.read_text(encoding="latin-1").splitlines():
                if "=" in line and not line.startswith("#"):
                    key, _, value = line.partition("=")
                    current[key.strip()] = value.strip()
        current[permission] = state
        _write_properties(path, current)

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
        settles within SIM_DUMP_GLOBAL_MS."""
        if self._process is None or self._process.popen.poll() is not None:
            return _HOME_SCREEN
        try:
            return self._request(
                "dump",
                str(self.dump_idle_ms),
                str(SIM_DUMP_GLOBAL_MS),
                timeout=SIM_DUMP_GLOBAL_MS / 1000 + 10,
            )
        except DeviceError as error:
            if NOT_IDLE in str(error):
                raise DeviceError(f"uiautomator dump failed: {NOT_IDLE}") from None
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
            _write_blank_png(path)

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
        self._jvm_options = list(_NO_NETWORK_OPTIONS)

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


def _write_blank_png(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (1080, 2340), (24, 24, 24)).save(path, format="PNG")
