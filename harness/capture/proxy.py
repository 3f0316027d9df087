"""Running mitmdump with our addon as a subprocess: start, wait until it listens, stop, always.

mitmproxy lives in its own venv (see scripts/install-mitmproxy.sh; harness.capture.mitmdump
finds it), so it is never imported here: mitmdump runs in its own process group with `addon.py`
and writes the run dir's flows.jsonl and flows.mitm; its own output goes to mitmdump.log. What
happened to the capture itself (started, died, stopped) goes to capture.json for
`capture_coverage`.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from harness.capture.coverage import CAPTURE_STATE
from harness.capture.har import write_har
from harness.capture.mitmdump import (
    connect_host,
    describe_exit,
    find_mitmdump,
    free_port,
    log_tail,
    mitmdump_command,
    one_line,
    port_is_taken,
)
from harness.errors import EnvironmentProblem, ProbeError
from harness.paths import cache_dir
from harness.records import SCHEMA_VERSION, write_json_atomic
from harness.rundir import FLOWS, FLOWS_HAR

MITMDUMP_LOG = "mitmdump.log"
# On SIGTERM mitmdump writes the flows.mitm entries it held back while traffic was busy.
STOP_GRACE_SECONDS = 15.0
READY_MARKER = "privacy-probe capture ready"  # printed by addon.py once it captures

CaptureMode = Literal["offline", "forward"]


class CaptureError(ProbeError):
    """mitmdump could not be started or kept running."""


class PortInUse(CaptureError):
    pass


@dataclass
class CaptureState:
    """capture.json: what happened to the capture itself, for `capture_coverage`."""

    mode: str
    mitmdump: str
    pid: int
    listen: str
    started: float
    stopped: float | None = None
    died: float | None = None
    exit_code: int | None = None
    errors: list[str] = field(default_factory=list)
    schema: int = SCHEMA_VERSION


@dataclass(frozen=True)
class CaptureSettings:
    mode: CaptureMode = "offline"
    listen_host: str = "127.0.0.1"
    port: int | None = None  # None: a free port chosen at start
    body_cap: int = 16 * 1024 * 1024  # decoded body bytes kept per message
    # Forward mode: bodies larger than this on the wire stream through unrecorded instead of
    # being held in memory. Offline mode holds every body (there is no upstream to stream to,
    # and mitmproxy's body_size_limit leaves fast senders hanging) and records it up to body_cap.
    stream_bodies_over: int = 64 * 1024 * 1024
    startup_timeout: float = 20.0


class MitmdumpProcess:
    """One mitmdump capturing into one run dir; a context manager that always stops it."""

    def __init__(
        self,
        run_dir: Path,
        settings: CaptureSettings | None = None,
        *,
        mitmdump: Path | None = None,
        confdir: Path | None = None,
    ) -> None:
        self.run_dir = run_dir
        self.settings = settings or CaptureSettings()
        self._mitmdump = mitmdump
        self.confdir = confdir or cache_dir("mitmproxy")
        self.port = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._stopping = False
        self._state: CaptureState | None = None
        self._state_lock = threading.Lock()

    # --- public surface ---

    @property
    def host(self) -> str:
        return connect_host(self.settings.listen_host)

    @property
    def proxy_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def ca_cert(self) -> Path:
        """The CA clients must trust (PEM, certificate only)."""
        return self.confdir / "mitmproxy-ca-cert.pem"

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def lost(self) -> str | None:
        """Why the capture stopped recording before the run ended (mitmdump died), or None."""
        with self._state_lock:
            state = self._state
            if state is None or state.died is None:
                return None
            elapsed = state.died - state.started
            how = describe_exit(state.exit_code) if state.exit_code is not None else "ended"
        return (
            f"the traffic capture died {elapsed:.1f} s after it started ({how}): "
            "later traffic was not recorded"
        )

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self) -> None:
        if self._proc is not None:
            raise CaptureError("this capture was already started")
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.confdir.mkdir(parents=True, exist_ok=True)
        mitmdump = find_mitmdump(self._mitmdump)
        host = self.settings.listen_host
        if self.settings.port is not None:
            if port_is_taken(host, self.settings.port):
                raise PortInUse(f"cannot capture: port {host}:{self.settings.port} is already in use")
            self._launch(mitmdump, self.settings.port)
            return
        # A port found free can be taken by someone else before mitmdump binds it: try again.
        for attempt in range(3):
            try:
                self._launch(mitmdump, free_port(host))
                return
            except PortInUse:
                if attempt == 2:
                    raise

    def stop(self) -> None:
        """Stop mitmdump's whole process group (SIGTERM, then SIGKILL) and export flows.har."""
        proc = self._proc
        if proc is None or self._stopping:
            return
        self._stopping = True
        atexit.unregister(self._kill_at_exit)
        died_on_its_own = proc.poll() is not None
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGTERM)
        errors: list[str] = []
        try:
            proc.wait(timeout=STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            errors.append(
                f"mitmdump did not stop within {STOP_GRACE_SECONDS:g} s and was killed: "
                "flows.mitm may lack its last flows"
            )
        try:
            write_har(self.run_dir / FLOWS, self.run_dir / FLOWS_HAR)
        except OSError as exc:
            errors.append(f"flows.har could not be written: {exc.strerror or exc}")
        with self._state_lock:
            if self._state is not None:
                self._state.stopped = time.time()
                if not died_on_its_own:
                    self._state.exit_code = proc.returncode
                elif self._state.died is None:  # it died just now; its watcher had no time to say so
                    self._state.died = self._state.stopped
                    self._state.exit_code = proc.returncode
                    self._state.errors.append(
                        f"mitmdump stopped unexpectedly ({describe_exit(proc.returncode)})"
                    )
                self._state.errors.extend(errors)
                self._save_state()

    def __enter__(self) -> MitmdumpProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- internals ---

    def _launch(self, mitmdump: Path, port: int) -> None:
        log_path = self.run_dir / MITMDUMP_LOG
        log_offset = log_path.stat().st_size if log_path.exists() else 0
        # mitmdump's interpreter must see its own venv only, not the harness's import paths
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        with log_path.open("ab") as log:
            try:
                proc = subprocess.Popen(
                    mitmdump_command(mitmdump, port, self.settings, self.confdir, self.run_dir),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=env,
                    start_new_session=True,  # its own process group, stopped as a whole
                )
            except OSError as exc:
                raise EnvironmentProblem(f"cannot run {mitmdump}: {exc.strerror}") from exc
        self._proc = proc
        self.port = port
        atexit.register(self._kill_at_exit)
        try:
            self._wait_until_listening(proc, log_path, log_offset)
        except CaptureError:
            self._kill_at_exit()
            self._proc = None
            raise
        with self._state_lock:
            self._state = CaptureState(
                mode=self.settings.mode,
                mitmdump=str(mitmdump),
                pid=proc.pid,
                listen=f"{self.settings.listen_host}:{port}",
                started=time.time(),
            )
            self._save_state()
        threading.Thread(target=self._watch, args=(proc,), daemon=True).start()

    def _wait_until_listening(self, proc: subprocess.Popen[bytes], log: Path, offset: int) -> None:
        deadline = time.monotonic() + self.settings.startup_timeout
        address = (self.host, self.port)
        while time.monotonic() < deadline:
            code = proc.poll()
            if code is not None:
                tail = log_tail(log, offset)
                if "already in use" in tail or "failed to listen" in tail:
                    raise PortInUse(
                        f"cannot capture: port {self.settings.listen_host}:{self.port} is already in use"
                    )
                raise CaptureError(
                    f"mitmdump exited during startup ({describe_exit(code)}): {one_line(tail)}"
                )
            if READY_MARKER in log_tail(log, offset):
                try:
                    with socket.create_connection(address, timeout=0.5):
                        return
                except OSError as exc:
                    raise CaptureError(
                        f"mitmdump is up but {address[0]}:{address[1]} refuses connections: {exc.strerror}"
                    ) from exc
            time.sleep(0.05)
        raise CaptureError(
            f"mitmdump did not listen on {address[0]}:{address[1]} within "
            f"{self.settings.startup_timeout:g} s: {one_line(log_tail(log, offset))}"
        )

    def _watch(self, proc: subprocess.Popen[bytes]) -> None:
        code = proc.wait()
        if self._stopping:
            return
        with self._state_lock:
            state = self._state
            if state is None:
                return
            state.exit_code = code
            state.died = time.time()
            elapsed = state.died - state.started
            output = log_tail(self.run_dir / MITMDUMP_LOG, 0).replace(READY_MARKER, "")
            tail = one_line(output) if output.strip() else ""
            state.errors.append(
                f"mitmdump stopped unexpectedly ({describe_exit(code)}) {elapsed:.1f} s into "
                "the capture: flows in flight then and all traffic after it were not recorded, "
                "and flows.mitm lacks the flows of the last moments before it"
                + (f"; its last output: {tail}" if tail else "")
            )
            self._save_state()

    def _save_state(self) -> None:
        if self._state is not None:
            write_json_atomic(self.run_dir / CAPTURE_STATE, asdict(self._state))

    def _kill_at_exit(self) -> None:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
