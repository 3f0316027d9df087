"""beyond_necessary_scope and the 39-type necessary-PI table shipped as data."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from harness.detect.app_categories import find_category
from harness.records import DATA_TYPES
from tests.test_rules_windows import RunBuilder, verdict_of

RULE = "beyond_necessary_scope"
ANDROID_ID = "android.provider.Settings.Secure.getString"
GPS = "android.location.LocationManager.getLastKnownLocation"


def test_the_table_has_the_39_types_13_of_them_needing_nothing() -> None:
    table = json.loads(resources.files("harness.data").joinpath("necessary_pi.json").read_text("utf-8"))
    rows = table["categories"]
    assert [row["id"] for row in rows] == list(range(1, 40))
    assert sum(1 for row in rows if not row["necessary_pi"]) == 13
    assert [row["id"] for row in rows if "location" in row["data_types"]] == [1, 2, 22]
    for row in rows:
        assert set(row["data_types"]) <= set(DATA_TYPES)
        assert bool(row["data_types"]) == bool(row["necessary_pi"]), row["zh"]
    keys = [row["key"] for row in rows]
    assert len(set(keys)) == 39


@pytest.mark.parametrize(
    ("name", "type_id"),
    [
        ("38", 38),
        ("实用工具类", 38),
        ("实用工具", 38),
        ("weather", 38),
        ("utility_tools", 38),
        ("Map & navigation", 1),
        ("地图导航类", 1),
        ("News", 30),
        (" short video ", 29),
        ("即时通信", 3),
    ],
)
def test_categories_by_number_name_key_or_alias(name: str, type_id: int) -> None:
    category = find_category(name)
    assert category is not None and category.id == type_id


def test_unknown_categories_are_not_guessed() -> None:
    assert find_category("finance") is None
    assert find_category("40") is None


def test_device_ids_are_outside_every_category(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path, category="weather").launch(0, "permission_grant", fresh=True)
    run.event(1, ANDROID_ID, "device_id", sdk="com.umeng").event(2, ANDROID_ID, "device_id", sdk="com.umeng")
    verdict = verdict_of(run.view(), RULE)
    assert verdict["status"] == "fail"
    assert verdict["data_types"] == ["device_id"]
    assert verdict["summary"].startswith("实用工具类 (38. Utility tools) needs no personal information")
    assert "device_id via Secure.getString by com.umeng x2" in verdict["summary"]


def test_location_in_a_map_app_is_within_scope(tmp_path: Path) -> None:
    run = (
        RunBuilder(tmp_path, category="1").launch(0, "permission_grant", fresh=True).event(1, GPS, "location")
    )
    verdict = verdict_of(run.view(), RULE)
    assert verdict["status"] == "pass" and "collected: location" in verdict["summary"]


def test_reads_right_after_the_user_tapped_a_feature_do_not_count(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path, category="notes").launch(0, "account_cancellation", fresh=False)
    run.step(5, "account_cancellation", "tap", purpose="explore: Tag note with my city", feature=True)
    run.event(6, GPS, "location")
    assert verdict_of(run.view(), RULE)["status"] == "pass"
    run.event(20, GPS, "location")
    assert verdict_of(run.view(), RULE)["status"] == "fail"


def test_without_a_known_category_it_is_not_tested(tmp_path: Path) -> None:
    none = verdict_of(RunBuilder(tmp_path / "none").view(), RULE)
    assert none["status"] == "not_tested" and "--category" in none["summary"]
    odd = verdict_of(RunBuilder(tmp_path / "odd", category="spaceships").view(), RULE)
    assert odd["status"] == "not_tested" and "unknown category 'spaceships'" in odd["summary"]
