"""Which device a command talks to: explicit serial, else $ANDROID_SERIAL, else the only one."""

from __future__ import annotations

import os

from harness.device.transport import attached_devices
from harness.errors import DeviceError


def select_serial(explicit: str | None) -> str:
    if explicit:
        return explicit
    from_env = os.environ.get("ANDROID_SERIAL", "").strip()
    if from_env:
        return from_env
    devices = attached_devices()
    online = [serial for serial, state in devices if state == "device"]
    if len(online) == 1:
        return online[0]
    if not online:
        others = ", ".join(f"{serial} ({state})" for serial, state in devices)
        if others:
            raise DeviceError(f"no usable Android device: {others}; authorise or reconnect it, then retry")
        raise DeviceError(
            "no Android device attached: start an emulator or plug in a phone with USB "
            "debugging on (`adb devices` must list it), or use --device sim"
        )
    raise DeviceError(
        f"{len(online)} devices attached ({', '.join(online)}): pick one with --device SERIAL "
        "or ANDROID_SERIAL"
    )
