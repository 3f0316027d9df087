"""Recognising screens: the privacy dialog and its controls, the system permission dialog,
pop-ups and their close controls, and the screens of an account-cancellation flow."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.ui import parse_screen
from harness.ui.find import control_label
from harness.ui.recognise import (
    cancellation_entries,
    cancellation_step,
    close_controls,
    consent_dialog,
    is_overlay,
    mentions_permission_requirement,
    permission_prompt,
)
from harness.ui.tree import Bounds
from tests.test_ui_tree import dump, node

DISPLAY = Bounds(0, 0, 1080, 2340)
DIALOG = "[90,900][990,1500]"


def dialog(*controls: str, title: str = "隐私政策", message: str = "请阅读并同意《隐私政策》") -> str:
    body = node(text=title) + node(text=message) + "".join(controls)
    return dump(node(node(body, class_="android.widget.LinearLayout"), class_="FrameLayout", bounds=DIALOG))


def button(text: str, **attrs: str) -> str:
    return node(text=text, class_="android.widget.Button", clickable="true", **attrs)


def checkbox(text: str, checked: bool) -> str:
    return node(
        text=text,
        class_="android.widget.CheckBox",
        clickable="true",
        checkable="true",
        checked="true" if checked else "false",
    )


def test_explicit_chinese_dialog_has_accept_and_refuse() -> None:
    found = consent_dialog(parse_screen(dialog(button("不同意"), button("同意"))))
    assert found is not None
    assert found.accept is not None and control_label(found.accept) == "同意"
    assert found.refuse is not None and control_label(found.refuse) == "不同意"
    assert found.acknowledge is None and found.checkboxes == ()


def test_english_dialog_with_decline_and_agree_and_continue() -> None:
    screen = parse_screen(dialog(button("Decline"), button("Agree and continue"), title="Privacy Policy"))
    found = consent_dialog(screen)
    assert found is not None and found.accept is not None and found.refuse is not None
    assert control_label(found.accept) == "Agree and continue"


def test_pre_ticked_box_and_acknowledgement_only() -> None:
    found = consent_dialog(
        parse_screen(dialog(checkbox("我已阅读并同意《隐私政策》", True), button("我知道了")))
    )
    assert found is not None
    assert found.accept is None and found.refuse is None
    assert found.acknowledge is not None and control_label(found.acknowledge) == "我知道了"
    assert [box.checked for box in found.checkboxes] == [True]
    assert found.positive is found.acknowledge


def test_a_screen_that_only_mentions_privacy_is_no_consent_dialog() -> None:
    settings = dump(node(node(text="隐私设置") + button("个性化推荐"), class_="FrameLayout"))
    assert consent_dialog(parse_screen(settings)) is None
    assert consent_dialog(parse_screen(dialog(button("确定"), title="提示", message="网络不可用"))) is None


def test_the_system_permission_dialog_of_a_real_device() -> None:
    xml = (Path(__file__).parent / "fixtures" / "adb" / "uiautomator_permission_dialog.xml").read_text(
        "utf-8"
    )
    prompt = permission_prompt(parse_screen(xml))
    assert prompt is not None
    assert prompt.message.startswith("Allow Canary Demo to access this device")
    assert prompt.allow is not None and prompt.allow.resource_id.endswith(
        "permission_allow_foreground_only_button"
    )
    assert prompt.deny is not None and prompt.deny.resource_id.endswith("permission_deny_button")
    assert consent_dialog(parse_screen(xml)) is None


def test_no_permission_prompt_on_an_app_screen() -> None:
    assert permission_prompt(parse_screen(dialog(button("同意")))) is None


@pytest.mark.parametrize(
    ("control", "label"),
    [
        (button("关闭"), "关闭"),
        (button("跳过 3"), "跳过 3"),
        (button("×"), "×"),
        (button("Skip ad"), "Skip ad"),
        (node(class_="android.widget.ImageView", clickable="true", content_desc="Close"), "Close"),
        (node(class_="android.widget.ImageView", clickable="true", resource_id="com.ad:id/iv_close"), ""),
    ],
)
def test_close_controls_by_label_description_or_id(control: str, label: str) -> None:
    screen = parse_screen(dialog(button("立即下载"), control, title="广告", message="品牌特卖"))
    controls = close_controls(screen)
    assert len(controls) == 1
    assert control_label(controls[0]) == label


def test_an_ad_with_only_a_download_button_has_no_close_control() -> None:
    screen = parse_screen(dialog(button("立即下载"), title="广告", message="品牌特卖 4"))
    assert close_controls(screen) == []


def test_overlay_is_a_window_that_does_not_fill_the_screen() -> None:
    assert is_overlay(parse_screen(dialog(button("关闭"))), Bounds(0, 0, 0, 0))
    full = parse_screen(dump(node(button("OK"), class_="FrameLayout")))
    assert not is_overlay(full, DISPLAY)
    banner = parse_screen(dump(node(button("OK"), class_="FrameLayout", bounds="[0,0][1080,300]")))
    assert is_overlay(banner, DISPLAY)


def test_cancellation_entry_and_flow_outcomes() -> None:
    security = parse_screen(dump(node(button("修改密码") + button("注销账号"), class_="FrameLayout")))
    assert [control_label(c) for c in cancellation_entries(security)] == ["注销账号"]

    offline = parse_screen(
        dump(node(node(text="注销需本人携带身份证前往线下营业厅办理") + button("我知道了")))
    )
    assert cancellation_step(offline).obstruction == "offline only"
    service = parse_screen(dump(node(node(text="如需注销账号，请联系客服 400-000-0000") + button("返回"))))
    assert cancellation_step(service).obstruction == "customer service only"
    unsupported = parse_screen(dump(node(node(text="Account deletion is not supported yet") + button("OK"))))
    assert cancellation_step(unsupported).obstruction == "not supported"

    confirm = parse_screen(
        dump(node(node(text="注销后数据不支持恢复") + button("确认注销") + button("取消")))
    )
    step = cancellation_step(confirm)
    assert step.obstruction is None  # "不支持恢复" beside a way on is a warning, not an obstruction
    assert step.confirm is not None and control_label(step.confirm) == "确认注销"
    first = parse_screen(dump(node(node(text="注销须知：如有疑问请联系客服") + button("下一步"))))
    assert cancellation_step(first).proceed is not None
    assert cancellation_step(first).obstruction is None


def test_permission_requirement_wording() -> None:
    assert mentions_permission_requirement(parse_screen(dialog(button("去设置"), title="需要定位权限")))
    assert not mentions_permission_requirement(
        parse_screen(dialog(button("关闭"), title="限时福利", message="红包"))
    )
