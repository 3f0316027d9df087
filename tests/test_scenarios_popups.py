"""popup_watch on its bad apps: promotions that keep popping up, and a splash ad that cannot be
closed until its countdown ends."""

from __future__ import annotations

import pytest

from harness.steps import StepAction
from tests.conftest import EXAMPLES
from tests.test_scenarios_plan import PlanRun, expect, run_plan

PLAN = ("permission_grant", "popup_watch")
NOT_RUN = dict.fromkeys(
    (
        "exit_on_permission_denial",
        "frequent_reprompt_after_refusal",
        "background_collection",
        "shake_redirect_too_sensitive",
        "account_cancellation_missing",
        "account_cancellation_obstructed",
        "exit_on_policy_refusal",
    ),
    "not_tested",
)


@pytest.fixture(scope="module")
def spam(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(EXAMPLES / "popup_spam", tmp_path_factory.mktemp("popup"), PLAN, category="网上购物类")


@pytest.fixture(scope="module")
def splash(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(EXAMPLES / "splash_ad", tmp_path_factory.mktemp("popup"), PLAN, category="短视频类")


def test_promotions_coming_back_after_closing_are_harassment(spam: PlanRun) -> None:
    assert spam.statuses == expect(popup_harassment="fail", **NOT_RUN)
    popups = spam.steps(StepAction.POPUP)
    assert len(popups) >= 2
    # promotions pile up while the screen is not looked at (a dump every 1-2 s on a device), so
    # one that is closed may uncover the next: BACK then closes that one
    assert "close control" in {p["detail"]["closed_by"] for p in popups}
    assert popups[-1]["detail"]["reappeared"] is True
    summary = spam.verdict("popup_harassment")["summary"]
    assert "came back after being closed" in summary
    # all five promotions are counted from the app's own Dialog.show calls, in app time
    assert "5 unsolicited pop-ups within a minute of app time" in summary


def test_a_splash_ad_without_close_control_that_ignores_back_is_not_closable(splash: PlanRun) -> None:
    assert splash.statuses == expect(ad_window_not_closable="fail", **NOT_RUN)
    popups = splash.steps(StepAction.POPUP)
    assert [(p["detail"]["close_control"], p["detail"]["closed_by"]) for p in popups] == [(None, None)]
    assert splash.steps(StepAction.BACK, "popup_watch")
    evidence = splash.verdict("ad_window_not_closable")["evidence"]
    assert any(e["kind"] == "event" and e["api"] == "android.app.Dialog.show" for e in evidence)
