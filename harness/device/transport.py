"""The seam between privacy-probe and adb: a thin layer over adbutils that checks exit codes
and turns every adb failure into a one-line DeviceError.

adbutils facts this layer exists for: `shell()` never fails on a non-zero exit (we use
`shell2`, which appends an exit-code marker); `adb.device(serial)` is lazy, so a missing
device only shows on the first command; a device that drops mid-command closes the socket,
which `shell2` reports as "shell output invalid"; the adb server is started on demand and a
failure to reach it surfaces as AdbConnectionError (or as an OSError / subprocess error from
the `adb start-server` it runs).
"""

from __future__ import annotations

import shlex
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import adbutils
from adbutils.errors import AdbConnectionError, AdbError, AdbTimeout

from harness.device.parse import first_line
from harness.errors import DeviceError

DEFAULT_TIMEOUT = 60.0


class AdbBackend(Protocol):
    """The part of `adbutils.AdbDevice` used here (tests stand a recorded fake in for it)."""

    @property
    def serial(self) -> str | None: ...

    def get_state(self) -> str: ...

    def shell2(self, cmdargs: str, timeout: float | None = ..., rstrip: bool = ...) -> Any: ...

    @property
    def sync(self) -> Any: ...

    def root(self) -> Any: ...

    def reverse(self, remote: str, local: str, norebind: bool = ...) -> Any: ...

    def reverse_remove(self, remote: str) -> Any: ...

    def adb_output(self, *args: str) -> Any: ...

    def shell(self, cmdargs: str, stream: bool = ...) -> Any: ...


@dataclass(frozen=True)
class ShellResult:
    command: str
    returncode: int
    output: str


def command_line(args: list[str] | str) -> str:
    """How a command reaches the device shell: argument lists are quoted for `sh`."""
    return args if isinstance(args, str) else " ".join(shlex.quote(arg) for arg in args)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def describe_adb_failure(serial: str, what: str, error: BaseException) -> str:
    """One-line explanation of an adb failure, with what to do about it."""
    message = _one_line(str(error.args[0]) if error.args else str(error))[:300]
    if isinstance(error, AdbConnectionError | OSError | subprocess.SubprocessError):
        return (
            f"no adb server reachable ({message or type(error).__name__}); start one with "
            "`adb start-server` (or point ANDROID_ADB_SERVER_HOST/PORT at it)"
        )
    if isinstance(error, AdbTimeout):
        return f"{serial}: {what} timed out ({message}); the device may be hung — check `adb devices`"
    lowered = message.lower()
    if "unauthorized" in lowered:
        return f"{serial} is unauthorized: accept the USB debugging prompt on the device"
    if "offline" in lowered:
        return (
            f"{serial} went offline during {what}; reconnect it (`adb reconnect offline`) "
            "or restart the emulator"
        )
    if "not found" in lowered:
        return f"{serial} is not attached (adb: {message}); check `adb devices`"
    if "shell output invalid" in lowered or "closed" in lowered:
        return (
            f"{serial} stopped answering during {what} (the connection closed mid-command); "
            "check `adb devices`"
        )
    return f"adb failed on {serial} during {what}: {message}"


