"""Apps on an adb device through the package and activity managers' shell commands.

Installing is what `adb install` / `adb install-multiple` do, done with `pm` on the device so
that every step's output is read and a failure says why (with a hint for the common codes).
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from harness.device.apk import ApkManifest, read_apk_manifest
from harness.device.base import AppInfo, no_launcher_message
from harness.device.parse import first_line, parse_pids
from harness.device.parse_packages import (
    PackageDump,
    parse_dumpsys_package,
    parse_install_output,
    parse_install_session,
    parse_pm_path,
    parse_resolve_activity,
)
from harness.device.parse_ui import parse_am_start, parse_window_focus
from harness.device.transport import Adb
from harness.errors import DeviceError, InputError

REMOTE_TMP = "/data/local/tmp"
INSTALL_TIMEOUT = 300.0
RETRY_DELAY = 0.5  # seconds between looks for a started app's process
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


def apk_files(source: Path) -> list[Path]:
    """The APKs to install from source: one .apk file, or every .apk in a directory."""
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


def base_manifest(apks: list[Path]) -> ApkManifest:
    """The manifest of the one base APK among apks (the others must be its splits)."""
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


def install(adb: Adb, source: Path) -> tuple[AppInfo, str | None]:
    """Install source (one APK, or a folder of a base APK and its splits): the app, and the
    component of its launcher activity if it has one."""
    apks = apk_files(source)
    base = base_manifest(apks)
    install_apks(adb, apks)
    dump = package_dump(adb, base.package)
    if dump is None:
        raise DeviceError(f"{base.package} is not installed after a successful install")
    launcher = base.launcher_activity or resolve_launcher(adb, base.package)
    info = AppInfo(
        package=base.package,
        label=base.label or base.package,
        version=dump.version_name or base.version_name or "",
        launcher_activity=launcher or "",
        application_class=base.application_class,
        permissions=base.permissions or dump.requested_permissions,
        source=str(source),
        extra={"target_sdk": dump.target_sdk or base.target_sdk, "apks": len(apks)},
    )
    return info, component_name(base.package, launcher) if launcher else None


def install_failure(name: str, output: str) -> DeviceError:
    result = parse_install_output(output)
    hint = INSTALL_HINTS.get(result.code or "")
    code = f"{result.code}: " if result.code and result.code not in result.message else ""
    return DeviceError(f"installing {name} failed: {code}{result.message}" + (f" ({hint})" if hint else ""))


def install_apks(adb: Adb, apks: list[Path]) -> None:
    if len(apks) == 1:
        _install_single(adb, apks[0])
    else:
        _install_multiple(adb, apks)


def _install_single(adb: Adb, apk: Path) -> None:
    remote = f"{REMOTE_TMP}/privacy-probe-install.apk"
    adb.push(apk, remote)
    try:
        # -r replace, -t allow test-only APKs; no -g: the run must see permission prompts
        result = adb.result(["pm", "install", "-r", "-t", remote], INSTALL_TIMEOUT)
    finally:
        with contextlib.suppress(DeviceError):
            adb.result(["rm", "-f", remote])
    if not parse_install_output(result.output).ok:
        raise install_failure(apk.name, result.output)


def _install_multiple(adb: Adb, apks: list[Path]) -> None:
    """What `adb install-multiple` does: one install session, one write per APK."""
    total = sum(apk.stat().st_size for apk in apks)
    session = parse_install_session(adb.run(["pm", "install-create", "-r", "-t", "-S", str(total)]))
    remotes: list[str] = []
    committed = False
    try:
        for index, apk in enumerate(apks):
            remote = f"{REMOTE_TMP}/privacy-probe-split-{index}.apk"
            adb.push(apk, remote)
            remotes.append(remote)
            written = adb.result(
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
        result = adb.result(["pm", "install-commit", str(session)], INSTALL_TIMEOUT)
        if not parse_install_output(result.output).ok:
            raise install_failure(" + ".join(a.name for a in apks), result.output)
        committed = True
    finally:
        with contextlib.suppress(DeviceError):
            if not committed:
                adb.result(["pm", "install-abandon", str(session)])
            if remotes:
                adb.result(["rm", "-f", *remotes])


def package_dump(adb: Adb, package: str) -> PackageDump | None:
    return parse_dumpsys_package(adb.run(["dumpsys", "package", package]), package)


def installed_paths(adb: Adb, package: str) -> list[str]:
    return parse_pm_path(adb.result(["pm", "path", package]).output)


def uninstall(adb: Adb, package: str) -> None:
    result = adb.result(["pm", "uninstall", package], INSTALL_TIMEOUT)
    if "Success" in result.output or not installed_paths(adb, package):
        return
    raise DeviceError(f"uninstalling {package} failed: {first_line(result.output)}")


def clear_data(adb: Adb, package: str) -> None:
    output = adb.run(["pm", "clear", package])
    if "Success" not in output:
        raise DeviceError(f"pm clear {package} failed: {first_line(output) or 'no output'}")


def set_permission(adb: Adb, verb: str, package: str, permission: str) -> None:
    """`pm grant` / `pm revoke` (Android kills the app's process when a runtime permission is revoked)."""
    result = adb.result(["pm", verb, package, permission])
    if result.returncode != 0 or "Exception" in result.output:
        raise DeviceError(f"pm {verb} {permission} for {package} failed: {first_line(result.output)}")


def component_name(package: str, activity: str) -> str:
    """`am start -n` takes PKG/CLS (CLS fully qualified or `.Relative` to PKG): a bare class name
    is refused with "Bad component name" (AOSP core/java/android/content/Intent.java,
    parseCommandArgs; ComponentName.unflattenFromString)."""
    return activity if "/" in activity else f"{package}/{activity}"


def resolve_launcher(adb: Adb, package: str) -> str | None:
    command = ["cmd", "package", "resolve-activity", "--brief"]
    output = adb.result([*command, "-a", MAIN_ACTION, "-c", LAUNCHER_CATEGORY, package]).output
    return parse_resolve_activity(output)


def start_activity(adb: Adb, package: str, component: str | None) -> None:
    """What tapping the app's icon does: MAIN/LAUNCHER to its launcher activity (component, else
    resolved), so a task that is already running is brought to the front instead of getting a
    second activity."""
    component = component or resolve_launcher(adb, package)
    if not component:
        raise DeviceError(no_launcher_message(package))
    command = ["am", "start", "-W", "-a", MAIN_ACTION, "-c", LAUNCHER_CATEGORY]
    result = parse_am_start(adb.run([*command, "-n", component_name(package, component)], 60))
    if not result.ok:
        raise DeviceError(f"launching {package} failed: {result.message}")


def pid_of(adb: Adb, package: str) -> int | None:
    """The main process of package (process name = package name), for attach-by-pid."""
    pids = parse_pids(adb.result(["pidof", package]).output)
    return pids[0] if pids else None


def wait_for_pid(adb: Adb, package: str, timeout: float = 15.0) -> int:
    deadline = time.monotonic() + timeout
    while True:
        pid = pid_of(adb, package)
        if pid is not None:
            return pid
        if time.monotonic() > deadline:
            raise DeviceError(f"{package} was started but no process appeared in {timeout:.0f}s")
        time.sleep(RETRY_DELAY)


def foreground_package(adb: Adb, api_level: int) -> str | None:
    section = "displays" if api_level >= 29 else "windows"
    focus = parse_window_focus(adb.run(["dumpsys", "window", section]))
    return focus.package if focus else None
