"""The screen of an adb device: reading it (uiautomator dump, screencap) and acting on it (input)."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from harness.device.parse_ui import parse_uiautomator_dump, validate_ui_xml
from harness.device.transport import Adb
from harness.errors import DeviceError

UI_DUMP_PATH = "/data/local/tmp/privacy-probe-ui.xml"
SCREENSHOT_PATH = "/data/local/tmp/privacy-probe-screen.png"
UI_DUMP_ATTEMPTS = 4
RETRY_DELAY = 0.5  # seconds; grows with each attempt
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
KEYCODE_HOME = "3"
KEYCODE_BACK = "4"


def dump_ui(adb: Adb) -> str:
    """uiautomator XML of the screen, retried: `uiautomator dump` fails transiently while
    the screen animates. Never run it while a uiautomator2 server is running."""
    last = ""
    for attempt in range(UI_DUMP_ATTEMPTS):
        output = adb.result(["uiautomator", "dump", UI_DUMP_PATH], 45).output
        outcome = parse_uiautomator_dump(output)
        if outcome.ok:
            try:
                return validate_ui_xml(adb.run(["cat", UI_DUMP_PATH]))
            except DeviceError as error:
                last = str(error)
        elif not outcome.retryable:
            raise DeviceError(f"uiautomator dump failed: {outcome.message}")
        else:
            last = outcome.message
        time.sleep(RETRY_DELAY * (attempt + 1))
    raise DeviceError(f"uiautomator dump failed {UI_DUMP_ATTEMPTS} times: {last}")


def screenshot(adb: Adb, path: Path) -> None:
    adb.run(["screencap", "-p", SCREENSHOT_PATH])
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        adb.pull(SCREENSHOT_PATH, path)
    finally:
        with contextlib.suppress(DeviceError):
            adb.result(["rm", "-f", SCREENSHOT_PATH])
    with path.open("rb") as handle:
        if handle.read(len(PNG_MAGIC)) != PNG_MAGIC:
            raise DeviceError(f"screencap on {adb.serial} did not produce a PNG")


def tap(adb: Adb, x: int, y: int) -> None:
    adb.run(["input", "tap", str(x), str(y)])


def press_back(adb: Adb) -> None:
    adb.run(["input", "keyevent", KEYCODE_BACK])


def press_home(adb: Adb) -> None:
    adb.run(["input", "keyevent", KEYCODE_HOME])


def input_text(adb: Adb, text: str) -> None:
    if not text.isascii() or not text.isprintable():
        raise DeviceError("`input text` can only type printable ASCII; set non-ASCII text another way")
    adb.run(["input", "text", text.replace(" ", "%s")])
