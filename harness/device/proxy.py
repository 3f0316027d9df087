"""Route the device's HTTP(S) through our proxy and always put the old setting back.

`settings put global http_proxy HOST:PORT` is a device-wide setting that outlives us, so a
run that dies with it set leaves the device without network. The original value is read
and written to a journal on the host before anything is changed; it is restored when the
guard exits (normal end or exception), from an atexit hook, on SIGTERM/SIGHUP, and — after
a hard crash (SIGKILL, power loss) — by the next privacy-probe process that opens the
device (`recover`). With a loopback proxy host the device reaches it through
`adb reverse tcp:PORT tcp:PORT` and the setting is `127.0.0.1:PORT`.

Clearing: `:0` takes effect at once (the platform parses it as "no host"); the key is then
deleted so a device that had no proxy ends with no key at all.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import signal
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from harness.device.parse import parse_settings_value
from harness.device.transport import Adb
from harness.errors import DeviceError

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def default_state_dir() -> Path:
    configured = os.environ.get("PRIVACY_PROBE_STATE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "privacy-probe"


@dataclass(frozen=True)
class ProxyJournal:
    serial: str
    original: str | None  # `settings get global http_proxy` before we changed it (None: unset)
    applied: str
    reverse_port: int | None
    pid: int


def journal_path(state_dir: Path, serial: str) -> Path:
    return state_dir / "proxy" / (re.sub(r"[^\w.-]", "_", serial) + ".json")


def read_journal(state_dir: Path, serial: str) -> ProxyJournal | None:
    path = journal_path(state_dir, serial)
    try:
        return ProxyJournal(**json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as error:
        raise DeviceError(f"unreadable proxy journal {path}: {error}") from None


def _write_journal(state_dir: Path, journal: ProxyJournal) -> None:
    path = journal_path(state_dir, journal.serial)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(journal)), encoding="utf-8")
    os.replace(tmp, path)


def current_proxy(adb: Adb) -> str | None:
    return parse_settings_value(adb.run(["settings", "get", "global", "http_proxy"]))


def put_back(adb: Adb, journal: ProxyJournal) -> None:
    """Restore what the journal recorded; raises DeviceError if the device cannot be reached."""
    if journal.original is None:
        adb.run(["settings", "put", "global", "http_proxy", ":0"])
        adb.run(["settings", "delete", "global", "http_proxy"])
    else:
        adb.run(["settings", "put", "global", "http_proxy", journal.original])
    if journal.reverse_port is not None:
        with contextlib.suppress(DeviceError):  # already gone when adb restarted
            adb.reverse_remove(journal.reverse_port)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def held_by_other_process(journal: ProxyJournal) -> bool:
    return journal.pid != os.getpid() and _process_alive(journal.pid)


def recover(adb: Adb, state_dir: Path) -> ProxyJournal | None:
    """Undo a proxy left behind by a privacy-probe process that died; returns what was undone."""
    journal = read_journal(state_dir, adb.serial)
    if journal is None or held_by_other_process(journal):
        return None
    put_back(adb, journal)
    journal_path(state_dir, adb.serial).unlink(missing_ok=True)
    return journal


class ProxyGuard:
    """Sets the device proxy; `restore()` (idempotent) puts the original back."""

    def __init__(self, adb: Adb, state_dir: Path | None = None) -> None:
        self.adb = adb
        self.state_dir = state_dir or default_state_dir()
        self.journal: ProxyJournal | None = None
        self.restore_error: str | None = None
        self._lock = threading.Lock()

    @property
    def active(self) -> bool:
        return self.journal is not None

    def apply(self, host: str, port: int) -> str:
        """Point the device at host:port; returns the value written to the setting."""
        if self.journal is not None:
            self.restore()
        recover(self.adb, self.state_dir)
        held = read_journal(self.state_dir, self.adb.serial)
        if held is not None:
            raise DeviceError(
                f"privacy-probe process {held.pid} is already using {self.adb.serial}'s proxy; "
                "run one session per device"
            )
        original = current_proxy(self.adb)
        loopback = host in LOOPBACK_HOSTS
        value = f"127.0.0.1:{port}" if loopback else f"{host}:{port}"
        journal = ProxyJournal(self.adb.serial, original, value, port if loopback else None, os.getpid())
        _write_journal(self.state_dir, journal)
        self.journal = journal
        _registry.add(self)
        if loopback:
            self.adb.reverse(port)
        self.adb.run(["settings", "put", "global", "http_proxy", value])
        if current_proxy(self.adb) != value:
            raise DeviceError(f"{self.adb.serial} did not accept http_proxy={value}")
        return value

    def restore(self) -> None:
        with self._lock:
            journal = self.journal
            if journal is None:
                return
            try:
                put_back(self.adb, journal)
            except DeviceError as error:
                # The journal stays on disk: the next process that opens this device restores it.
                self.restore_error = str(error)
            else:
                journal_path(self.state_dir, journal.serial).unlink(missing_ok=True)
                self.restore_error = None
            self.journal = None
            _registry.discard(self)

    def __enter__(self) -> ProxyGuard:
        return self

    def __exit__(self, *exc: object) -> None:
        self.restore()


class _Registry:
    """Guards with a proxy applied; restored at interpreter exit and on SIGTERM/SIGHUP."""

    SIGNALS = (signal.SIGTERM, signal.SIGHUP)

    def __init__(self) -> None:
        self._guards: set[ProxyGuard] = set()
        self._previous: dict[int, Any] = {}
        self._lock = threading.RLock()
        atexit.register(self.restore_all)

    def add(self, guard: ProxyGuard) -> None:
        with self._lock:
            self._guards.add(guard)
            if threading.current_thread() is threading.main_thread() and not self._previous:
                for signum in self.SIGNALS:
                    self._previous[signum] = signal.signal(signum, self._on_signal)

    def discard(self, guard: ProxyGuard) -> None:
        with self._lock:
            self._guards.discard(guard)
            if not self._guards and self._previous and threading.current_thread() is threading.main_thread():
                for signum, handler in self._previous.items():
                    signal.signal(signum, handler)
                self._previous.clear()

    def restore_all(self) -> None:
        with self._lock:
            guards = list(self._guards)
        for guard in guards:
            guard.restore()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        previous = self._previous.get(signum)
        self.restore_all()
        if callable(previous):
            previous(signum, frame)
            return
        # Unwind normally so the run in progress is finalised by its own cleanup code.
        raise SystemExit(128 + signum)


_registry = _Registry()
