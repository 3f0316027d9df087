"""Consent scenarios on their bad apps: a pre-ticked, acknowledgement-only privacy dialog, and an
analytics SDK that collects and transmits before consent."""

from __future__ import annotations

import pytest

from harness.steps import StepAction
from tests.conftest import EXAMPLES
from tests.test_scenarios_plan import PlanRun, expect, run_plan

CONSENT_PLAN = ("first_launch", "consent_reject")
NOT_RUN = dict.fromkeys(
    (
        "exit_on_permission_denial",
        "background_collection",
        "popup_harassment",
        "ad_window_not_closable",
        "shake_redirect_too_sensitive",
        "account_cancellation_missing",
        "account_cancellation_obstructed",
        "store_listing_incomplete",
    ),
    "not_tested",
)
# no process of this plan is watched for a minute of app time: a rate rule cannot pass
NOT_RUN["high_frequency_collection"] = "inconclusive"


@pytest.fixture(scope="module")
def prechecked(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(
        EXAMPLES / "prechecked_consent",
        tmp_path_factory.mktemp("consent"),
        CONSENT_PLAN,
        category="新闻资讯类",
    )


@pytest.fixture(scope="module")
def leaky(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    plan = (*CONSENT_PLAN, "permission_grant")
    return run_plan(EXAMPLES / "leaky_sdk", tmp_path_factory.mktemp("consent"), plan, category="weather")


def test_pre_ticked_acknowledgement_only_dialog_is_not_explicit_consent(prechecked: PlanRun) -> None:
    assert prechecked.statuses == expect(
        consent_not_explicit="fail",
        exit_on_policy_refusal="inconclusive",  # no refuse control: BACK was all there was
        permission_prompt_misleading="not_tested",
        **NOT_RUN,
    )
    summary = prechecked.verdict("consent_not_explicit")["summary"]
    assert "the consent box '我已阅读并同意《隐私政策》' was ticked before the user touched it" in summary
    assert "the only affirmative control is the acknowledgement '我知道了'" in summary
    assert "there is no control to refuse" in summary


def test_refusing_is_attempted_with_back_when_no_refuse_control_exists(prechecked: PlanRun) -> None:
    assert [s["scenario"] for s in prechecked.steps(StepAction.REFUSE_NOT_OFFERED)] == ["consent_reject"]
    assert prechecked.steps(StepAction.BACK, "consent_reject")
    assert not prechecked.steps(StepAction.CONSENT)  # nothing was agreed to


def test_sdk_collecting_before_consent_fails_the_consent_rules_and_the_category_scope(leaky: PlanRun) -> None:
    assert leaky.statuses == expect(
        pi_access_before_consent="fail",
        pi_transmitted_before_consent="fail",
        pi_shared_with_third_party="fail",
        beyond_necessary_scope="fail",
        exit_on_policy_refusal="fail",  # 不同意 finishes the only activity
        **NOT_RUN,
    )
    scope = leaky.verdict("beyond_necessary_scope")
    # getConnectionInfo() on the way to the MAC is itself a Wi-Fi read (SSID/BSSID), as camille counts it
    assert scope["data_types"] == ["app_list", "clipboard", "device_id", "mac_address", "wifi"]
    assert scope["summary"].startswith("实用工具类 (38. Utility tools) needs no personal information")


def test_rejecting_consent_is_recorded_for_detection(leaky: PlanRun) -> None:
    rejects = leaky.steps(StepAction.CONSENT, "consent_reject")
    assert [s["detail"]["choice"] for s in rejects] == ["reject"]
    assert rejects[0]["detail"]["control"] == "不同意"
    assert leaky.findings["consent"]["ts"] == leaky.steps(StepAction.CONSENT, "permission_grant")[0]["ts"]


def test_closing_on_refusal_is_reported_apart_from_permission_denial(leaky: PlanRun) -> None:
    end = leaky.steps(StepAction.CONSENT_REFUSAL_END, "consent_reject")
    assert [s["detail"]["outcome"] for s in end] in (["app_closed"], ["app_exited"])
    assert leaky.verdict("exit_on_policy_refusal")["summary"].startswith(
        "after refusing the privacy policy (不同意)"
    )
