"""Numeric coordinate matching."""

from __future__ import annotations

import pytest

from harness.detect.match.coords import CoordinateCanary, find_in, mentions_fix, triggers

SHANGHAI = CoordinateCanary(31.230416, 121.473701)
SYDNEY = CoordinateCanary(-33.868820, 151.209296)


@pytest.mark.parametrize(
    "text",
    [
        b"31.23,121.47",
        b'{"lng":121.473701,"lat":31.230416}',
        b"loc=121.4737|31.2304",
        b"la=31230416&lo=121473701",
        b"Location[gps 31.230416,121.473701 acc=5]",
    ],
)
def test_the_fix_is_found_at_any_precision_and_order(text: bytes) -> None:
    assert mentions_fix(text, SHANGHAI)


@pytest.mark.parametrize(
    "text",
    [
        b"31.73,121.97",  # 0.5 degrees away
        b"31.2,121.5",  # one decimal only
        b"31.23,100.00",  # latitude alone
        b"131.23,1121.47",  # inside longer numbers
        b"v1.31.23-121.47.0",  # version-like: preceded by a dot
        b"la=31730416&lo=121973701",  # E6, 0.5 degrees away
    ],
)
def test_near_misses_are_not_the_fix(text: bytes) -> None:
    assert not mentions_fix(text, SHANGHAI)


def test_signs_are_checked() -> None:
    assert mentions_fix(b"-33.87,151.21", SYDNEY)
    assert not mentions_fix(b"33.87,151.21", SYDNEY)
    assert mentions_fix(b"lat=-33868820&lng=151209296", SYDNEY)


def test_tolerance_is_configurable() -> None:
    strict = CoordinateCanary(31.230416, 121.473701, tolerance=0.001)
    assert not mentions_fix(b"31.23,121.47", strict)
    assert mentions_fix(b"31.2304,121.4737", strict)
    loose = CoordinateCanary(31.230416, 121.473701, tolerance=0.5)
    assert mentions_fix(b"31.60,121.80", loose)
    with pytest.raises(ValueError):
        CoordinateCanary(31.2, 121.4, tolerance=0)


def test_hits_report_axis_notation_and_value() -> None:
    hits = {
        (h.axis, h.notation, round(h.value, 4))
        for h in find_in(b"x=-31.2304", CoordinateCanary(-31.230416, 1.0))
    }
    assert hits == {("latitude", "decimal", -31.2304)}


def test_triggers_stay_few_and_specific() -> None:
    found = triggers(SHANGHAI)
    assert len(found) <= 4 * 64
    assert all(len(t.pattern) >= 3 for t in found)
    assert b"31.23" in {t.pattern for t in found}
