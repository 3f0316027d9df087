"""argparse value types that refuse what would otherwise fail later or poison a record file."""

from __future__ import annotations

import argparse
import math


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):  # NaN or infinity would reach manifest.json as invalid JSON
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number of seconds")
    return value


def seconds(text: str) -> float:
    """A finite number of seconds >= 0 (a dwell time)."""
    value = _number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} must be >= 0 seconds")
    return value


def positive_seconds(text: str) -> float:
    """A finite number of seconds > 0 (a time budget)."""
    value = _number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} must be > 0 seconds")
    return value


def non_empty(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return text
