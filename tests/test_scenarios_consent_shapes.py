"""Refusal all the way on the sim, on apps drawn the way real apps draw consent: a custom
dialog with a WebView policy and clickable TextViews whose 不同意 opens a second ask offering
仅浏览 (basic mode); an English terms dialog whose clickable paragraph quotes the button and
whose second ask quits the app. Each path ends where the app's code says it does."""

from __future__ import annotations

import pytest

from harness.steps import StepAction
from tests.test_scenarios_plan import FIXTURE_APPS, PlanRun, run_plan

PLAN = ("first_launch", "consent_reject")


@pytest.fixture(scope="module")
def basic_mode(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(
        FIXTURE_APPS / "consent_basic_mode", tmp_path_factory.mktemp("shapes"), PLAN, category="新闻资讯类"
    )


@pytest.fixture(scope="module")
def quits(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(
        FIXTURE_APPS / "consent_quit_en", tmp_path_factory.mktemp("shapes"), PLAN, category="实用工具类"
    )


def test_second_ask_is_followed_into_basic_mode_and_the_banner_is_not_the_dialog(basic_mode: PlanRun) -> None:
    refusals = basic_mode.steps(StepAction.CONSENT, "consent_reject")
    assert [(s["detail"]["control"], s["detail"]["via"]) for s in refusals] == [
        ("不同意", "refuse"),
        ("仅浏览", "basic_mode"),
    ]
    assert refusals[1]["detail"]["second_ask"] is True
    assert refusals[0]["detail"]["reason"]["words"] == "不同意"
    end = basic_mode.steps(StepAction.CONSENT_REFUSAL_END, "consent_reject")
    assert [s["detail"]["outcome"] for s in end] == ["basic_mode"]
    assert not basic_mode.steps(StepAction.CONSENT_STILL_ASKED)
    verdict = basic_mode.verdict("exit_on_policy_refusal")
    assert verdict["status"] == "pass" and "basic mode" in verdict["summary"]


def test_the_webview_policy_is_read_from_its_accessibility_nodes(basic_mode: PlanRun) -> None:
    first = basic_mode.steps(StepAction.SCREEN, "first_launch")[0]
    xml = (basic_mode.result.run_dir / first["detail"]["ui"]).read_text(encoding="utf-8")
    assert 'class="android.webkit.WebView"' in xml
    assert 'text="《隐私政策》" resource-id="" class="android.view.View"' in xml
    verdict = basic_mode.verdict("consent_not_explicit")
    assert verdict["status"] == "pass"
    assert "refuse '不同意'" in verdict["summary"]


def test_quitting_on_refusal_is_its_own_finding(quits: PlanRun) -> None:
    refusals = quits.steps(StepAction.CONSENT, "consent_reject")
    assert [s["detail"]["control"] for s in refusals] == ["Disagree", "Disagree and Quit"]
    assert [s["detail"]["outcome"] for s in quits.steps(StepAction.CONSENT_REFUSAL_END)] == ["app_exited"]
    verdict = quits.verdict("exit_on_policy_refusal")
    assert verdict["status"] == "fail"
    assert verdict["summary"] == (
        "after refusing the privacy policy (Disagree → Disagree and Quit) the app's process ended"
    )
    assert quits.verdict("exit_on_permission_denial")["status"] == "not_tested"
