"""The sim app's JVM process: started held before any app code runs, ended as `am force-stop`
does, killed when it crashed but did not end (as Android's system does).

Each app's JVM gets a heap limit, as each Android app gets one (dalvik.vm.heapgrowthlimit, what
ActivityManager.getMemoryClass() reports: 256 MB on current phones; developer.android.com
/reference/android/app/ActivityManager#getMemoryClass()), so `sim:N` cannot exhaust the host.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from harness.device.base import ProcessHook
from harness.errors import DeviceError, InputError
from harness.sim.build import SimApp, framework_classes, java_base_patch, java_executable
from harness.sim.control import SimControl
from harness.sim.isolation import DeviceView
from harness.sim.launch_files import LaunchFiles
from harness.sim.processes import ProcessGate

SIM_HEAP_ENV = "PRIVACY_PROBE_SIM_HEAP"
DEFAULT_SIM_HEAP = "256m"
OOM_MARKER = "OutOfMemoryError"
_HEAP_SIZE = re.compile(r"^[1-9][0-9]*[kKmMgG]?$")
EXIT_GRACE_S = 3.0
CRASH_EXIT_GRACE_S = 2.0
FATAL_MARKER = b"E/AndroidRuntime: FATAL EXCEPTION"
# Without a capture proxy the app's HTTP(S) goes to a closed loopback port: a sim app never
# reaches the outside network, and it never resolves host names itself.
NO_NETWORK_OPTIONS = (
    "-Dhttp.proxyHost=127.0.0.1",
    "-Dhttp.proxyPort=9",
    "-Dhttps.proxyHost=127.0.0.1",
    "-Dhttps.proxyPort=9",
    "-Dhttp.nonProxyHosts=",
)


def sim_heap_limit() -> str:
    """The app JVM's heap limit: $PRIVACY_PROBE_SIM_HEAP (e.g. 512m) or 256m."""
    value = os.environ.get(SIM_HEAP_ENV, "").strip() or DEFAULT_SIM_HEAP
    if not _HEAP_SIZE.match(value):
        raise InputError(f"{SIM_HEAP_ENV}={value!r}: expected a size like 256m or 1g")
    return value


def _heap_options() -> list[str]:
    # ExitOnOutOfMemoryError: the app dies of it at once (as an Android app does), instead of
    # thrashing in GC with its main thread unresponsive
    return [f"-Xmx{sim_heap_limit()}", "-XX:+ExitOnOutOfMemoryError"]


def _process_alive(pid: int) -> bool:
    """True while the process runs, without reaping it.

    Popen.poll() calls waitpid(), which would also consume the ptrace stop notifications that
    Frida's injector waits for while it attaches to our child: never poll during an attach.
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in (b"Z", b"X")


class _CrashReaper(threading.Thread):
    """Kills an app process that reported a fatal exception but did not end, as Android's system does.

    With Frida attached, a JVM can fail to complete its own exit after a crash; the process
    must not linger as a zombie app that the harness keeps talking to.
    """

    def __init__(self, popen: subprocess.Popen[bytes], log_path: Path, offset: int) -> None:
        super().__init__(name=f"crash-reaper-{popen.pid}", daemon=True)
        self._popen = popen
        self._log_path = log_path
        self._offset = offset

    def run(self) -> None:
        with self._log_path.open("rb") as log:
            log.seek(self._offset)
            pending = b""
            while _process_alive(self._popen.pid):
                pending = (pending + log.read())[-4096:]
                if FATAL_MARKER in pending:
                    deadline = time.monotonic() + CRASH_EXIT_GRACE_S
                    while _process_alive(self._popen.pid) and time.monotonic() < deadline:
                        time.sleep(0.1)
                    if _process_alive(self._popen.pid):
                        self._popen.kill()
                    return
                time.sleep(0.1)


@dataclass
class AppProcess:
    package: str
    popen: subprocess.Popen[bytes]
    control: SimControl
    pid: int
    gate: ProcessGate


def start_app_process(
    app: SimApp,
    files: LaunchFiles,
    api_level: int,
    jvm_options: list[str],
    view: DeviceView,
    log: IO[bytes],
    gate_hook: Callable[[], ProcessHook | None],
) -> AppProcess:
    """Start the app's JVM inside the device's view, its output appended to log, held before
    any app code runs."""
    control = SimControl()
    gate = ProcessGate(gate_hook)
    classpath = f"{framework_classes()}:{app.classes}"
    command = [
        java_executable(),
        "-Djava.awt.headless=true",
        "-Dfile.encoding=UTF-8",
        "-Xss4m",
        f"--patch-module=java.base={java_base_patch()}",
        *_heap_options(),
        *jvm_options,
        "-cp",
        classpath,
        "com.privacyprobe.sim.Launcher",
        "--control-port", str(control.port),
        "--app", str(files.app),
        "--state", str(files.state),
        "--profile", str(files.profile),
        "--api-level", str(api_level),
        "--child-port", str(gate.port),
    ]  # fmt: skip
    popen = subprocess.Popen(
        [*view.prefix, *command],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=view.env,
    )
    _CrashReaper(popen, Path(log.name), log.tell()).start()
    try:
        pid: int = control.accept(popen)
    except DeviceError:
        popen.kill()
        popen.wait()
        control.close()
        gate.close()
        raise
    return AppProcess(package=app.info.package, popen=popen, control=control, pid=pid, gate=gate)


def stop_app_process(process: AppProcess) -> int | None:
    """End the app and its other processes, as `am force-stop`; its exit status."""
    process.gate.close()
    if process.popen.poll() is None:
        # the process may die before answering; it is killed below if it lingers
        with contextlib.suppress(DeviceError):
            process.control.request("exit", timeout=EXIT_GRACE_S)
        try:
            process.popen.wait(EXIT_GRACE_S)
        except subprocess.TimeoutExpired:
            process.popen.kill()
            process.popen.wait()
    process.control.close()
    return process.popen.returncode


def death_message(package: str, exit_code: int, log_path: Path | None) -> str:
    """Why the app ended during start-up, from its exit status and its last output."""
    last_line = ""
    if log_path is not None:
        lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        last_line = next((line for line in reversed(lines) if "Exception" in line), "")
        if any(OOM_MARKER in line for line in lines[-20:]):
            return f"{package} ran out of memory during start-up: its heap limit is {sim_heap_limit()}"
    detail = f": {last_line.strip()[:200]}" if last_line else ""
    how = "exited" if exit_code == 0 else "crashed"
    return f"{package} {how} during start-up (exit status {exit_code}){detail}"
