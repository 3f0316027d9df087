"""mitmdump as a program: where it is installed, a port for it, its command line, and reading
how it ended and what it printed (harness.capture.proxy runs it)."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
from pathlib import Path
from typing import TYPE_CHECKING

from harness.errors import EnvironmentProblem
from harness.paths import PROJECT_ROOT
from harness.rundir import FLOWS, FLOWS_RAW

if TYPE_CHECKING:
    from harness.capture.proxy import CaptureSettings

ADDON = Path(__file__).with_name("addon.py")

MITM_VENV_MITMDUMP = PROJECT_ROOT / ".venv-mitm" / "bin" / "mitmdump"
INSTALL_HINT = "run scripts/install-mitmproxy.sh or set PRIVACY_PROBE_MITMDUMP"
LOG_TAIL_LINES = 12


def find_mitmdump(explicit: Path | None = None) -> Path:
    """The mitmdump to run: explicit argument, $PRIVACY_PROBE_MITMDUMP, .venv-mitm, PATH."""
    from_env = os.environ.get("PRIVACY_PROBE_MITMDUMP")
    for candidate in (explicit, Path(from_env) if from_env else None):
        if candidate is None:
            continue
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
        raise EnvironmentProblem(f"mitmdump not found at {candidate}: {INSTALL_HINT}")
    if MITM_VENV_MITMDUMP.is_file():
        return MITM_VENV_MITMDUMP
    on_path = shutil.which("mitmdump")
    if on_path:
        return Path(on_path)
    raise EnvironmentProblem(f"mitmdump not found: {INSTALL_HINT}")


def mitmdump_command(
    mitmdump: Path, port: int, settings: CaptureSettings, confdir: Path, run_dir: Path
) -> list[str]:
    """mitmdump with our addon, recording into run_dir."""
    s = settings
    command = [
        str(mitmdump),
        "--mode", "regular",
        "--listen-host", s.listen_host,
        "--listen-port", str(port),
        "-s", str(ADDON),
        "--set", f"confdir={confdir}",
        "--set", f"probe_flows={run_dir / FLOWS}",
        "--set", f"probe_raw={run_dir / FLOWS_RAW}",
        "--set", f"probe_body_cap={s.body_cap}",
        "--set", f"probe_parent={os.getpid()}",
        "--set", "flow_detail=0",
        "--set", "termlog_verbosity=warn",
    ]  # fmt: skip
    if s.mode == "offline":
        command += ["--set", "probe_offline=true", "--set", "connection_strategy=lazy"]
    else:
        command += ["--set", f"stream_large_bodies={s.stream_bodies_over}"]
    return command


def free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def port_is_taken(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            return exc.errno == errno.EADDRINUSE
    return False


def connect_host(listen_host: str) -> str:
    """Where a local client reaches a proxy listening on listen_host."""
    if listen_host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if listen_host == "::":
        return "::1"
    return listen_host


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def log_tail(path: Path, offset: int) -> str:
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            text = handle.read().decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n".join(lines[-LOG_TAIL_LINES:])


def one_line(text: str) -> str:
    return " | ".join(line for line in text.splitlines() if line) or "(no output)"
