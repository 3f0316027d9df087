"""Times and sizes as a person reads them: a clock time, seconds after launch, KiB/MiB."""

from __future__ import annotations

import math
import time

_UNITS = ("KiB", "MiB", "GiB", "TiB")


def clock_time(ts: float) -> str:
    """Epoch seconds as the UTC wall-clock time of day, to the millisecond: '16:36:52.812 UTC'."""
    if not math.isfinite(ts):
        return "an unknown time"
    whole = time.gmtime(ts)
    millis = round((ts - math.floor(ts)) * 1000) % 1000
    return f"{time.strftime('%H:%M:%S', whole)}.{millis:03d} UTC"


def after(ts: float, origin: float | None, what: str = "launch") -> str:
    """'+12.3 s after launch' (or 'before' when ts precedes origin); '' without an origin."""
    if origin is None or not math.isfinite(ts) or not math.isfinite(origin):
        return ""
    delta = ts - origin
    if delta < 0:
        return f"{-delta:.1f} s before {what}"
    return f"+{delta:.1f} s after {what}"


def moment(ts: float, origin: float | None, what: str = "launch") -> str:
    """'16:36:52.812 UTC, +12.3 s after launch' — the clock time and, when known, the offset."""
    offset = after(ts, origin, what)
    return f"{clock_time(ts)}, {offset}" if offset else clock_time(ts)


def size(count: int | float) -> str:
    """A byte count as a person reads it: '512 bytes', '16 KiB', '1.5 MiB'."""
    amount = float(count)
    if amount < 1024:
        return f"{int(amount)} byte{'s' if int(amount) != 1 else ''}"
    for unit in _UNITS:
        amount /= 1024
        if amount < 1024 or unit == _UNITS[-1]:
            return (
                f"{amount:.0f} {unit}" if amount >= 100 or amount == int(amount) else f"{amount:.1f} {unit}"
            )
    raise AssertionError("unreachable")


def duration(seconds: float) -> str:
    """'48.2 s', '3 min 05 s', '1 h 02 min'."""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"