class Adb:
    """One device reached through adb; every method raises DeviceError on failure."""

    def __init__(self, backend: AdbBackend, serial: str) -> None:
        self.backend = backend
        self.serial = serial

    @contextmanager
    def _mapped(self, what: str) -> Iterator[None]:
        try:
            yield
        except DeviceError:
            raise
        except (AdbError, OSError, subprocess.SubprocessError) as error:
            raise DeviceError(describe_adb_failure(self.serial, what, error)) from None

    def state(self) -> str:
        with self._mapped("get-state"):
            return str(self.backend.get_state())

    def result(self, args: list[str] | str, timeout: float = DEFAULT_TIMEOUT) -> ShellResult:
        command = command_line(args)
        with self._mapped(f"`{command}`"):
            returned = self.backend.shell2(command, timeout=timeout, rstrip=True)
        return ShellResult(command, int(returned.returncode), str(returned.output))

    def run(self, args: list[str] | str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Run a shell command; a non-zero exit is a DeviceError naming the command."""
        result = self.result(args, timeout)
        if result.returncode != 0:
            raise DeviceError(
                f"`{result.command}` failed on {self.serial} (exit {result.returncode}): "
                f"{first_line(result.output) or 'no output'}"
            )
        return result.output

    def push(self, data: bytes | Path, remote: str, mode: int = 0o644) -> None:
        """Write bytes (or stream a local file) to a device path."""
        with self._mapped(f"push to {remote}"):
            self.backend.sync.push(data, remote, mode)

    def pull(self, remote: str, local: Path) -> None:
        with self._mapped(f"pull of {remote}"):
            self.backend.sync.pull(remote, str(local))

    def reverse(self, port: int) -> None:
        """Device tcp:port → host tcp:port (adbutils takes the device side first)."""
        with self._mapped(f"adb reverse tcp:{port}"):
            self.backend.reverse(f"tcp:{port}", f"tcp:{port}")

    def reverse_remove(self, port: int) -> None:
        with self._mapped(f"adb reverse --remove tcp:{port}"):
            self.backend.reverse_remove(f"tcp:{port}")

    def emu(self, *args: str) -> str:
        """An emulator console command (`adb emu ...`); only emulators have a console."""
        if not self.serial.startswith("emulator-"):
            raise DeviceError(
                f"{self.serial} is not an emulator: `adb emu {' '.join(args)}` needs the emulator console"
            )
        with self._mapped(f"`adb emu {' '.join(args)}`"):
            try:
                output = str(self.backend.adb_output("emu", *args))
            except OSError as error:  # adbutils runs the adb binary and raises its output
                detail = _one_line(str(error.args[-1])) if error.args else str(error)
                raise DeviceError(
                    f"`adb emu {' '.join(args)}` failed on {self.serial}: {detail[:300]}"
                ) from None
        if "KO" in output.split():
            raise DeviceError(f"emulator console refused `{' '.join(args)}`: {first_line(output)}")
        return output

    def restart_adbd_as_root(self, timeout: float = 30.0) -> str:
        """`adb root`; returns adbd's answer ("restarting adbd as root", "adbd is already
        running as root" or "adbd cannot run as root in production builds")."""
        with self._mapped("adb root"):
            answer = _one_line(str(self.backend.root()))
        if "restarting" in answer:
            self.wait_online(timeout)
        return answer

    def wait_online(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        time.sleep(0.5)
        while True:
            try:
                if self.backend.get_state() == "device":
                    return
            except AdbError:
                pass
            if time.monotonic() > deadline:
                raise DeviceError(f"{self.serial} did not come back within {timeout:.0f}s")
            time.sleep(0.5)

    def stream(self, args: list[str] | str) -> Any:
        """Start a long-running shell command; returns the open connection (recv/close)."""
        command = command_line(args)
        with self._mapped(f"`{command}`"):
            return self.backend.shell(command, stream=True)


def adb_client() -> Any:
    return adbutils.AdbClient()


def attached_devices() -> list[tuple[str, str]]:
    """(serial, state) of every device the adb server knows, offline/unauthorized included."""
    try:
        return [(info.serial, info.state) for info in adb_client().list()]
    except (AdbError, OSError, subprocess.SubprocessError) as error:
        raise DeviceError(describe_adb_failure("adb", "listing devices", error)) from None


def device_handle(serial: str) -> Adb:
    """The device with this serial, unchecked (adbutils connects lazily)."""
    return Adb(adb_client().device(serial), serial)


def open_device(serial: str) -> Adb:
    """The device with this serial, checked to be online and authorised."""
    adb = device_handle(serial)
    state = adb.state()
    if state != "device":
        raise DeviceError(describe_adb_failure(serial, "get-state", AdbError(f"device {state}")))
    return adb
