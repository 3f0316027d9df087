"""permission_denial on its bad apps: a flashlight that closes itself without the phone
permission, and a map that asks again and again."""

from __future__ import annotations

import pytest

from harness.steps import StepAction
from tests.conftest import EXAMPLES
from tests.test_scenarios_plan import PlanRun, expect, run_plan

PLAN = ("permission_denial",)
NOT_RUN = dict.fromkeys(
    (
        "background_collection",
        "popup_harassment",
        "ad_window_not_closable",
        "shake_redirect_too_sensitive",
        "account_cancellation_missing",
        "account_cancellation_obstructed",
        "exit_on_policy_refusal",
    ),
    "not_tested",
)
# permission_denial alone watches no process for a minute of app time: a rate rule cannot pass
NOT_RUN["high_frequency_collection"] = "inconclusive"


@pytest.fixture(scope="module")
def gate(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(
        EXAMPLES / "permission_gate", tmp_path_factory.mktemp("perm"), PLAN, category="实用工具类"
    )


@pytest.fixture(scope="module")
def nag(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(EXAMPLES / "permission_nag", tmp_path_factory.mktemp("perm"), PLAN, category="地图导航类")


def test_closing_on_denial_fails_and_so_does_asking_again_on_relaunch(gate: PlanRun) -> None:
    assert gate.statuses == expect(
        exit_on_permission_denial="fail", frequent_reprompt_after_refusal="fail", **NOT_RUN
    )
    assert (
        "the app left the screen to com.google.android.apps.nexuslauncher"
        in gate.verdict("exit_on_permission_denial")["summary"]
    )
    assert "asked again on relaunch" in gate.verdict("frequent_reprompt_after_refusal")["summary"]
    denied = [s["detail"]["message"] for s in gate.steps(StepAction.PERMISSION_ANSWER)]
    assert denied == ["Allow 手电筒Pro to access your phone calls and phone state?"] * 2


def test_asking_again_after_refusal_fails_but_the_app_stays_usable(nag: PlanRun) -> None:
    assert nag.statuses == expect(frequent_reprompt_after_refusal="fail", **NOT_RUN)
    summary = nag.verdict("frequent_reprompt_after_refusal")["summary"]
    assert "asked again in the same launch" in summary
    # denied twice, the permission is user-fixed (Android 11+): on relaunch no dialog shows, but
    # the app's requestPermissions call is still the re-prompt
    assert "requested ACCESS_FINE_LOCATION again on relaunch" in summary
    answers = [
        (s["detail"]["choice"], s["detail"]["button"]) for s in nag.steps(StepAction.PERMISSION_ANSWER)
    ]
    assert answers == [
        ("deny", "permission_deny_button"),
        ("deny", "permission_deny_and_dont_ask_again_button"),
    ]
    checks = [(s["detail"]["session"], s["detail"]["reachable"]) for s in nag.steps(StepAction.MAIN_UI)]
    assert checks == [("first launch", True), ("relaunch", True)]
