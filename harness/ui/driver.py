"""Driving a screen through the `Device` protocol only, so the same code runs on the sim and on
real devices: dump and parse, wait for the screen to settle, tap a node.

Every wait is sized from the measured cost of a dump, not from constants: on a device a
`uiautomator dump` first waits 1 s for the screen to be idle and costs 1–2 s in all, so a 3 s
budget would allow only one or two looks; `budget()` always allows `min_dumps` of them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from harness.device.base import Device
from harness.ui.recognise import is_overlay
from harness.ui.signature import structure_hash
from harness.ui.tree import EMPTY_BOUNDS, Bounds, UiNode, UiParseError, UiScreen, parse_screen

PARSE_RETRIES = 2


@dataclass(frozen=True)
class SettleSettings:
    """A screen has settled when two dumps `interval_s` apart have the same structure. Every
    wait lasts at least `min_dumps` dumps at their measured cost."""

    interval_s: float = 0.1
    timeout_s: float = 3.0
    min_dumps: int = 3


DUMP_COST_WEIGHT = 0.3  # weight of the newest measurement in the running dump cost


class UiDriver:
    def __init__(self, device: Device, settings: SettleSettings | None = None) -> None:
        self.device = device
        self.settings = settings or SettleSettings()
        self._display = EMPTY_BOUNDS
        self.dump_cost_s = 0.0  # running average of what one dump took, once measured
        self.dumps = 0  # dumps made so far

    def budget(self, seconds: float) -> float:
        """`seconds`, or longer when that would not allow `min_dumps` dumps at their measured cost."""
        return max(seconds, self.settings.min_dumps * self.dump_cost_s)

    def _measured(self, started: float) -> None:
        cost = time.monotonic() - started
        self.dumps += 1
        self.dump_cost_s = (
            cost if self.dumps == 1 else (DUMP_COST_WEIGHT * cost + (1 - DUMP_COST_WEIGHT) * self.dump_cost_s)
        )

    @property
    def display(self) -> Bounds:
        """The largest window seen so far: the display, as far as dumps tell."""
        return self._display

    def dump(self) -> UiScreen:
        """The current screen; a dump that does not parse (the screen was changing) is retried."""
        for attempt in range(PARSE_RETRIES + 1):
            started = time.monotonic()
            xml = self.device.dump_ui()
            self._measured(started)
            try:
                screen = parse_screen(xml)
                break
            except UiParseError:
                if attempt == PARSE_RETRIES:
                    raise
                time.sleep(self.settings.interval_s)
        if screen.window_bounds.area > self._display.area:
            self._display = screen.window_bounds
        return screen

    def settle(self, timeout_s: float | None = None) -> UiScreen:
        """The screen once it stops changing, or as it is when the time runs out."""
        screen = self.dump()
        deadline = time.monotonic() + self.budget(self.settings.timeout_s if timeout_s is None else timeout_s)
        previous = structure_hash(screen)
        while time.monotonic() < deadline:
            time.sleep(self.settings.interval_s)
            screen = self.dump()
            current = structure_hash(screen)
            if current == previous:
                break
            previous = current
        return screen

    def wait_for(self, found: Callable[[UiScreen], bool], timeout_s: float) -> UiScreen | None:
        """Poll until `found(screen)`; the screen, or None when the time (at least `min_dumps`
        dumps) ran out."""
        deadline = time.monotonic() + self.budget(timeout_s)
        while True:
            screen = self.dump()
            if found(screen):
                return screen
            if time.monotonic() >= deadline:
                return None
            time.sleep(self.settings.interval_s)

    def tap(self, node: UiNode) -> tuple[int, int]:
        x, y = node.bounds.center
        self.device.tap(x, y)
        return x, y

    def is_overlay(self, screen: UiScreen) -> bool:
        return is_overlay(screen, self._display)
