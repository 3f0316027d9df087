"""What `privacy-probe doctor --device SERIAL` reports: every missing piece, with the command
that fixes it. It may use root (to verify the CA in the zygotes' namespaces)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from harness.device.cacert import ca_file_name, system_store
from harness.device.frida_server import (
    ABI_TO_ARCH,
    download_hint,
    frida_client_version,
    mismatch_message,
    server_state,
)
from harness.device.parse import parse_getprop
from harness.device.proxy import current_proxy, default_state_dir, held_by_other_process, read_journal
from harness.device.root import NO_ROOT_FIX, has_su, root_capability, shell_uid
from harness.device.spawn import USAP_PROP
from harness.device.transport import Adb, attached_devices, device_handle
from harness.errors import DeviceError, ProbeError

MIN_API_LEVEL = 24


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # "ok" | "warn" | "fail"
    detail: str
    fix: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "fail"


def doctor_device(serial: str, ca_cert: Path | None = None, state_dir: Path | None = None) -> list[Check]:
    checks: list[Check] = []
    try:
        devices = dict(attached_devices())
    except DeviceError as error:
        return [Check("adb server", "fail", str(error), "adb start-server")]
    checks.append(Check("adb server", "ok", f"{len(devices)} device(s) attached"))
    state = devices.get(serial)
    if state != "device":
        fixes = {
            None: "start the emulator or plug in the phone with USB debugging on; `adb devices`",
            "unauthorized": "accept the 'Allow USB debugging?' prompt on the device",
            "offline": "adb reconnect offline (or restart the emulator)",
        }
        detail = "not attached" if state is None else f"state {state}"
        checks.append(Check("device", "fail", f"{serial}: {detail}", fixes.get(state, "adb devices")))
        return checks
    adb = device_handle(serial)
    try:
        checks += _device_checks(adb, ca_cert, state_dir or default_state_dir())
    except DeviceError as error:
        checks.append(Check("device", "fail", str(error), f"adb -s {serial} reconnect"))
    return checks


def _device_checks(adb: Adb, ca_cert: Path | None, state_dir: Path) -> list[Check]:
    serial = adb.serial
    props = parse_getprop(adb.run(["getprop"]))
    api = int(props.get("ro.build.version.sdk", "0") or 0)
    abi = props.get("ro.product.cpu.abi", "")
    checks = [
        Check(
            "device",
            "ok",
            f"{props.get('ro.product.model', '?')}, Android "
            f"{props.get('ro.build.version.release', '?')} (API {api}), {abi}",
        )
    ]
    if api < MIN_API_LEVEL:
        checks.append(
            Check(
                "android",
                "fail",
                f"API {api} is older than {MIN_API_LEVEL}",
                "use an emulator image with API 24 or newer",
            )
        )
    if abi not in ABI_TO_ARCH:
        checks.append(Check("abi", "fail", f"frida-server has no build for {abi!r}", ""))

    root = root_capability(shell_uid(adb), props.get("ro.debuggable") == "1", has_su(adb))
    if root == "no":
        checks.append(Check("root", "fail", "production build without su", NO_ROOT_FIX))
    else:
        checks.append(Check("root", "ok", root))

    checks.append(_frida_check(adb, abi))
    checks.append(_proxy_check(adb, state_dir))
    checks.append(_ca_check(adb, api, ca_cert))
    checks.append(_location_check(serial, api))

    if props.get(USAP_PROP) == "true":
        checks.append(
            Check(
                "usap pool",
                "warn",
                "the USAP pool is on; Frida spawns may time out",
                f"adb -s {serial} shell setprop {USAP_PROP} false && adb -s {serial} reboot",
            )
        )
    uia = [
        line
        for line in adb.result(["ps", "-A", "-o", "ARGS="]).output.splitlines()
        if "uia2" in line or "uiautomator" in line
    ]
    if uia:
        checks.append(
            Check(
                "uiautomator",
                "warn",
                f"another UiAutomation client is running ({uia[0].strip()}); UI dumps will fail",
                "stop uiautomator2 (d.stop_uiautomator())",
            )
        )
    return checks


def _frida_check(adb: Adb, abi: str) -> Check:
    setup = f"privacy-probe device setup {adb.serial} --frida-server FILE"
    try:
        client = frida_client_version()
    except ProbeError as error:
        return Check("frida-server", "fail", str(error), "pip install 'frida>=17.2,<18'")
    server = server_state(adb)
    if server.installed_version is None:
        return Check("frida-server", "fail", "not installed", f"{download_hint(client, abi)}, then {setup}")
    if server.installed_version != client:
        return Check("frida-server", "fail", mismatch_message(server.installed_version, client, abi), setup)
    if not server.running:
        return Check(
            "frida-server",
            "fail",
            f"{server.installed_version} installed, not running",
            f"privacy-probe device setup {adb.serial}",
        )
    return Check("frida-server", "ok", f"running {server.installed_version} (matches the client)")


def _proxy_check(adb: Adb, state_dir: Path) -> Check:
    value = current_proxy(adb)
    journal = read_journal(state_dir, adb.serial)
    if journal is not None and not held_by_other_process(journal):
        return Check(
            "proxy",
            "warn",
            f"http_proxy={value} left by crashed privacy-probe process {journal.pid}",
            f"restored automatically by the next run or `privacy-probe device setup {adb.serial}`",
        )
    if value not in (None, ":0") and journal is None:
        return Check(
            "proxy",
            "warn",
            f"http_proxy is set to {value} (not by privacy-probe)",
            f"adb -s {adb.serial} shell settings put global http_proxy :0",
        )
    return Check("proxy", "ok", "no proxy set" if journal is None else f"in use: {value}")


def _ca_check(adb: Adb, api: int, ca_cert: Path | None) -> Check:
    name = ca_file_name(ca_cert)
    path = f"{system_store(api)}/{name}"
    fix = f"privacy-probe device setup {adb.serial} --ca-cert PATH/mitmproxy-ca-cert.pem"
    if adb.result(["ls", path]).returncode != 0:
        return Check("mitmproxy CA", "fail", f"{path} is missing (tmpfs store, lost on reboot)", fix)
    return Check("mitmproxy CA", "ok", f"{path} present")


def _location_check(serial: str, api: int) -> Check:
    if serial.startswith("emulator-"):
        return Check("gps canary", "ok", "emulator console geo fix")
    if api >= 31:
        return Check("gps canary", "ok", "shell test provider (Android 12+)")
    return Check(
        "gps canary",
        "warn",
        "phones before Android 12 cannot take a GPS fix from adb",
        "use an emulator for location scenarios",
    )
