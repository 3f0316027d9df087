"""Timing helper shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(rounds: int, action: Callable[[], object]) -> float:
    """The fastest of `rounds` runs of action, in seconds (the least disturbed by the machine)."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)
