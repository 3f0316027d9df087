"""Animations off while the harness drives a real device, and back as they were afterwards.

A moving screen keeps `uiautomator dump` from ever seeing it idle ("ERROR: could not get idle
state.") and makes two dumps of the same screen differ, so UI automation turns the three
animation scales off (developer.android.com/training/testing/espresso/setup#set-up-environment;
the settings are Settings.Global.WINDOW_ANIMATION_SCALE, TRANSITION_ANIMATION_SCALE and
ANIMATOR_DURATION_SCALE). What was set before is put back; a setting that was unset is deleted.
"""

from __future__ import annotations

from harness.device.transport import Adb
from harness.errors import DeviceError

SCALES = ("window_animation_scale", "transition_animation_scale", "animator_duration_scale")
UNSET = ("", "null")


class AnimationScales:
    def __init__(self, adb: Adb) -> None:
        self.adb = adb
        self.saved: dict[str, str] | None = None

    def disable(self) -> None:
        """Set every scale to 0 (once; the values found first are the ones restored)."""
        if self.saved is not None:
            return
        self.saved = {name: self.adb.run(["settings", "get", "global", name]).strip() for name in SCALES}
        for name in SCALES:
            self.adb.run(["settings", "put", "global", name, "0"])

    def restore(self) -> None:
        """Put the scales back as they were; idempotent. Raises DeviceError when the device refused."""
        saved, self.saved = self.saved, None
        if saved is None:
            return
        failed = []
        for name, value in saved.items():
            try:
                if value in UNSET:
                    self.adb.run(["settings", "delete", "global", name])
                else:
                    self.adb.run(["settings", "put", "global", name, value])
            except DeviceError as error:
                failed.append(f"{name}={value or 'unset'} ({error})")
        if failed:
            raise DeviceError(f"animation scales not restored: {'; '.join(failed)}")
