"""The sim's screen when no app runs (the launcher), and how long a UI dump waits for the app's
screen to settle."""

from __future__ import annotations

import os
from pathlib import Path

from harness.errors import InputError

LAUNCHER_PACKAGE = "com.google.android.apps.nexuslauncher"
# A device's `uiautomator dump` first waits for 1 s without accessibility events
# (UiAutomation.waitForIdle(1000, 10000), frameworks/base/cmds/uiautomator/.../DumpCommand.java),
# so a dump costs 1-2 s there. The sim waits less by default (PRIVACY_PROBE_SIM_DUMP_IDLE_MS, or
# SimDevice.dump_idle_ms) because scenarios derive their waits from the measured dump cost.
SIM_DUMP_IDLE_ENV = "PRIVACY_PROBE_SIM_DUMP_IDLE_MS"
DEVICE_DUMP_IDLE_MS = 1000
SIM_DUMP_IDLE_MS = 100
SIM_DUMP_GLOBAL_MS = 10_000
NOT_IDLE = "ERROR: could not get idle state."
HOME_SCREEN = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">"
    '<node index="0" text="" resource-id="" class="android.widget.FrameLayout" '
    f'package="{LAUNCHER_PACKAGE}" content-desc="" checkable="false" checked="false" '
    'clickable="false" enabled="true" focusable="false" focused="false" scrollable="false" '
    'long-clickable="false" password="false" selected="false" bounds="[0,0][1080,2340]" />'
    "</hierarchy>"
)


def dump_idle_ms_setting() -> int:
    value = os.environ.get(SIM_DUMP_IDLE_ENV, "")
    if not value:
        return SIM_DUMP_IDLE_MS
    if not value.isdigit() or int(value) > SIM_DUMP_GLOBAL_MS:
        raise InputError(
            f"{SIM_DUMP_IDLE_ENV} must be a whole number of milliseconds up to {SIM_DUMP_GLOBAL_MS}"
        )
    return int(value)


def write_blank_png(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (1080, 2340), (24, 24, 24)).save(path, format="PNG")
