"""permission_prompt_misleading on the sim: a weather app whose "开始" asks for the contacts and
which sends the user to its settings page after a refusal fails; the honest weather app that
explains the location, offers 暂不 and takes a refusal quietly passes. The account explorer
taps the app's controls the way a user would, and denies every permission dialog."""

from __future__ import annotations

import pytest

from harness.steps import StepAction
from tests.test_scenarios_plan import FIXTURE_APPS, PlanRun, run_plan

PLAN = ("account_cancellation",)
RULE = "permission_prompt_misleading"


@pytest.fixture(scope="module")
def trick(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(
        FIXTURE_APPS / "permission_trick", tmp_path_factory.mktemp("prompts"), PLAN, category="38"
    )


@pytest.fixture(scope="module")
def honest(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(
        FIXTURE_APPS / "permission_honest", tmp_path_factory.mktemp("prompts"), PLAN, category="38"
    )


def test_weather_purpose_contacts_request_and_unasked_settings_trip_fail(trick: PlanRun) -> None:
    verdict = trick.verdict(RULE)
    assert verdict["status"] == "fail"
    # the screen speaks of weather (a location purpose); "开始" asks for the contacts
    assert (
        "stated purpose is about location, but the tap on '开始' requested READ_CONTACTS"
        in verdict["summary"]
    )
    assert "opened its system settings page" in verdict["summary"]
    assert "without the user asking" in verdict["summary"]


def test_explained_refusable_request_passes(honest: PlanRun) -> None:
    assert [s["detail"]["choice"] for s in honest.steps(StepAction.PERMISSION_ANSWER)] == ["deny"]
    verdict = honest.verdict(RULE)
    assert verdict["status"] == "pass", verdict["summary"]
    assert verdict["summary"].startswith("1 permission request(s), 1 after a tap")
