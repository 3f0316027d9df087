"""shake on its bad app and at the threshold edges: ordinary movements and a shake just below the
15 m/s² / 35° / 3 s thresholds must not open anything; a shake just above may."""

from __future__ import annotations

from typing import Any

import pytest

from harness.steps import StepAction
from tests.conftest import EXAMPLES
from tests.test_scenarios_plan import FIXTURE_APPS, PlanRun, expect, run_plan

PLAN = ("permission_grant", "shake")
NOT_RUN = dict.fromkeys(
    (
        "exit_on_permission_denial",
        "frequent_reprompt_after_refusal",
        "background_collection",
        "popup_harassment",
        "ad_window_not_closable",
        "account_cancellation_missing",
        "account_cancellation_obstructed",
        "exit_on_policy_refusal",
    ),
    "not_tested",
)
# no process of this plan is watched for a minute of app time: a rate rule cannot pass
NOT_RUN["high_frequency_collection"] = "inconclusive"
EDGES = {
    "shake_traces": [
        {"name": "just_below", "peak_ms2": 14.9, "rotation_deg": 40, "duration_s": 3.5},
        {"name": "just_above", "peak_ms2": 15.1, "rotation_deg": 40, "duration_s": 3.5},
    ]
}


def jumps(run: PlanRun) -> dict[str, Any]:
    return {s["detail"]["name"]: s["detail"]["redirected"] for s in run.steps(StepAction.SHAKE_TRACE)}


@pytest.fixture(scope="module")
def sensitive(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(EXAMPLES / "shake_ad", tmp_path_factory.mktemp("shake"), PLAN, category="网上购物类")


@pytest.fixture(scope="module")
def fair_edges(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(
        FIXTURE_APPS / "fair_shake", tmp_path_factory.mktemp("shake"), PLAN, category="38", options=EDGES
    )


@pytest.fixture(scope="module")
def sensitive_edges(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(
        EXAMPLES / "shake_ad", tmp_path_factory.mktemp("shake"), PLAN, category="38", options=EDGES
    )


def test_a_jolt_and_a_near_threshold_shake_open_the_store(sensitive: PlanRun) -> None:
    assert sensitive.statuses == expect(shake_redirect_too_sensitive="fail", **NOT_RUN)
    assert jumps(sensitive) == {
        "walking": False,
        "pick_up": False,
        "short_jolt": True,
        "shake_just_below": True,
        "shake_above": True,
    }
    trace = next(s for s in sensitive.steps(StepAction.SHAKE_TRACE) if s["detail"]["name"] == "short_jolt")
    assert trace["detail"]["after"]["package"] == "com.android.vending"
    assert trace["detail"]["samples"] == 50  # 0.4 s at 50 Hz and two 0.3 s rests


def test_the_standard_trigger_ignores_just_below_and_reacts_just_above(fair_edges: PlanRun) -> None:
    assert jumps(fair_edges) == {"just_below": False, "just_above": True}
    assert fair_edges.statuses == expect(consent_not_explicit="inconclusive", **NOT_RUN)  # it asks no consent
    assert "did react to a deliberate shake" in fair_edges.verdict("shake_redirect_too_sensitive")["summary"]


def test_the_sensitive_trigger_fails_just_below(sensitive_edges: PlanRun) -> None:
    assert jumps(sensitive_edges) == {"just_below": True, "just_above": True}
    verdict = sensitive_edges.verdict("shake_redirect_too_sensitive")
    assert verdict["status"] == "fail"
    assert "just_below (14.9 m/s² < 15)" in verdict["summary"]
