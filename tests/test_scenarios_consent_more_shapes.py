"""More consent shapes on the sim, each refused and then accepted by the plan: a Chinese
full-screen splash page with clickable TextViews, an agreement-checkbox form with no refuse
control, an English OneTrust-style cookie banner at the bottom of the activity, and a
Traditional Chinese dialog whose controls are clickable LinearLayouts wrapping TextViews."""

from __future__ import annotations

import pytest

from harness.steps import StepAction
from tests.test_scenarios_plan import FIXTURE_APPS, PlanRun, run_plan

PLAN = ("consent_reject", "permission_grant")


def _run(app: str, tmp_path_factory: pytest.TempPathFactory, category: str) -> PlanRun:
    return run_plan(FIXTURE_APPS / app, tmp_path_factory.mktemp("more_shapes"), PLAN, category=category)


@pytest.fixture(scope="module")
def splash(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return _run("consent_splash_zh", tmp_path_factory, "新闻资讯类")


@pytest.fixture(scope="module")
def checkbox(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return _run("consent_checkbox_zh", tmp_path_factory, "休闲娱乐类")


@pytest.fixture(scope="module")
def onetrust(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return _run("consent_onetrust_en", tmp_path_factory, "实用工具类")


@pytest.fixture(scope="module")
def traditional(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return _run("consent_traditional_zh", tmp_path_factory, "实用工具类")


def _choices(run: PlanRun, scenario: str) -> list[tuple[str, str]]:
    return [(s["detail"]["choice"], s["detail"]["control"]) for s in run.steps(StepAction.CONSENT, scenario)]


def _reason_words(run: PlanRun, scenario: str) -> list[str]:
    return [s["detail"]["reason"]["words"] for s in run.steps(StepAction.CONSENT, scenario)]


def _ends(run: PlanRun) -> list[str]:
    return [s["detail"]["outcome"] for s in run.steps(StepAction.CONSENT_REFUSAL_END)]


def test_the_full_screen_splash_page(splash: PlanRun) -> None:
    assert _choices(splash, "consent_reject") == [("reject", "不同意")]
    assert _reason_words(splash, "consent_reject") == ["不同意"]
    assert _ends(splash) == ["app_closed"]
    assert _choices(splash, "permission_grant") == [("accept", "同意并进入")]
    assert _reason_words(splash, "permission_grant") == ["同意"]
    assert not splash.steps(StepAction.CONSENT_AMBIGUOUS)


def test_the_checkbox_form_is_ticked_before_entering_and_has_no_refusal(checkbox: PlanRun) -> None:
    assert not checkbox.steps(StepAction.CONSENT, "consent_reject")
    assert len(checkbox.steps(StepAction.REFUSE_NOT_OFFERED, "consent_reject")) == 1
    assert not checkbox.steps(StepAction.CONSENT_REFUSAL_END)
    taps = [s["detail"]["purpose"] for s in checkbox.steps(StepAction.TAP, "permission_grant")]
    assert taps[:2] == ["tick the consent checkbox", "accept the privacy policy"]
    accepts = checkbox.steps(StepAction.CONSENT, "permission_grant")
    assert [(s["detail"]["control"], s["detail"]["form"]) for s in accepts] == [("进入", "checkbox_form")]
    assert accepts[0]["detail"]["reason"]["words"] == "进入"
    assert not checkbox.steps(StepAction.CONSENT_DIALOG_PERSISTS)


def test_the_cookie_banner_at_the_bottom(onetrust: PlanRun) -> None:
    assert _choices(onetrust, "consent_reject") == [("reject", "Reject All")]
    assert _reason_words(onetrust, "consent_reject") == ["reject"]
    assert _ends(onetrust) == ["usable"]
    assert _choices(onetrust, "permission_grant") == [("accept", "Accept All Cookies")]
    assert _reason_words(onetrust, "permission_grant") == ["accept"]
    assert not onetrust.steps(StepAction.CONSENT_AMBIGUOUS)


def test_the_traditional_chinese_dialog_with_wrapped_controls(traditional: PlanRun) -> None:
    assert _choices(traditional, "consent_reject") == [("reject", "不同意")]
    assert _reason_words(traditional, "consent_reject") == ["不同意"]
    assert _ends(traditional) == ["usable"]
    accepts = traditional.steps(StepAction.CONSENT, "permission_grant")
    assert [(s["detail"]["choice"], s["detail"]["control"]) for s in accepts] == [("accept", "同意並繼續")]
    assert accepts[0]["detail"]["reason"]["words"] == "同意"
    assert not traditional.steps(StepAction.CONSENT_AMBIGUOUS)
