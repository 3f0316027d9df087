"""frida-server set-up: version must equal the frida client's; wrong binaries are refused."""

from __future__ import annotations

import lzma
import struct
from pathlib import Path

import pytest

from harness.device import frida_server
from harness.device.root import Root, RootAccess
from harness.device.transport import Adb
from harness.errors import EnvironmentProblem, InputError
from tests.fixtures.adb.fake_adb import FakeAdbDevice, Reply, recorded

CLIENT = frida_server.frida_client_version()
ROOT = Root(RootAccess.ADBD)


def elf(machine: int) -> bytes:
    header = bytearray(b"\x7fELF\x02\x01\x01" + bytes(9))
    header += struct.pack("<HH", 3, machine)
    return bytes(header) + bytes(64)


def binary(tmp_path: Path, machine: int = 62, xz: bool = False) -> Path:
    path = tmp_path / ("frida-server.xz" if xz else "frida-server")
    data = elf(machine)
    path.write_bytes(lzma.compress(data, format=lzma.FORMAT_XZ) if xz else data)
    return path


def device_answering_version(version: str) -> FakeAdbDevice:
    fake = FakeAdbDevice()
    fake.on(r"^/data/local/tmp/frida-server\.incoming --version$", version + "\n")
    fake.on(r"^pidof frida-server$", "", returncode=1)
    fake.on(r"^(mv|chmod) ", "")
    return fake


def test_mismatching_server_is_refused_and_never_replaces_the_installed_one(tmp_path: Path) -> None:
    fake = device_answering_version(recorded("frida_server_version_16.txt").strip())
    with pytest.raises(EnvironmentProblem) as refused:
        frida_server.install(Adb(fake, fake.serial), ROOT, binary(tmp_path), "x86_64", CLIENT)
    message = str(refused.value)
    assert "frida-server 16.5.9 does not match the frida client" in message
    assert f"frida-server-{CLIENT}-android-x86_64.xz" in message
    assert "\n" not in message
    commands = fake.shell_commands()
    assert "rm -f /data/local/tmp/frida-server.incoming" in commands
    assert not any(c.startswith("mv ") for c in commands)


def test_matching_xz_server_is_installed(tmp_path: Path) -> None:
    fake = device_answering_version(CLIENT)
    version = frida_server.install(Adb(fake, fake.serial), ROOT, binary(tmp_path, xz=True), "x86_64", CLIENT)
    assert version == CLIENT
    assert fake.files["/data/local/tmp/frida-server.incoming"].startswith(b"\x7fELF")
    assert fake.modes["/data/local/tmp/frida-server.incoming"] == 0o755
    assert "mv -f /data/local/tmp/frida-server.incoming /data/local/tmp/frida-server" in fake.shell_commands()


def test_wrong_architecture_is_refused_before_pushing(tmp_path: Path) -> None:
    fake = FakeAdbDevice()
    with pytest.raises(InputError, match=r"built for arm64 but emulator-5554 runs x86_64"):
        frida_server.install(Adb(fake, fake.serial), ROOT, binary(tmp_path, machine=183), "x86_64", CLIENT)
    assert fake.log == []


def test_not_an_executable(tmp_path: Path) -> None:
    path = tmp_path / "frida-server"
    path.write_text("<html>404</html>")
    with pytest.raises(InputError, match=r"no ELF header"):
        frida_server.load_server_binary(path)


def test_start_runs_detached_as_root_and_waits_for_the_process() -> None:
    fake = FakeAdbDevice()
    answers = iter([Reply("", 1), Reply("4711\n")])
    fake.on(r"^pidof frida-server$", lambda argv: next(answers))
    fake.on(r"^su 0 sh -c", "")
    pids = frida_server.start(Adb(fake, fake.serial), Root(RootAccess.SU_UID))
    assert pids == (4711,)
    start = next(c for c in fake.shell_commands() if c.startswith("su 0"))
    assert start == "su 0 sh -c 'nohup /data/local/tmp/frida-server >/dev/null 2>&1 </dev/null &'"


def test_state_of_missing_and_running_servers() -> None:
    fake = FakeAdbDevice()
    fake.on(r"frida-server --version", "/system/bin/sh: /data/local/tmp/frida-server: not found\n", 127)
    fake.on(r"^pidof frida-server$", "", 1)
    state = frida_server.server_state(Adb(fake, fake.serial))
    assert state.installed_version is None and state.describe() == "missing"
    fake.on(r"frida-server --version", f"{CLIENT}\n")
    fake.on(r"^pidof frida-server$", "3121\n")
    assert frida_server.server_state(Adb(fake, fake.serial)).describe() == f"running {CLIENT}"
