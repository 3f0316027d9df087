"""What `privacy-probe devices` and `privacy-probe doctor --device SERIAL` report.

Listing is passive: it never restarts adbd, prompts a su manager or changes a setting.
The doctor may use root (to verify the CA in the zygotes' namespaces) and explains every
missing piece with the command that fixes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from harness.device.cacert import APEX_CACERTS, SYSTEM_CACERTS, load_ca_certificate
from harness.device.frida_server import (
    ABI_TO_ARCH,
    download_hint,
    frida_client_version,
    mismatch_message,
    server_state,
)
from harness.device.parse import parse_getprop
from harness.device.proxy import (
    current_proxy,
    default_state_dir,
    held_by_other_process,
    read_journal,
)
from harness.device.root import NO_ROOT_FIX, has_su, root_capability, shell_uid
from harness.device.transport import Adb, attached_devices, device_handle
from harness.errors import DeviceError, ProbeError

DEFAULT_CA_NAME = "c8750f0d.0"  # subject_hash_old of every default mitmproxy CA
MIN_API_LEVEL = 24
USAP_PROP = "persist.device_config.runtime_native.usap_pool_enabled"


@dataclass(frozen=True)
class DeviceStatus:
    serial: str
    state: str  # adb state: device | offline | unauthorized | ...
    model: str = ""
    android: str = ""
    api_level: int | None = None
    abi: str = ""
    emulator: bool = False
    root: str = ""
    frida_server: str = ""
    frida_matches: bool | None = None
    proxy: str = ""
    ca: str = ""
    error: str = ""


def _ca_name(ca_cert: Path | None) -> str:
    return load_ca_certificate(ca_cert).android_name if ca_cert else DEFAULT_CA_NAME


def _ca_store(api_level: int) -> str:
    return APEX_CACERTS if api_level >= 34 else SYSTEM_CACERTS


def _proxy_text(adb: Adb, state_dir: Path) -> str:
    value = current_proxy(adb)
    journal = read_journal(state_dir, adb.serial)
    text = "none" if value in (None, ":0") else value
    if journal is not None:
        owner = "in use" if held_by_other_process(journal) else "left over"
        text += f" (privacy-probe pid {journal.pid}, {owner})"
    return text


def probe(adb: Adb, ca_name: str = DEFAULT_CA_NAME, state_dir: Path | None = None) -> DeviceStatus:
    props = parse_getprop(adb.run(["getprop"]))
    api = int(props.get("ro.build.version.sdk", "0") or 0)
    server = server_state(adb)
    try:
        client: str | None = frida_client_version()
    except ProbeError:
        client = None
    ca_present = adb.result(["ls", f"{_ca_store(api)}/{ca_name}"]).returncode == 0
    return DeviceStatus(
        serial=adb.serial,
        state="device",
        model=props.get("ro.product.model", ""),
        android=props.get("ro.build.version.release", ""),
        api_level=api,
        abi=props.get("ro.product.cpu.abi", ""),
        emulator=adb.serial.startswith("emulator-")
        or "1"
        in (
            props.get("ro.kernel.qemu"),
            props.get("ro.boot.qemu"),
        ),
        root=root_capability(shell_uid(adb), props.get("ro.debuggable") == "1", has_su(adb)),
        frida_server=server.describe(),
        frida_matches=(server.installed_version == client) if server.installed_version else None,
        proxy=_proxy_text(adb, state_dir or default_state_dir()),
        ca=f"installed ({ca_name})" if ca_present else "not installed",
    )


def list_devices(ca_cert: Path | None = None) -> list[DeviceStatus]:
    ca_name = _ca_name(ca_cert)
    statuses = []
    for serial, state in attached_devices():
        if state != "device":
            statuses.append(DeviceStatus(serial=serial, state=state))
            continue
        try:
            statuses.append(probe(device_handle(serial), ca_name))
        except DeviceError as error:
            statuses.append(DeviceStatus(serial=serial, state=state, error=str(error)))
    return statuses


def format_device_table(statuses: list[DeviceStatus]) -> str:
    if not statuses:
        return "no Android devices attached (start an emulator or connect a phone; see `adb devices`)"
    header = (
        "SERIAL",
        "STATE",
        "MODEL",
        "ANDROID",
        "API",
        "ABI",
        "ROOT",
        "FRIDA-SERVER",
        "PROXY",
        "CA",
    )
    rows = [header]
    for status in statuses:
        frida = status.frida_server
        if status.frida_matches is False:
            frida += " (version mismatch)"
        rows.append(
            (
                status.serial,
                status.state if not status.error else f"error: {status.error}",
                status.model,
                status.android,
                "" if status.api_level is None else str(status.api_level),
                status.abi,
                status.root,
                frida,
                status.proxy,
                status.ca,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    )


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
    name = _ca_name(ca_cert)
    path = f"{_ca_store(api)}/{name}"
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
