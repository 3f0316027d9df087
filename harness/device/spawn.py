"""Frida on an adb device: reaching it, spawning an app suspended, and gating the app's other
processes so that each is instrumented before it runs."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from harness.device.base import ProcessHook, no_launcher_message
from harness.errors import DeviceError, InstrumentationError, ProbeError

# frida-server's system_server helper spawns an app through its launch intent and says this when
# the package has none; "Unable to find application with identifier" when it is not installed.
FRONT_DOOR_MISSING = "front-door activity"
# With the USAP pool on, Frida's spawns may time out (a pre-forked app process is used instead)
USAP_PROP = "persist.device_config.runtime_native.usap_pool_enabled"


def spawn_refusal(package: str, serial: str, error: str) -> str:
    if FRONT_DOOR_MISSING in error:
        return no_launcher_message(package)
    return f"{package} is not installed on {serial}"


def frida_usb_device(serial: str) -> Any:
    import frida

    try:
        return frida.get_device(serial, timeout=5)
    except (frida.InvalidArgumentError, frida.TimedOutError, frida.TransportError) as error:
        raise InstrumentationError(
            f"Frida cannot reach {serial} ({error}); check frida-server with "
            f"`privacy-probe doctor --device {serial}`"
        ) from None


def spawn_suspended(device: Any, package: str, serial: str) -> int:
    """Spawn package through Frida, held before its code runs; the pid."""
    import frida

    for attempt in (1, 2):
        try:
            return int(device.spawn(package))
        except frida.TimedOutError as error:
            if attempt == 2:
                raise InstrumentationError(
                    f"Frida timed out spawning {package} twice ({error}); try disabling the "
                    f"USAP pool: `adb shell setprop {USAP_PROP} false` and reboot"
                ) from None
        except frida.ExecutableNotFoundError as error:
            raise DeviceError(spawn_refusal(package, serial, str(error))) from None
        except frida.NotSupportedError as error:
            if FRONT_DOOR_MISSING in str(error):
                raise DeviceError(no_launcher_message(package)) from None
            raise InstrumentationError(f"Frida cannot spawn {package}: {error}") from None
    raise AssertionError("unreachable")


class SpawnGate:
    """With Frida's spawn gating every new app process on the device is held at its start: the
    app's own other processes (`package:name`, from android:process) get the hook (the agent
    loads) before they are resumed; every other process is resumed at once."""

    def __init__(self, notes: list[str]) -> None:
        self._notes = notes  # the device's coverage notes: what was not instrumented, and why
        self._gating: tuple[Any, Callable[[Any], None]] | None = None

    def start(self, device: Any, package: str, current_hook: Callable[[], ProcessHook | None]) -> None:
        """current_hook: the device's process hook at the time a process starts."""
        self.stop()

        def on_spawn(spawn: Any) -> None:  # on Frida's thread: never block it
            admit = threading.Thread(
                target=self._admit, args=(device, package, current_hook, spawn), daemon=True
            )
            admit.start()

        device.on("spawn-added", on_spawn)
        try:
            device.enable_spawn_gating()
        except Exception as error:  # frida's own error types; the app's main process still runs
            device.off("spawn-added", on_spawn)
            self._notes.append(
                f"the app's other processes are not instrumented: spawn gating failed ({error})"
            )
            return
        self._gating = (device, on_spawn)

    def _admit(
        self, device: Any, package: str, current_hook: Callable[[], ProcessHook | None], spawn: Any
    ) -> None:
        pid, name = int(spawn.pid), str(spawn.identifier)
        try:
            hook = current_hook()
            if name.startswith(f"{package}:") and hook is not None:
                hook(pid, name)
        except ProbeError as error:
            self._notes.append(f"process {name} (pid {pid}) was not instrumented: {error}")
        finally:
            with contextlib.suppress(Exception):  # it may have died meanwhile
                device.resume(pid)

    def stop(self) -> None:
        if self._gating is None:
            return
        device, on_spawn = self._gating
        self._gating = None
        with contextlib.suppress(Exception):  # the device may be gone; nothing else to undo then
            device.disable_spawn_gating()
            device.off("spawn-added", on_spawn)
            for spawn in device.enumerate_pending_spawn():
                device.resume(spawn.pid)
