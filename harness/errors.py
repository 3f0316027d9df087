"""Exceptions the harness raises on purpose.

ProbeError                 the tool could not do its job; the CLI prints one line and exits 2
├── InputError             bad input: missing path, malformed manifest, unknown option value
├── CompileError           a sim app's Java sources do not compile (message: the first compiler error)
├── EnvironmentProblem     a required tool is missing (JDK, Node, frida, mitmdump, adb)
├── DeviceError            the device is unreachable, went away, or refused an operation
│   └── AppCrashed         the app's process died while starting (nothing could be tested)
└── InstrumentationError   Frida could not attach, load the agent, or the agent failed to start
"""

from __future__ import annotations


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
