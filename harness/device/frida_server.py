"""frida-server on the device: check, push, start as root, and insist on the client's version.

The server must be the exact version of the host's `frida` package: a different major
version fails with "unable to communicate with remote frida-server; please ensure that
major versions match", and minor mismatches lose features silently. frida-server is a
GitHub release asset (`frida-server-<version>-android-<arch>.xz`), which users download
themselves; the .xz is accepted as is.
"""

from __future__ import annotations

import lzma
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.device.parse import parse_frida_server_version, parse_pids
from harness.device.root import Root
from harness.device.transport import Adb
from harness.errors import DeviceError, EnvironmentProblem, InputError

REMOTE_PATH = "/data/local/tmp/frida-server"
STAGING_PATH = "/data/local/tmp/frida-server.incoming"
PROCESS_NAME = "frida-server"

# ro.product.cpu.abi → the architecture in frida-server's release file name
ABI_TO_ARCH = {
    "x86_64": "x86_64",
    "arm64-v8a": "arm64",
    "x86": "x86",
    "armeabi-v7a": "arm",
    "armeabi": "arm",
}
_ELF_MACHINE_TO_ARCH = {62: "x86_64", 183: "arm64", 3: "x86", 40: "arm"}


def frida_client_version() -> str:
    try:
        import frida
    except ImportError:
        raise EnvironmentProblem(
            "the frida Python package is missing: pip install 'frida>=17.2,<18'"
        ) from None
    return str(frida.__version__)


def download_hint(version: str, abi: str) -> str:
    arch = ABI_TO_ARCH.get(abi, abi)
    return (
        f"download frida-server-{version}-android-{arch}.xz from "
        f"https://github.com/frida/frida/releases/tag/{version}"
    )


def mismatch_message(server_version: str, client_version: str, abi: str) -> str:
    return (
        f"frida-server {server_version} does not match the frida client {client_version} on "
        f"this host (they must be the same version); {download_hint(client_version, abi)} "
        "and run `privacy-probe device setup SERIAL --frida-server FILE`"
    )


def load_server_binary(path: Path) -> bytes:
    """The frida-server executable from a plain or .xz file, checked to be an ELF binary."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read frida-server {path}: {error.strerror}") from None
    if data.startswith(b"\xfd7zXZ\x00"):
        try:
            data = lzma.decompress(data)
        except lzma.LZMAError as error:
            raise InputError(f"{path}: broken .xz archive ({error})") from None
    if not data.startswith(b"\x7fELF"):
        raise InputError(f"{path} is not a frida-server executable (no ELF header)")
    return data


def elf_arch(data: bytes) -> str | None:
    """The architecture an ELF binary was built for (e_machine)."""
    if len(data) < 20:
        return None
    byteorder: Any = "little" if data[5] == 1 else "big"
    return _ELF_MACHINE_TO_ARCH.get(int.from_bytes(data[18:20], byteorder))


@dataclass(frozen=True)
class FridaServerState:
    installed_version: str | None  # version of the binary at REMOTE_PATH; None when missing
    pids: tuple[int, ...]

    @property
    def running(self) -> bool:
        return bool(self.pids)

    def describe(self) -> str:
        if self.installed_version is None:
            return f"running (pid {self.pids[0]}, not ours)" if self.pids else "missing"
        state = "running" if self.pids else "stopped"
        return f"{state} {self.installed_version}"


def server_state(adb: Adb) -> FridaServerState:
    version = None
    result = adb.result([REMOTE_PATH, "--version"], timeout=20)
    if result.returncode == 0:
        try:
            version = parse_frida_server_version(result.output)
        except DeviceError:
            version = None
    pids = parse_pids(adb.result(["pidof", PROCESS_NAME]).output)
    return FridaServerState(version, tuple(pids))


def install(adb: Adb, root: Root, local: Path, abi: str, client_version: str) -> str:
    """Push local as the device's frida-server if it is the client's version; returns it.

    The binary goes to a staging path first, so a refused (mismatching) file never replaces
    a working server.
    """
    data = load_server_binary(local)
    arch, expected = elf_arch(data), ABI_TO_ARCH.get(abi)
    if expected and arch and arch != expected:
        raise InputError(
            f"{local} is built for {arch} but {adb.serial} runs {abi}; {download_hint(client_version, abi)}"
        )
    adb.push(data, STAGING_PATH, 0o755)
    version = parse_frida_server_version(adb.run([STAGING_PATH, "--version"], timeout=20))
    if version != client_version:
        adb.result(["rm", "-f", STAGING_PATH])
        raise EnvironmentProblem(mismatch_message(version, client_version, abi))
    stop(adb, root)
    adb.run(root.wrap(["mv", "-f", STAGING_PATH, REMOTE_PATH]))
    adb.run(root.wrap(["chmod", "755", REMOTE_PATH]))
    return version


def stop(adb: Adb, root: Root, timeout: float = 5.0) -> None:
    pids = parse_pids(adb.result(["pidof", PROCESS_NAME]).output)
    if not pids:
        return
    adb.run(root.wrap(["kill", *map(str, pids)]))
    _wait_for(adb, lambda running: not running, timeout, "frida-server did not stop")


def start(adb: Adb, root: Root, timeout: float = 10.0) -> tuple[int, ...]:
    """Start the installed frida-server as root, detached from the adb shell."""
    if not root.available:
        raise DeviceError(f"frida-server must run as root: {root.detail}")
    launch = f"nohup {REMOTE_PATH} >/dev/null 2>&1 </dev/null &"
    adb.run(root.wrap(["sh", "-c", launch]))
    return _wait_for(
        adb,
        lambda running: running,
        timeout,
        f"frida-server did not start; run `adb -s {adb.serial} shell {REMOTE_PATH}` as root to see its error",
    )


def _wait_for(adb: Adb, done: Callable[[bool], bool], timeout: float, failure: str) -> tuple[int, ...]:
    deadline = time.monotonic() + timeout
    while True:
        pids = tuple(parse_pids(adb.result(["pidof", PROCESS_NAME]).output))
        if done(bool(pids)):
            return pids
        if time.monotonic() > deadline:
            raise DeviceError(failure)
        time.sleep(0.25)


def verify_client_connection(frida_device: Any, serial: str) -> None:
    """Ask the running frida-server for its system parameters through the frida client."""
    import frida

    try:
        frida_device.query_system_parameters()
    except frida.ProtocolError as error:
        raise EnvironmentProblem(
            f"the frida client cannot talk to frida-server on {serial} ({error}); install the "
            f"matching server with `privacy-probe device setup {serial} --frida-server FILE`"
        ) from None
    except (frida.ServerNotRunningError, frida.TransportError, frida.TimedOutError) as error:
        raise DeviceError(f"frida-server on {serial} is not reachable: {error}") from None
