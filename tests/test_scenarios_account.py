"""account_cancellation on its bad apps: no cancellation anywhere, and a cancellation that ends
at "go to an offline service hall"."""

from __future__ import annotations

import pytest

from harness.steps import StepAction
from tests.conftest import EXAMPLES
from tests.test_scenarios_plan import PlanRun, expect, run_plan

PLAN = ("permission_grant", "account_cancellation")
NOT_RUN = dict.fromkeys(
    (
        "exit_on_permission_denial",
        "frequent_reprompt_after_refusal",
        "background_collection",
        "popup_harassment",
        "ad_window_not_closable",
        "shake_redirect_too_sensitive",
        "exit_on_policy_refusal",
        "store_listing_incomplete",
    ),
    "not_tested",
)
# no process of this plan is watched for a minute of app time: a rate rule cannot pass
NOT_RUN["high_frequency_collection"] = "inconclusive"


@pytest.fixture(scope="module")
def missing(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(EXAMPLES / "no_cancel", tmp_path_factory.mktemp("account"), PLAN, category="邮箱云盘类")


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(EXAMPLES / "hard_cancel", tmp_path_factory.mktemp("account"), PLAN, category="本地生活类")


def test_no_cancellation_anywhere_fails_after_a_complete_exploration(missing: PlanRun) -> None:
    assert missing.statuses == expect(
        account_cancellation_missing="fail", account_cancellation_obstructed="not_tested", **NOT_RUN
    )
    end = missing.steps(StepAction.EXPLORE_END)[0]["detail"]
    assert end["complete"] is True and end["found"] is False
    taps = [s["detail"]["label"] for s in missing.steps(StepAction.TAP, "account_cancellation")]
    assert "退出登录" not in taps  # never tapped: it would end the session
    paths = [s["detail"]["path"] for s in missing.steps(StepAction.EXPLORE_SCREEN)]
    assert ["我的", "设置"] in paths


def test_cancellation_only_offline_is_obstructed(offline: PlanRun) -> None:
    assert offline.statuses == expect(account_cancellation_obstructed="fail", **NOT_RUN)
    entry = offline.steps(StepAction.CANCELLATION_ENTRY)[0]["detail"]
    assert entry["path"] == ["我的", "设置", "账号与安全", "注销账号"] and entry["ops"] == 4
    assert "cancellation is offline only" in offline.verdict("account_cancellation_obstructed")["summary"]
