"""Finding the canary GPS fix in text by value, not by spelling.

A coordinate may be printed with any precision, so it is matched numerically: a decimal
number with at least two decimals, or an E6 integer (degrees x 10^6), within a configurable
tolerance of the canary latitude or longitude. A location counts as found only when both
the latitude and the longitude are found in the same text, in either order.

To keep the scan inside the multi-pattern engine, each axis yields *triggers*: the short
digit prefixes that every number within tolerance starts with ("31.22", "31.23", ... or
"3122" ... for E6). Only where a trigger hits is the full number read and checked.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

DEFAULT_TOLERANCE = 0.01  # degrees; a fix rounded to 2 decimals is off by at most 0.005
MAX_PREFIXES = 64

Axis = Literal["latitude", "longitude"]
Notation = Literal["decimal", "e6"]

_DECIMAL = re.compile(rb"\d+\.(\d+)")
_INTEGER = re.compile(rb"\d+")
_NUMBER_CHARS = frozenset(b"0123456789.")


@dataclass(frozen=True)
class CoordinateCanary:
    latitude: float
    longitude: float
    tolerance: float = DEFAULT_TOLERANCE

    def __post_init__(self) -> None:
        if not 0 < self.tolerance <= 1:
            raise ValueError(f"coordinate tolerance must be in (0, 1] degrees: {self.tolerance}")

    def target(self, axis: Axis) -> float:
        return self.latitude if axis == "latitude" else self.longitude


@dataclass(frozen=True)
class Trigger:
    pattern: bytes
    axis: Axis
    notation: Notation


@dataclass(frozen=True)
class CoordinateHit:
    axis: Axis
    notation: Notation
    start: int
    end: int
    value: float


def triggers(canary: CoordinateCanary) -> list[Trigger]:
    found: list[Trigger] = []
    for axis in ("latitude", "longitude"):
        low, high = _abs_range(canary.target(axis), canary.tolerance)
        for prefix in _decimal_prefixes(low, high):
            found.append(Trigger(prefix.encode(), axis, "decimal"))
        for prefix in _e6_prefixes(round(low * 1e6), round(high * 1e6)):
            found.append(Trigger(prefix.encode(), axis, "e6"))
    return found


def _abs_range(target: float, tolerance: float) -> tuple[float, float]:
    """The range of absolute values (signs are checked when reading) within tolerance."""
    if abs(target) <= tolerance:
        return 0.0, abs(target) + tolerance
    return abs(target) - tolerance, abs(target) + tolerance


def _decimal_prefixes(low: float, high: float) -> list[str]:
    cents = range(math.floor(low * 100), math.floor(high * 100) + 1)
    if len(cents) <= MAX_PREFIXES:
        return [f"{c // 100}.{c % 100:02d}" for c in cents]
    return [f"{d}." for d in range(math.floor(low), math.floor(high) + 1)]


def _e6_prefixes(low: int, high: int) -> list[str]:
    drop = 0
    while high // 10**drop - low // 10**drop + 1 > MAX_PREFIXES:
        drop += 1
    prefixes = range(max(low // 10**drop, 1), high // 10**drop + 1)
    return [str(p) for p in prefixes if len(str(p)) >= 3]


def read_at(data: bytes, start: int, trigger: Trigger, canary: CoordinateCanary) -> CoordinateHit | None:
    """The number that a trigger hit at `start` begins, if it is within tolerance."""
    if start > 0 and data[start - 1] in _NUMBER_CHARS:
        return None  # the trigger is inside a longer number
    negative = start > 0 and data[start - 1] == ord("-")
    if trigger.notation == "decimal":
        match = _DECIMAL.match(data, start)
        if match is None or len(match.group(1)) < 2:
            return None
        value = float(match.group(0))
    else:
        match = _INTEGER.match(data, start)
        if match is None or data[match.end() : match.end() + 1] == b".":
            return None
        value = int(match.group(0)) / 1e6
    if negative:
        value = -value
    if abs(value - canary.target(trigger.axis)) > canary.tolerance:
        return None
    return CoordinateHit(trigger.axis, trigger.notation, start - negative, match.end(), value)


def find_in(data: bytes, canary: CoordinateCanary) -> list[CoordinateHit]:
    """Every coordinate hit in a small text (event values); the matcher uses its own engine."""
    hits: list[CoordinateHit] = []
    for trigger in triggers(canary):
        start = data.find(trigger.pattern)
        while start != -1:
            hit = read_at(data, start, trigger, canary)
            if hit is not None:
                hits.append(hit)
            start = data.find(trigger.pattern, start + 1)
    return hits


def mentions_fix(data: bytes, canary: CoordinateCanary) -> bool:
    axes = {hit.axis for hit in find_in(data, canary)}
    return axes == {"latitude", "longitude"}
