"""The sim's spawn gate: the app's other processes (components with android:process) say HELLO
here and wait, unrun, until the harness has instrumented them and says `start` — what frida's
spawn gating does for a new app process on a device (see harness.device.spawn)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

from harness.device.base import ProcessHook
from harness.errors import DeviceError, ProbeError
from harness.sim.control import SimControl

GREETING_TIMEOUT_S = 10.0
START_TIMEOUT_S = 30.0
EXIT_GRACE_S = 2.0
_CMDLINE_LIMIT = 65536


@dataclass
class GatedProcess:
    pid: int
    name: str
    control: SimControl
    error: str | None = None  # why it could not be instrumented or started


def process_name_of(pid: int) -> str:
    """The `--process NAME` the launcher was started with (the app's process name)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            words = cmdline.read(_CMDLINE_LIMIT).decode("utf-8", errors="replace").split("\0")
    except OSError:
        return ""
    return words[words.index("--process") + 1] if "--process" in words[:-1] else ""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except (OSError, IndexError):
        return False


class ProcessGate:
    """Accepts the app's secondary processes on a loopback port for as long as its main process runs."""

    def __init__(self, hook: Callable[[], ProcessHook | None]) -> None:
        self._hook = hook
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(8)
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self.processes: list[GatedProcess] = []
        threading.Thread(target=self._serve, name="sim-process-gate", daemon=True).start()

    @property
    def port(self) -> int:
        port: int = self._listener.getsockname()[1]
        return port

    def _serve(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:  # closed
                return
            threading.Thread(target=self._admit, args=(connection,), daemon=True).start()

    def _admit(self, connection: socket.socket) -> None:
        control = SimControl(connection)
        try:
            pid = control.greeting(GREETING_TIMEOUT_S)
        except DeviceError:
            control.close()
            return
        process = GatedProcess(pid, process_name_of(pid), control)
        with self._lock:
            if self._closed.is_set():
                control.close()
                return
            self.processes.append(process)
        hook = self._hook()
        try:
            if hook is not None:
                hook(pid, process.name)
            control.request("start", timeout=START_TIMEOUT_S)
        except ProbeError as error:
            process.error = str(error)

    def close(self) -> None:
        """Ends every process that came through the gate (Android's force-stop ends them all)."""
        self._closed.set()
        self._listener.close()
        with self._lock:
            processes = list(self.processes)
        for process in processes:
            with contextlib.suppress(DeviceError):
                process.control.request("exit", timeout=EXIT_GRACE_S)
            process.control.close()
            if _alive(process.pid):
                with contextlib.suppress(OSError):
                    os.kill(process.pid, signal.SIGKILL)
