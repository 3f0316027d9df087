"""background and hook timing on their bad apps: a city guide that reads location after the
user left, and a weather app that re-reads the device ID every 2 s."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES
from tests.test_scenarios_plan import PlanRun, expect, run_plan

PLAN = ("permission_grant", "background")
NOT_RUN = dict.fromkeys(
    (
        "exit_on_permission_denial",
        "frequent_reprompt_after_refusal",
        "popup_harassment",
        "ad_window_not_closable",
        "shake_redirect_too_sensitive",
        "account_cancellation_missing",
        "account_cancellation_obstructed",
        "exit_on_policy_refusal",
    ),
    "not_tested",
)


@pytest.fixture(scope="module")
def tracker(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(
        EXAMPLES / "background_tracker", tmp_path_factory.mktemp("bg"), PLAN, category="地图导航类"
    )


@pytest.fixture(scope="module")
def poller(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    options = {"grant_dwell": 6.5}  # three reads 2 s apart, with room for a slow machine
    return run_plan(
        EXAMPLES / "imei_poller", tmp_path_factory.mktemp("bg"), PLAN, category="天气", options=options
    )


def test_location_read_after_home_is_background_collection(tracker: PlanRun) -> None:
    assert tracker.statuses == expect(background_collection="fail", **NOT_RUN)
    verdict = tracker.verdict("background_collection")
    assert verdict["data_types"] == ["location"]
    assert "LocationManager.getLastKnownLocation by app code x1" in verdict["summary"]
    assert tracker.verdict("beyond_necessary_scope")["summary"].endswith("all within that scope")


def test_device_id_read_every_two_seconds_is_high_frequency(poller: PlanRun) -> None:
    assert poller.statuses == expect(
        high_frequency_collection="fail", beyond_necessary_scope="fail", **NOT_RUN
    )
    summary = poller.verdict("high_frequency_collection")["summary"]
    assert summary.startswith("device_id via Secure.getString by app code:")
    assert poller.verdict("background_collection")["status"] == "pass"  # it stops reading on pause
