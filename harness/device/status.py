"""What `privacy-probe devices` reports (`doctor --device`: harness.device.doctor).

Listing is passive: it never restarts adbd, prompts a su manager or changes a setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from harness.device.cacert import DEFAULT_CA_NAME, ca_file_name, system_store
from harness.device.frida_server import (
    frida_client_version,
    server_state,
)
from harness.device.parse import parse_getprop
from harness.device.proxy import (
    current_proxy,
    default_state_dir,
    held_by_other_process,
    read_journal,
)
from harness.device.root import has_su, root_capability, shell_uid
from harness.device.transport import Adb, attached_devices, device_handle
from harness.errors import DeviceError, ProbeError


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
    ca_present = adb.result(["ls", f"{system_store(api)}/{ca_name}"]).returncode == 0
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
    ca_name = ca_file_name(ca_cert)
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
