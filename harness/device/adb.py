"""AdbDevice: the production `Device` — a real Android emulator or phone reached through adb.

Everything goes through `harness.device.transport.Adb` (adbutils underneath), so every
failure is a one-line DeviceError. The device-wide changes a run makes (proxy, canaries)
are undone in `close()`, which the context manager, the proxy guard's atexit/signal hooks
and the next run's recovery all lead to.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness.device import canaries
from harness.device.animations import AnimationScales
from harness.device.apk import ApkManifest, read_apk_manifest
from harness.device.base import AppInfo, BeforeStart, DeviceInfo, ProcessHook, no_launcher_message
from harness.device.cacert import (
    STAGING_DIR,
    CaCertificate,
    TrustCheck,
    install_script,
    load_ca_certificate,
    parse_trust_check,
    trust_check_script,
)
from harness.device.parse import (
    PackageDump,
    first_line,
    parse_am_start,
    parse_dumpsys_package,
    parse_getprop,
    parse_install_output,
    parse_install_session,
    parse_pids,
    parse_pm_path,
    parse_resolve_activity,
    parse_uiautomator_dump,
    parse_window_focus,
    validate_ui_xml,
)
from harness.device.proxy import ProxyGuard, recover
from harness.device.root import Root, detect_root, run_script_as_root
from harness.device.select import select_serial
from harness.device.transport import Adb, open_device
from harness.errors import DeviceError, InputError, InstrumentationError, ProbeError
from harness.profile import DeviceProfile

REMOTE_TMP = "/data/local/tmp"
UI_DUMP_PATH = f"{REMOTE_TMP}/privacy-probe-ui.xml"
SCREENSHOT_PATH = f"{REMOTE_TMP}/privacy-probe-screen.png"
UI_DUMP_ATTEMPTS = 4
RETRY_DELAY = 0.5  # seconds; grows with each attempt
INSTALL_TIMEOUT = 300.0
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
KEYCODE_HOME = "3"
KEYCODE_BACK = "4"
MAIN_ACTION = "android.intent.action.MAIN"
LAUNCHER_CATEGORY = "android.intent.category.LAUNCHER"

INSTALL_HINTS = {
    "INSTALL_FAILED_UPDATE_INCOMPATIBLE": "a copy signed with another key is installed; uninstall it first",
    "INSTALL_FAILED_VERSION_DOWNGRADE": "a newer version is installed; uninstall it first",
    "INSTALL_FAILED_NO_MATCHING_ABIS": "the APK has no native code for this device's ABI; "
    "use an emulator image of a matching ABI",
    "INSTALL_FAILED_OLDER_SDK": "the APK needs a newer Android release than the device has",
    "INSTALL_FAILED_DEPRECATED_SDK_VERSION": "Android 14+ refuses apps targeting API < 23; "
    "use an emulator with API ≤ 33",
    "INSTALL_FAILED_INSUFFICIENT_STORAGE": "the device is out of storage; wipe the emulator "
    "data or uninstall apps",
    "INSTALL_FAILED_MISSING_SPLIT": "this app is split: pass the directory holding the base "
    "APK and all its split APKs",
    "INSTALL_PARSE_FAILED_NO_CERTIFICATES": "the APK is not signed; sign it with apksigner",
    "INSTALL_FAILED_INVALID_APK": "the APK (or a split of it) is invalid or does not belong to the same app",
}


def _apk_files(source: Path) -> list[Path]:
    if not source.exists():
        raise InputError(f"{source} does not exist")
    if source.is_file():
        if source.suffix.lower() != ".apk":
            raise InputError(f"{source} is not an .apk file")
        return [source]
    apks = sorted(path for path in source.iterdir() if path.suffix.lower() == ".apk")
    if apks:
        return apks
    if (source / "AndroidManifest.xml").exists():
        raise InputError(
            f"{source} is a sim app directory; build an APK from it with "
            "examples/android-build/build_apk.py, or run it with --device sim"
        )
    raise InputError(f"{source} holds no .apk files")


def _base_manifest(apks: list[Path]) -> ApkManifest:
    manifests = [read_apk_manifest(apk) for apk in apks]
    bases = [manifest for manifest in manifests if manifest.split is None]
    if len(bases) != 1:
        raise InputError(
            f"expected exactly one base APK among {', '.join(a.name for a in apks)}, found {len(bases)}"
        )
    others = {m.package for m in manifests} - {bases[0].package}
    if others:
        raise InputError(f"split APKs of other apps mixed in: {', '.join(sorted(others))}")
    return bases[0]


def component_name(package: str, activity: str) -> str:
    """`am start -n` takes PKG/CLS (CLS fully qualified or `.Relative` to PKG): a bare class name
    is refused with "Bad component name" (AOSP core/java/android/content/Intent.java,
    parseCommandArgs; ComponentName.unflattenFromString)."""
    return activity if "/" in activity else f"{package}/{activity}"


# frida-server's system_server helper spawns an app through its launch intent and says this when
# the package has none; "Unable to find application with identifier" when it is not installed.
FRONT_DOOR_MISSING = "front-door activity"


def spawn_refusal(package: str, serial: str, error: str) -> str:
    if FRONT_DOOR_MISSING in error:
        return no_launcher_message(package)
    return f"{package} is not installed on {serial}"


def install_failure(name: str, output: str) -> DeviceError:
    result = parse_install_output(output)
    hint = INSTALL_HINTS.get(result.code or "")
    code = f"{result.code}: " if result.code and result.code not in result.message else ""
    return DeviceError(f"installing {name} failed: {code}{result.message}" + (f" ({hint})" if hint else ""))


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
        self._gating: tuple[Any, Callable[[Any], None]] | None = None
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
        apks = _apk_files(source)
        base = _base_manifest(apks)
        if len(apks) == 1:
            self._install_single(apks[0])
        else:
            self._install_multiple(apks)
        dump = self.package_dump(base.package)
        if dump is None:
            raise DeviceError(f"{base.package} is not installed after a successful install")
        launcher = base.launcher_activity or self._resolve_launcher(base.package)
        if launcher:
            self._launchers[base.package] = component_name(base.package, launcher)
        return AppInfo(
            package=base.package,
            label=base.label or base.package,
            version=dump.version_name or base.version_name or "",
            launcher_activity=launcher or "",
            application_class=base.application_class,
            permissions=base.permissions or dump.requested_permissions,
            source=str(source),
            extra={"target_sdk": dump.target_sdk or base.target_sdk, "apks": len(apks)},
        )

    def _install_single(self, apk: Path) -> None:
        remote = f"{REMOTE_TMP}/privacy-probe-install.apk"
        self.adb.push(apk, remote)
        try:
            # -r replace, -t allow test-only APKs; no -g: the run must see permission prompts
            result = self.adb.result(["pm", "install", "-r", "-t", remote], INSTALL_TIMEOUT)
        finally:
            with contextlib.suppress(DeviceError):
                self.adb.result(["rm", "-f", remote])
        if not parse_install_output(result.output).ok:
            raise install_failure(apk.name, result.output)

    def _install_multiple(self, apks: list[Path]) -> None:
        """What `adb install-multiple` does: one install session, one write per APK."""
        total = sum(apk.stat().st_size for apk in apks)
        session = parse_install_session(self.adb.run(["pm", "install-create", "-r", "-t", "-S", str(total)]))
        remotes: list[str] = []
        committed = False
        try:
            for index, apk in enumerate(apks):
                remote = f"{REMOTE_TMP}/privacy-probe-split-{index}.apk"
                self.adb.push(apk, remote)
                remotes.append(remote)
                written = self.adb.result(
                    [
                        "pm",
                        "install-write",
                        "-S",
                        str(apk.stat().st_size),
                        str(session),
                        f"{index}_{apk.stem}.apk",
                        remote,
                    ],
                    INSTALL_TIMEOUT,
                )
                if not parse_install_output(written.output).ok:
                    raise install_failure(apk.name, written.output)
            result = self.adb.result(["pm", "install-commit", str(session)], INSTALL_TIMEOUT)
            if not parse_install_output(result.output).ok:
                raise install_failure(" + ".join(a.name for a in apks), result.output)
            committed = True
        finally:
            with contextlib.suppress(DeviceError):
                if not committed:
                    self.adb.result(["pm", "install-abandon", str(session)])
                if remotes:
                    self.adb.result(["rm", "-f", *remotes])

    def package_dump(self, package: str) -> PackageDump | None:
        return parse_dumpsys_package(self.adb.run(["dumpsys", "package", package]), package)

    def installed_paths(self, package: str) -> list[str]:
        return parse_pm_path(self.adb.result(["pm", "path", package]).output)

    def uninstall(self, package: str) -> None:
        result = self.adb.result(["pm", "uninstall", package], INSTALL_TIMEOUT)
        if "Success" in result.output or not self.installed_paths(package):
            self._launchers.pop(package, None)
            return
        raise DeviceError(f"uninstalling {package} failed: {first_line(result.output)}")

    def clear_data(self, package: str) -> None:
        output = self.adb.run(["pm", "clear", package])
        if "Success" not in output:
            raise DeviceError(f"pm clear {package} failed: {first_line(output) or 'no output'}")

    def _resolve_launcher(self, package: str) -> str | None:
        output = self.adb.result(
            [
                "cmd",
                "package",
                "resolve-activity",
                "--brief",
                "-a",
                MAIN_ACTION,
                "-c",
                LAUNCHER_CATEGORY,
                package,
            ]
        ).output
        return parse_resolve_activity(output)

    def launch(self, package: str, before_start: BeforeStart | None = None) -> int:
        """Start the app; with before_start, Frida spawns it suspended, before_start(pid) runs
        (the agent attaches by pid and loads), then the app is resumed."""
        self._disable_animations()
        if before_start is None:
            self._start_activity(package)
            return self._wait_for_pid(package)
        device = self.frida_device()
        self._gate_secondary_processes(device, package)
        pid = self._spawn(device, package)
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

    def _gate_secondary_processes(self, device: Any, package: str) -> None:
        """With Frida's spawn gating every new app process on the device is held at its start: the
        app's own other processes (`package:name`, from android:process) get the hook (the agent
        loads) before they are resumed; every other process is resumed at once."""
        self._stop_gating()
        if self._process_hook is None:
            return

        def on_spawn(spawn: Any) -> None:  # on Frida's thread: never block it
            threading.Thread(target=self._admit_spawn, args=(device, package, spawn), daemon=True).start()

        device.on("spawn-added", on_spawn)
        try:
            device.enable_spawn_gating()
        except Exception as error:  # frida's own error types; the app's main process still runs
            device.off("spawn-added", on_spawn)
            self.notes.append(
                f"the app's other processes are not instrumented: spawn gating failed ({error})"
            )
            return
        self._gating = (device, on_spawn)

    def _admit_spawn(self, device: Any, package: str, spawn: Any) -> None:
        pid, name = int(spawn.pid), str(spawn.identifier)
        try:
            if name.startswith(f"{package}:") and self._process_hook is not None:
                self._process_hook(pid, name)
        except ProbeError as error:
            self.notes.append(f"process {name} (pid {pid}) was not instrumented: {error}")
        finally:
            with contextlib.suppress(Exception):  # it may have died meanwhile
                device.resume(pid)

    def _stop_gating(self) -> None:
        if self._gating is None:
            return
        device, on_spawn = self._gating
        self._gating = None
        with contextlib.suppress(Exception):  # the device may be gone; nothing else to undo then
            device.disable_spawn_gating()
            device.off("spawn-added", on_spawn)
            for spawn in device.enumerate_pending_spawn():
                device.resume(spawn.pid)

    def _spawn(self, device: Any, package: str) -> int:
        import frida

        for attempt in (1, 2):
            try:
                return int(device.spawn(package))
            except frida.TimedOutError as error:
                if attempt == 2:
                    raise InstrumentationError(
                        f"Frida timed out spawning {package} twice ({error}); try disabling the "
                        "USAP pool: `adb shell setprop "
                        "persist.device_config.runtime_native.usap_pool_enabled false` and reboot"
                    ) from None
            except frida.ExecutableNotFoundError as error:
                raise DeviceError(spawn_refusal(package, self.serial, str(error))) from None
            except frida.NotSupportedError as error:
                if FRONT_DOOR_MISSING in str(error):
                    raise DeviceError(no_launcher_message(package)) from None
                raise InstrumentationError(f"Frida cannot spawn {package}: {error}") from None
        raise AssertionError("unreachable")

    def _start_activity(self, package: str) -> None:
        """What tapping the app's icon does: MAIN/LAUNCHER to its launcher activity, so a task
        that is already running is brought to the front instead of getting a second activity."""
        component = self._launchers.get(package) or self._resolve_launcher(package)
        if not component:
            raise DeviceError(no_launcher_message(package))
        command = ["am", "start", "-W", "-a", MAIN_ACTION, "-c", LAUNCHER_CATEGORY]
        result = parse_am_start(self.adb.run([*command, "-n", component_name(package, component)], 60))
        if not result.ok:
            raise DeviceError(f"launching {package} failed: {result.message}")

    def pid_of(self, package: str) -> int | None:
        """The main process of package (process name = package name), for attach-by-pid."""
        pids = parse_pids(self.adb.result(["pidof", package]).output)
        return pids[0] if pids else None

    def _wait_for_pid(self, package: str, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while True:
            pid = self.pid_of(package)
            if pid is not None:
                return pid
            if time.monotonic() > deadline:
                raise DeviceError(f"{package} was started but no process appeared in {timeout:.0f}s")
            time.sleep(RETRY_DELAY)

    def stop(self, package: str) -> None:
        self._stop_gating()
        self.adb.run(["am", "force-stop", package])

    def is_running(self, package: str) -> bool:
        return self.pid_of(package) is not None

    def foreground_package(self) -> str | None:
        section = "displays" if self.api_level >= 29 else "windows"
        focus = parse_window_focus(self.adb.run(["dumpsys", "window", section]))
        return focus.package if focus else None

    # -- permissions ----------------------------------------------------------------------

    def _pm_permission(self, verb: str, package: str, permission: str) -> None:
        result = self.adb.result(["pm", verb, package, permission])
        if result.returncode != 0 or "Exception" in result.output:
            raise DeviceError(f"pm {verb} {permission} for {package} failed: {first_line(result.output)}")

    def grant_permission(self, package: str, permission: str) -> None:
        self._pm_permission("grant", package, permission)

    def revoke_permission(self, package: str, permission: str) -> None:
        """Note: Android kills the app's process when a runtime permission is revoked."""
        self._pm_permission("revoke", package, permission)

    # -- UI -------------------------------------------------------------------------------

    def dump_ui(self) -> str:
        """uiautomator XML of the screen, retried: `uiautomator dump` fails transiently while
        the screen animates. Never run it while a uiautomator2 server is running."""
        last = ""
        for attempt in range(UI_DUMP_ATTEMPTS):
            output = self.adb.result(["uiautomator", "dump", UI_DUMP_PATH], 45).output
            outcome = parse_uiautomator_dump(output)
            if outcome.ok:
                try:
                    return validate_ui_xml(self.adb.run(["cat", UI_DUMP_PATH]))
                except DeviceError as error:
                    last = str(error)
            elif not outcome.retryable:
                raise DeviceError(f"uiautomator dump failed: {outcome.message}")
            else:
                last = outcome.message
            time.sleep(RETRY_DELAY * (attempt + 1))
        raise DeviceError(f"uiautomator dump failed {UI_DUMP_ATTEMPTS} times: {last}")

    def tap(self, x: int, y: int) -> None:
        self.adb.run(["input", "tap", str(x), str(y)])

    def back(self) -> None:
        self.adb.run(["input", "keyevent", KEYCODE_BACK])

    def home(self) -> None:
        self.adb.run(["input", "keyevent", KEYCODE_HOME])

    def input_text(self, text: str) -> None:
        if not text.isascii() or not text.isprintable():
            raise DeviceError("`input text` can only type printable ASCII; set non-ASCII text another way")
        self.adb.run(["input", "text", text.replace(" ", "%s")])

    def screenshot(self, path: Path) -> None:
        self.adb.run(["screencap", "-p", SCREENSHOT_PATH])
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.adb.pull(SCREENSHOT_PATH, path)
        finally:
            with contextlib.suppress(DeviceError):
                self.adb.result(["rm", "-f", SCREENSHOT_PATH])
        with path.open("rb") as handle:
            if handle.read(len(PNG_MAGIC)) != PNG_MAGIC:
                raise DeviceError(f"screencap on {self.serial} did not produce a PNG")

    # -- canaries and sensors -------------------------------------------------------------

    def plant_canaries(self, profile: DeviceProfile) -> None:
        report = canaries.PlantReport()
        planters: dict[str, Callable[[], None]] = {
            "contacts": lambda: canaries.plant_contacts(self.adb, profile.contacts, report),
            "call_log": lambda: canaries.plant_call_log(self.adb, profile.call_log, report),
            "sms": lambda: canaries.plant_sms(self.adb, profile.sms, report),
        }
        for kind, plant in planters.items():
            try:
                plant()
            except DeviceError as error:  # e.g. the provider refused the clean-up delete
                report.skipped.setdefault(kind, str(error))
        try:
            how = canaries.set_location(self.adb, self.api_level, profile.latitude, profile.longitude)
        except DeviceError as error:
            report.skipped["location"] = str(error)
        else:
            report.planted["location"] = how
        for package in profile.installed_packages:
            report.skipped[f"package_{package}"] = "app-list markers are not installed on devices"
        self.plant_report = report
        self._planted = profile

    def remove_canaries(self) -> None:
        if self._planted is None:
            return
        canaries.remove_contacts(self.adb)
        canaries.remove_call_log(self.adb, self._planted.call_log)
        if not self.serial.startswith("emulator-"):
            canaries.remove_test_provider(self.adb)
        self._planted = None

    def read_identifiers(self) -> canaries.DeviceIdentifiers:
        return canaries.read_identifiers(self.adb)

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

    def _stage_ca(self, ca_cert: Path) -> CaCertificate:
        cert = load_ca_certificate(ca_cert)
        self.adb.run(["mkdir", "-p", STAGING_DIR])
        self.adb.push(cert.pem(), f"{STAGING_DIR}/{cert.android_name}")
        return cert

    def _trust(self, root: Root, cert: CaCertificate) -> TrustCheck:
        script = trust_check_script(cert, self.api_level)
        return parse_trust_check(run_script_as_root(self.adb, root, script, "ca-check"))

    def check_ca(self, ca_cert: Path) -> TrustCheck:
        """Is the CA, byte for byte, in the store every new app process reads? (needs root)"""
        root = self.root()
        if not root.available:
            return TrustCheck(False, f"cannot check without root: {root.detail}")
        return self._trust(root, self._stage_ca(ca_cert))

    def ensure_ca(self, ca_cert: Path) -> TrustCheck:
        """Put the CA into the system store unless it is already trusted; DeviceError if a
        rooted device still does not trust it afterwards."""
        root = self.root()
        if not root.available:
            return TrustCheck(False, f"cannot install without root: {root.detail}")
        cert = self._stage_ca(ca_cert)
        trust = self._trust(root, cert)
        if trust.trusted:
            return trust
        run_script_as_root(self.adb, root, install_script(cert, self.api_level), "ca-install", 120)
        trust = self._trust(root, cert)
        if not trust.trusted:
            raise DeviceError(f"the mitmproxy CA is still not trusted after install: {trust.detail}")
        return trust

    # -- instrumentation and logs ---------------------------------------------------------

    def frida_device(self) -> Any:
        if self._frida is None:
            factory = self._frida_device_factory or _frida_usb_device
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
        self._stop_gating()
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


def _frida_usb_device(serial: str) -> Any:
    import frida

    try:
        return frida.get_device(serial, timeout=5)
    except (frida.InvalidArgumentError, frida.TimedOutError, frida.TransportError) as error:
        raise InstrumentationError(
            f"Frida cannot reach {serial} ({error}); check frida-server with "
            f"`privacy-probe doctor --device {serial}`"
        ) from None


class LogcatPump:
    """Copies a streaming `logcat` connection into a file on a daemon thread."""

    def __init__(self, connection: Any, path: Path) -> None:
        self._connection = connection
        self._path = path
        self._thread = threading.Thread(target=self._pump, name="logcat", daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        with contextlib.suppress(Exception), self._path.open("ab") as sink:
            while chunk := self._connection.recv(65536):
                sink.write(chunk)
                sink.flush()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._connection.close()  # unblocks recv()
        self._thread.join(timeout=5)
