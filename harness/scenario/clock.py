"""The app's clock as the harness set it: the sim's SystemClock can run at a multiple of wall
time while the harness only watches; a real device's runs at wall time."""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass
class AppClock:
    rate: float = 1.0
    _base_app: float = 0.0  # app seconds at the last rate change
    _base_wall: float = 0.0  # time.monotonic() at the last rate change

    def now(self) -> float:
        """Seconds of app time (wall time on a real device)."""
        return self._base_app + (time.monotonic() - self._base_wall) * self.rate

    def rated(self, rate: float, app_now: float) -> None:
        """The clock runs at `rate` from now on, having read `app_now` when the change was asked."""
        self.rate, self._base_app, self._base_wall = rate, app_now, time.monotonic()
