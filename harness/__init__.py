"""privacy-probe: dynamic runtime privacy-behaviour tester for Android apps.

The library API (harness.api), loaded on first use: mitmdump's addon and the sim's helper
processes import harness modules, so importing `harness` itself must stay cheap.

    from harness import RunOptions, open_device, probe_app, render_run
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# exported name → the module that defines it
_EXPORTS = {
    "probe_app": "harness.api",
    "record_run": "harness.api",
    "analyze_run": "harness.api",
    "exit_code_for": "harness.api",
    "render_run": "harness.api",
    "open_device": "harness.api",
    "run_folder_name": "harness.api",
    "RunOptions": "harness.api",
    "ProbeResult": "harness.api",
    "RunConfig": "harness.session",
    "RunResult": "harness.session",
    "Device": "harness.device.base",
    "DeviceProfile": "harness.profile",
    "ExitCode": "harness.errors",
    "ProbeError": "harness.errors",
    "InputError": "harness.errors",
}

__all__ = [
    "Device",
    "DeviceProfile",
    "ExitCode",
    "InputError",
    "ProbeError",
    "ProbeResult",
    "RunConfig",
    "RunOptions",
    "RunResult",
    "__version__",
    "analyze_run",
    "exit_code_for",
    "open_device",
    "probe_app",
    "record_run",
    "render_run",
    "run_folder_name",
]

if TYPE_CHECKING:
    from harness.api import (
        ProbeResult,
        RunOptions,
        analyze_run,
        exit_code_for,
        open_device,
        probe_app,
        record_run,
        render_run,
        run_folder_name,
    )
    from harness.device.base import Device
    from harness.errors import ExitCode, InputError, ProbeError
    from harness.profile import DeviceProfile
    from harness.session import RunConfig, RunResult


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'harness' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
