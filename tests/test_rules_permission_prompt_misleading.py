"""permission_prompt_misleading on recorded runs: a pre-permission screen with no way to refuse,
an unasked trip to the settings page after a denial, a stated purpose that does not match the
request, a request disguised as a generic control — and the honest screens that must pass."""

from __future__ import annotations

from pathlib import Path

from tests.test_rules_windows import RunBuilder, verdict_of
from tests.test_ui_recognise import button, dialog

RULE = "permission_prompt_misleading"
REQUEST = "android.app.Activity.requestPermissions"
START = "android.app.Activity.startActivity"
LOCATION = "android.permission.ACCESS_FINE_LOCATION"
CONTACTS = "android.permission.READ_CONTACTS"


def tapped_then_requested(tmp_path: Path, xml: str, label: str, permission: str) -> RunBuilder:
    run = RunBuilder(tmp_path)
    run.launch(0, "permission_grant", fresh=False)
    ref = run.screen(1, "permission_grant", xml)
    run.step(2, "permission_grant", "tap", label=label, screen=ref, purpose="explore")
    run.event(2.3, REQUEST, None, kind="permission_request", args=(permission, "1"))
    return run


def test_pre_permission_screen_without_a_way_to_refuse_fails(tmp_path: Path) -> None:
    xml = dialog(button("立即开启"), title="开启定位权限", message="为了给您推荐附近的内容，需要位置权限")
    verdict = verdict_of(tapped_then_requested(tmp_path, xml, "立即开启", LOCATION).view(), RULE)
    assert verdict["status"] == "fail"
    assert "offers only '立即开启', no way to refuse" in verdict["summary"]


def test_pre_permission_screen_with_not_now_passes(tmp_path: Path) -> None:
    xml = dialog(button("暂不开启"), button("立即开启"), title="开启定位权限", message="用于推荐附近的内容")
    verdict = verdict_of(tapped_then_requested(tmp_path, xml, "立即开启", LOCATION).view(), RULE)
    assert verdict["status"] == "pass"


def test_purpose_weather_but_request_contacts_fails(tmp_path: Path) -> None:
    xml = dialog(button("以后再说"), button("允许"), title="获取天气", message="为您提供本地天气预报")
    verdict = verdict_of(tapped_then_requested(tmp_path, xml, "允许", CONTACTS).view(), RULE)
    assert verdict["status"] == "fail"
    assert "stated purpose is about location" in verdict["summary"] and "READ_CONTACTS" in verdict["summary"]


def test_generic_start_button_requesting_an_unnamed_permission_fails(tmp_path: Path) -> None:
    xml = dialog(button("跳过"), button("开始"), title="欢迎", message="马上开启你的旅程")
    verdict = verdict_of(tapped_then_requested(tmp_path, xml, "开始", CONTACTS).view(), RULE)
    assert verdict["status"] == "fail"
    assert "disguised request" in verdict["summary"]


def test_settings_page_opened_after_a_denial_unasked_fails_but_asked_passes(tmp_path: Path) -> None:
    def run_with(tap_label: str | None, at: Path) -> RunBuilder:
        run = RunBuilder(at)
        run.launch(0, "permission_denial", fresh=False)
        run.event(1, REQUEST, None, kind="permission_request", args=(LOCATION, "1"))
        run.step(2, "permission_denial", "permission_answer", choice="deny", button="permission_deny_button")
        if tap_label is not None:
            run.step(3, "permission_denial", "tap", label=tap_label, screen=None)
        intent = "Intent { act=android.settings.APPLICATION_DETAILS_SETTINGS dat=package:com.example.app }"
        run.event(3.5, START, None, kind="navigation", args=(intent,))
        return run

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    unasked = verdict_of(run_with(None, tmp_path / "a").view(), RULE)
    assert unasked["status"] == "fail" and "without the user asking" in unasked["summary"]
    asked = verdict_of(run_with("去设置", tmp_path / "b").view(), RULE)
    assert asked["status"] == "pass"


def test_no_request_passes_and_no_scenario_is_not_tested(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path)
    run.launch(0, "permission_grant", fresh=False)
    assert verdict_of(run.view(), RULE)["status"] == "pass"
    other = RunBuilder(tmp_path / "x")
    other.launch(0, "first_launch", fresh=True)
    assert verdict_of(other.view(), RULE)["status"] == "not_tested"


def test_a_request_right_after_accepting_the_privacy_policy_is_not_judged_here(tmp_path: Path) -> None:
    xml = dialog(
        button("不同意"),
        button("同意"),
        title="隐私政策",
        message="我们会收集设备信息、位置信息以提供服务，请阅读并同意《隐私政策》",
    )
    verdict = verdict_of(tapped_then_requested(tmp_path, xml, "同意", CONTACTS).view(), RULE)
    assert verdict["status"] == "pass"
