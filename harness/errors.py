"""Exceptions the harness raises on purpose.

ProbeError                 the tool could not do its job; the CLI prints one line and exits 2
                           (ExitCode.ERROR: every exit code is defined here)
├── InputError             bad input: missing path, malformed manifest, unknown option value
├── CompileError           a sim app's Java sources do not compile (message: the first compiler error)
├── EnvironmentProblem     a required tool is missing (JDK, Node, frida, mitmdump, adb)
├── DeviceError            the device is unreachable, went away, or refused an operation
│   └── AppCrashed         the app's process died while starting (nothing could be tested)
└── InstrumentationError   Frida could not attach, load the agent, or the agent failed to start
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The exit codes of every privacy-probe command, defined once."""

    OK = 0  # done, and no rule failed
    FINDINGS = 1  # done, and at least one rule failed
    ERROR = 2  # bad input, a broken tool or device, or a run not observed in full
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, the shell's convention)


class ProbeError(Exception):
    """Base class: anything that should end the CLI with exit code 2 and a one-line reason."""


class InputError(ProbeError):
    pass


class CompileError(ProbeError):
    pass


class EnvironmentProblem(ProbeError):
    pass


class DeviceError(ProbeError):
    pass


class AppCrashed(DeviceError):
    pass


class InstrumentationError(ProbeError):
    pass


def one_line(text: str, limit: int = 2000) -> str:
    """An error message as the one line a command prints: lines joined, long text cut."""
    line = " | ".join(part.strip() for part in text.splitlines() if part.strip())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def os_error_line(exc: OSError) -> str:
    """'PATH: No space left on device' from any OSError, shutil.Error's list of failures included."""
    import shutil

    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        first = exc.args[0][0]
        more = len(exc.args[0]) - 1
        return one_line(f"copying {first[0]} failed: {first[-1]}" + (f" (and {more} more)" if more else ""))
    names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
    reason = exc.strerror or str(exc) or type(exc).__name__
    return one_line(f"{' -> '.join(names)}: {reason}" if names else reason)
