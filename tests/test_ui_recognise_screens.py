"""The recognisers on screens nobody here drew from a running app: the hand-written fixtures of
tests/fixtures/consent_screens (one per real-world shape, sources in their headers) and the real
dumps of ../shared/real-world/ui (read in place, never copied)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.consent_precision import FIXTURES, judge
from benchmarks.real_world_ui import REAL_WORLD, run_checks

EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


def test_the_fixture_set_spans_enough_screens_and_app_styles() -> None:
    assert len(EXPECTED) >= 30
    assert len({e["style"] for e in EXPECTED.values()}) >= 10
    for name in EXPECTED:
        header = (FIXTURES / f"{name}.xml").read_text(encoding="utf-8").split("<hierarchy", 1)[0]
        assert "Style:" in header, f"{name} does not say where its shape comes from"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_screen_gets_the_right_control(name: str) -> None:
    verdict, found = judge((FIXTURES / f"{name}.xml").read_text(encoding="utf-8"), EXPECTED[name])
    assert verdict == "right", found


@pytest.mark.skipif(not (REAL_WORLD / "ui").is_dir(), reason=f"no real-world dumps at {REAL_WORLD}")
def test_every_real_world_dump_is_read_as_its_screen_shows() -> None:
    failed = [(name, why) for name, ok, why in run_checks(Path(REAL_WORLD)) if not ok]
    assert failed == []
