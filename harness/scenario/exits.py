"""How the app's process ended, as far as the harness can tell: by itself (it exited, crashed or
its Java heap ran out) or killed from outside (an operator, the host's OOM killer), which is not
the app's behaviour. And the scenario side of it: a process ending under a scenario is an
observation, not a failure."""

from __future__ import annotations

import contextlib
import functools
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness.device.base import Device
from harness.errors import ProbeError
from harness.instrument import AgentReport

if TYPE_CHECKING:
    from harness.scenario.context import ScenarioContext

# Signals that end a process from outside; a crash is logged as FATAL EXCEPTION first (what
# Android's RuntimeInit logs: frameworks/base/core/java/com/android/internal/os/RuntimeInit.java)
_OUTSIDE_SIGNALS = frozenset({signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
FATAL_EXCEPTION = b"E/AndroidRuntime: FATAL EXCEPTION"
OUT_OF_MEMORY = b"java.lang.OutOfMemoryError"
LOGCAT_TAIL_BYTES = 65536


class AppDied(ProbeError):
    """The app process ended while a scenario expected it to run."""


def observes_app_death(run: Callable[[ScenarioContext], None]) -> Callable[[ScenarioContext], None]:
    """For a scenario's `run`: the app's process ending under it is an observation (recorded as
    `app_exited`, which the detectors judge), not a failure of the scenario."""

    @functools.wraps(run)
    def guarded(ctx: ScenarioContext) -> None:
        try:
            run(ctx)
        except AppDied:
            ctx.record_exit("the scenario")

    return guarded


def exit_details(report: AgentReport | None, logcat: Path) -> dict[str, Any]:
    """Why the last app process ended, as far as Frida (and the JVM's last words) saw it."""
    if report is None:
        return {}
    crash = report.crash
    if crash is None and OUT_OF_MEMORY in logcat_tail(logcat)[-4096:]:
        crash = "out of memory: the app's Java heap limit was reached"
    return {"reason": report.detached_reason, "crash": crash}


def killed_from_outside(device: Device, package: str, logcat: Path) -> str | None:
    """The signal that killed the app's process from outside, on backends that report exit
    statuses (the sim); None when it exited or crashed by itself."""
    exit_code = getattr(device, "exit_code", None)
    status = exit_code(package) if callable(exit_code) else None
    if not isinstance(status, int) or -status not in _OUTSIDE_SIGNALS:
        return None
    if FATAL_EXCEPTION in logcat_tail(logcat):  # crashed; the system reaped it, as Android does
        return None
    return signal.Signals(-status).name


def logcat_tail(logcat: Path) -> bytes:
    with contextlib.suppress(OSError), logcat.open("rb") as log:
        log.seek(max(0, logcat.stat().st_size - LOGCAT_TAIL_BYTES))
        return log.read()
    return b""
