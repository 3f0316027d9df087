"""Client side of the sim launcher's control protocol (see framework/PROTOCOL.md).

The harness listens on a loopback port, starts the launcher with `--control-port PORT`, and the
launcher connects back and says `HELLO <pid>`. After that the harness sends one command at a time:
`COMMAND ARG…\\n` with percent-encoded arguments, answered by `OK <n>\\n` or `ERR <n>\\n` plus n
bytes of UTF-8.
"""

from __future__ import annotations

import socket
import subprocess
import time
from urllib.parse import quote

from harness.errors import DeviceError

_HELLO = "HELLO "
_POLL_S = 0.2
_MAX_HEADER = 64


class SimControl:
    """Listens on 127.0.0.1:0 for one launcher connection (or speaks over one already accepted)."""

    def __init__(self, connection: socket.socket | None = None) -> None:
        self._listener: socket.socket | None = None
        if connection is None:
            self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self._listener.bind(("127.0.0.1", 0))
            self._listener.listen(1)
        else:
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._connection: socket.socket | None = connection
        self._buffer = b""
        self._broken: str | None = None

    @property
    def port(self) -> int:
        assert self._listener is not None
        port: int = self._listener.getsockname()[1]
        return port

    def greeting(self, timeout: float) -> int:
        """The pid of an accepted connection's `HELLO <pid>` (a process the launcher started itself)."""
        try:
            return _pid_of_hello(self._read_line(timeout))
        except OSError as exc:
            raise DeviceError(f"sim process sent no HELLO ({exc})") from None

    def accept(self, process: subprocess.Popen[bytes], timeout: float = 15.0) -> int:
        """Wait for HELLO; return the pid. DeviceError if the process exits first or time runs out."""
        assert self._listener is not None
        deadline = time.monotonic() + timeout
        self._listener.settimeout(_POLL_S)
        while self._connection is None:
            self._check_alive(process, "before connecting")
            if time.monotonic() > deadline:
                raise DeviceError(f"sim launcher did not connect within {timeout:g} s")
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._connection = connection
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeviceError(f"sim launcher sent no HELLO within {timeout:g} s")
            self._check_alive(process, "before saying HELLO")
            try:
                line = self._read_line(min(remaining, _POLL_S))
            except TimeoutError:
                continue
            except OSError as exc:
                raise DeviceError(f"sim launcher closed the connection before HELLO ({exc})") from None
            return _pid_of_hello(line)

    @staticmethod
    def _check_alive(process: subprocess.Popen[bytes], when: str) -> None:
        status = process.poll()
        if status is not None:
            raise DeviceError(f"sim app process exited with status {status} {when}")

    def request(self, command: str, *args: str, timeout: float = 10.0) -> str:
        """Send one command, return the OK payload; DeviceError on ERR, timeout or lost connection."""
        if self._broken is not None:
            raise DeviceError(f"sim control connection unusable: {self._broken}")
        if self._connection is None:
            raise DeviceError("sim control: no launcher connected")
        line = " ".join(quote(part, safe="") for part in (command, *args)) + "\n"
        try:
            self._connection.settimeout(timeout)
            self._connection.sendall(line.encode("utf-8"))
            header = self._read_line(timeout)
            status, _, size_text = header.partition(" ")
            if status not in ("OK", "ERR") or not size_text.isdigit():
                raise self._fail(f"malformed reply to {command}: {header[:80]!r}")
            payload = self._read_exact(int(size_text), timeout).decode("utf-8", errors="replace")
        except TimeoutError:
            raise self._fail(f"no reply to {command} within {timeout:g} s") from None
        except OSError as exc:
            raise self._fail(f"connection lost during {command}: {exc}") from None
        if status == "ERR":
            raise DeviceError(f"sim {command}: {payload}")
        return payload

    def _fail(self, reason: str) -> DeviceError:
        """After a timeout or a broken reply the stream is out of step, so no later request may use it."""
        self._broken = reason
        return DeviceError(f"sim control: {reason}")

    def _read_line(self, timeout: float) -> str:
        assert self._connection is not None
        self._connection.settimeout(timeout)
        while b"\n" not in self._buffer:
            if len(self._buffer) > _MAX_HEADER:
                raise self._fail(f"reply header too long: {self._buffer[:80]!r}")
            chunk = self._connection.recv(4096)
            if not chunk:
                raise ConnectionResetError("the sim app closed the connection (process ended?)")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode("utf-8", errors="replace")

    def _read_exact(self, size: int, timeout: float) -> bytes:
        assert self._connection is not None
        self._connection.settimeout(timeout)
        while len(self._buffer) < size:
            chunk = self._connection.recv(max(65536, size - len(self._buffer)))
            if not chunk:
                raise ConnectionResetError("the sim app closed the connection mid-reply")
            self._buffer += chunk
        payload, self._buffer = self._buffer[:size], self._buffer[size:]
        return payload

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._listener is not None:
            self._listener.close()


def _pid_of_hello(line: str) -> int:
    if not line.startswith(_HELLO) or not line[len(_HELLO) :].isdigit():
        raise DeviceError(f"sim launcher sent an unexpected greeting: {line[:80]!r}")
    return int(line[len(_HELLO) :])
