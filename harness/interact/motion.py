"""Accelerometer traces for the shake scenario, as TYPE_ACCELEROMETER reports them (m/s², device
frame, gravity included).

A trace shakes the device along its y axis (linear acceleration `peak_ms2 * sin(2πft)`) while
tilting it around the y axis by up to `rotation_deg`; gravity then stays in the x-z plane, so
an app can separate the two cleanly: the linear part is sqrt(|a|² − g²) and the tilt is
atan2(x, z). Samples are taken so that the peak itself is sampled when the rate is a multiple
of 4f. Each trace starts with a short rest at the gravity vector, which lets an app's filters
settle between traces.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

GRAVITY = 9.80665
SENSOR_TYPE_ACCELEROMETER = 1
REST_S = 0.3


@dataclass(frozen=True)
class ShakeTrace:
    name: str
    peak_ms2: float  # peak linear acceleration, gravity removed
    rotation_deg: float  # peak tilt
    duration_s: float
    frequency_hz: float = 2.5
    rate_hz: float = 50.0

    def samples(self) -> list[tuple[float, float, float]]:
        rest = [(0.0, 0.0, GRAVITY)] * round(REST_S * self.rate_hz)
        count = max(1, round(self.duration_s * self.rate_hz))
        shaking = []
        for index in range(count):
            t = index / self.rate_hz
            linear = self.peak_ms2 * math.sin(2 * math.pi * self.frequency_hz * t)
            tilt = math.radians(self.rotation_deg) * math.sin(math.pi * t / self.duration_s)
            shaking.append((GRAVITY * math.sin(tilt), linear, GRAVITY * math.cos(tilt)))
        return [*rest, *shaking, *rest]

    def describe(self) -> dict[str, Any]:
        return asdict(self)


# Ordinary handling, each below at least one of the 15 m/s² / 35° / 3 s thresholds.
ORDINARY = (
    ShakeTrace("walking", peak_ms2=2.5, rotation_deg=8.0, duration_s=3.0, frequency_hz=2.0),
    ShakeTrace("pick_up", peak_ms2=4.0, rotation_deg=60.0, duration_s=1.2, frequency_hz=1.25),
    ShakeTrace("short_jolt", peak_ms2=25.0, rotation_deg=5.0, duration_s=0.4, frequency_hz=6.25),
    ShakeTrace("shake_just_below", peak_ms2=14.0, rotation_deg=40.0, duration_s=3.2),
)
# A deliberate shake above every threshold: tells whether the app reacts to shaking at all.
DELIBERATE = ShakeTrace("shake_above", peak_ms2=16.0, rotation_deg=40.0, duration_s=3.2)
DEFAULT_TRACES = (*ORDINARY, DELIBERATE)


def trace_from(raw: dict[str, Any]) -> ShakeTrace:
    """A trace given as options (e.g. from a test): name, peak_ms2, rotation_deg, duration_s."""
    return ShakeTrace(
        name=str(raw["name"]),
        peak_ms2=float(raw["peak_ms2"]),
        rotation_deg=float(raw["rotation_deg"]),
        duration_s=float(raw["duration_s"]),
        frequency_hz=float(raw.get("frequency_hz", 2.5)),
        rate_hz=float(raw.get("rate_hz", 50.0)),
    )
