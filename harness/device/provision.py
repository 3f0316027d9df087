"""`privacy-probe device setup SERIAL`: make a device ready for instrumented runs.

Steps, each reported: undo a proxy left by a crashed run; get root (`adb root` where the
image allows it); install and start frida-server (refusing a binary whose version differs
from the host's frida client); turn the USAP pool off (it makes Frida spawns time out);
put the mitmproxy CA into the system store and verify it is trusted; and, with a proxy
port, check the proxy route end to end and put the original setting back (runs set the
proxy themselves and restore it when they end).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from harness.device import frida_server
from harness.device.adb import AdbDevice
from harness.device.proxy import ProxyGuard
from harness.device.select import select_serial
from harness.device.spawn import USAP_PROP
from harness.device.transport import open_device
from harness.errors import DeviceError


@dataclass
class SetupReport:
    serial: str
    steps: list[str] = field(default_factory=list)

    def add(self, step: str) -> None:
        self.steps.append(step)


def setup_device(
    serial: str | None,
    frida_server_path: Path | None = None,
    proxy_port: int | None = None,
    ca_cert: Path | None = None,
    *,
    state_dir: Path | None = None,
) -> SetupReport:
    return provision(
        AdbDevice(open_device(select_serial(serial)), state_dir=state_dir),
        frida_server_path,
        proxy_port,
        ca_cert,
    )


def provision(
    device: AdbDevice,
    frida_server_path: Path | None,
    proxy_port: int | None,
    ca_cert: Path | None,
) -> SetupReport:
    report = SetupReport(device.serial)
    report.steps += device.notes
    info = device.info()
    report.add(f"device: Android {info.android}, {info.abi}")
    root = device.root()
    if not root.available:
        raise DeviceError(f"{device.serial} has no root: {root.detail}")
    report.add(f"root: {root.detail or root.access.value}")

    client = frida_server.frida_client_version()
    if frida_server_path is not None:
        version = frida_server.install(device.adb, root, frida_server_path, info.abi, client)
        report.add(f"frida-server {version} installed at {frida_server.REMOTE_PATH}")
    state = frida_server.server_state(device.adb)
    if state.installed_version is None:
        raise DeviceError(
            f"no frida-server on {device.serial}: "
            f"{frida_server.download_hint(client, info.abi)} and pass --frida-server FILE"
        )
    if state.installed_version != client:
        raise DeviceError(frida_server.mismatch_message(state.installed_version, client, info.abi))
    if state.running and frida_server_path is None:
        report.add(f"frida-server {state.installed_version} already running")
    else:
        frida_server.stop(device.adb, root)
        pids = frida_server.start(device.adb, root)
        report.add(f"frida-server {state.installed_version} started as root (pid {pids[0]})")
    frida_server.verify_client_connection(device.frida_device(), device.serial)
    report.add("frida client connected to frida-server")

    if device.props().get(USAP_PROP) == "true":
        device.adb.run(root.wrap(["setprop", USAP_PROP, "false"]))
        report.add("USAP pool disabled (takes full effect after a reboot)")

    if ca_cert is not None:
        trust = device.ensure_ca(ca_cert)
        report.add(f"mitmproxy CA trusted: {trust.detail}")

    if proxy_port is not None:
        with ProxyGuard(device.adb, device.state_dir) as guard:
            value = guard.apply("127.0.0.1", proxy_port)
            report.add(f"proxy route checked: http_proxy={value} via adb reverse tcp:{proxy_port}")
        report.add("proxy setting restored (runs set it for their own duration)")
    return report
