"""Consent screens drawn the way real apps draw them: custom layouts, prose that quotes the
button, second asks, basic mode, checkbox forms, CMP dialogs; ambiguity withheld; permission
buttons found by their words; ads' unlabeled corner close images."""

from __future__ import annotations

from harness.ui import parse_screen
from harness.ui.controls import is_prose
from harness.ui.find import control_label
from harness.ui.recognise import close_controls, consent_dialog, permission_prompt
from tests.test_ui_tree import dump, node

SHEET = "[0,1200][1080,2340]"


def text(label: str, **attrs: str) -> str:
    return node(text=label, **attrs)


def tappable_text(label: str, bounds: str = "[100,2000][500,2100]", **attrs: str) -> str:
    return node(text=label, clickable="true", bounds=bounds, **attrs)


def window(*children: str, bounds: str = "[0,0][1080,2340]", package: str = "com.example.app") -> str:
    return dump(node("".join(children), class_="android.widget.FrameLayout", bounds=bounds, package=package))


def labels(found: object) -> str:
    return control_label(found) if found is not None else "None"  # type: ignore[arg-type]


def test_clickable_paragraph_quoting_the_button_is_prose_not_the_control() -> None:
    screen = parse_screen(
        window(
            text("Terms and Privacy Policy"),
            tappable_text(
                "Please read the Terms and the Privacy Policy. Tap Agree and Continue to accept them.",
                bounds="[100,500][980,900]",
                resource_id="com.app:id/warning_agree",
            ),
            tappable_text("Disagree", bounds="[100,1300][540,1430]"),
            tappable_text("Agree and Continue", bounds="[540,1300][980,1430]"),
        )
    )
    found = consent_dialog(screen)
    assert found is not None and found.ambiguity is None
    assert labels(found.accept) == "Agree and Continue"
    assert labels(found.refuse) == "Disagree"
    choice = found.choice_for(found.accept)
    assert choice is not None and choice.words == "agree" and choice.score >= 2


def test_custom_layout_clickable_container_around_two_text_views_is_the_control() -> None:
    agree = node(
        text("同意") + text("并继续"),
        class_="android.widget.LinearLayout",
        clickable="true",
        resource_id="com.app:id/ll_agree",
        bounds="[540,2000][1000,2100]",
    )
    screen = parse_screen(window(text("个人信息保护指引"), text("请您仔细阅读《隐私政策》"), agree))
    found = consent_dialog(screen)
    assert found is not None
    assert found.accept is not None and found.accept.resource_id == "com.app:id/ll_agree"
    assert found.refuse is None  # and the consent rule says: no way to refuse


def test_unlabeled_image_buttons_named_by_resource_id() -> None:
    screen = parse_screen(
        window(
            text("隐私政策"),
            text("请阅读并同意我们的隐私政策"),
            node(class_="android.widget.ImageView", clickable="true", resource_id="com.app:id/iv_agree"),
            node(class_="android.widget.ImageView", clickable="true", resource_id="com.app:id/iv_disagree"),
        )
    )
    found = consent_dialog(screen)
    assert found is not None
    assert found.accept is not None and found.accept.resource_id.endswith("iv_agree")
    assert found.refuse is not None and found.refuse.resource_id.endswith("iv_disagree")


def test_second_ask_with_basic_mode_refuses_into_basic_mode() -> None:
    screen = parse_screen(
        window(
            text("温馨提示"),
            text("若您不同意《隐私政策》，将无法使用完整功能。您可以进入基本功能模式，仅浏览内容。"),
            tappable_text("进入基本功能模式", bounds="[100,2000][540,2100]"),
            tappable_text("同意并继续", bounds="[540,2000][1000,2100]"),
            bounds=SHEET,
        )
    )
    found = consent_dialog(screen)
    assert found is not None and found.second_ask
    assert labels(found.basic_mode) == "进入基本功能模式"
    assert labels(found.accept) == "同意并继续"
    assert found.refusal is found.basic_mode


def test_second_ask_still_disagree_in_traditional_chinese() -> None:
    screen = parse_screen(
        window(
            text("溫馨提示"),
            text("若您仍不同意《隱私權政策》，將無法繼續使用本應用。"),
            tappable_text("仍不同意"),
            tappable_text("同意並繼續", bounds="[540,2000][1000,2100]"),
        )
    )
    found = consent_dialog(screen)
    assert found is not None and found.second_ask and found.basic_mode is None
    assert labels(found.refuse) == "仍不同意" and labels(found.accept) == "同意並繼續"


def test_basic_mode_banner_of_a_running_app_is_not_the_dialog() -> None:
    screen = parse_screen(
        window(
            text("当前为基本功能模式，同意《隐私政策》后可使用全部功能", bounds="[0,100][800,200]"),
            tappable_text("去同意", bounds="[820,100][1060,200]"),
            tappable_text("首页", bounds="[0,2200][360,2340]"),
            tappable_text("发现", bounds="[360,2200][720,2340]"),
        )
    )
    assert consent_dialog(screen) is None


def test_checkbox_form_with_a_submit_button() -> None:
    screen = parse_screen(
        window(
            node(class_="android.widget.EditText", text="请输入手机号", clickable="true"),
            node(
                class_="android.widget.CheckBox",
                text="我已阅读并同意《用户协议》和《隐私政策》",
                checkable="true",
                checked="false",
                clickable="true",
                bounds="[100,1300][1000,1400]",
            ),
            tappable_text("登录", bounds="[100,1450][1000,1600]"),
            tappable_text("注册", bounds="[100,1650][400,1750]"),
        )
    )
    found = consent_dialog(screen)
    assert found is not None and found.kind == "checkbox_form" and found.ambiguity is None
    assert [box.checked for box in found.checkboxes] == [False]
    assert labels(found.accept) == "登录"


def test_checkbox_form_entered_with_a_bare_enter_button() -> None:
    box = node(
        class_="android.widget.CheckBox",
        text="我已阅读并同意《用户协议》和《隐私政策》",
        checkable="true",
        checked="false",
        clickable="true",
    )
    found = consent_dialog(parse_screen(window(box, tappable_text("进入"))))
    assert found is not None and found.kind == "checkbox_form" and labels(found.accept) == "进入"
    # "进入" only submits as the whole label, never as part of a longer one
    longer = consent_dialog(parse_screen(window(box, tappable_text("进入设置页"))))
    assert longer is not None and longer.accept is None


def test_checkbox_dialog_that_needs_ticking_before_agree() -> None:
    box = node(class_="android.widget.CheckBox", checkable="true", clickable="true", checked="false")
    screen = parse_screen(
        window(
            text("隐私保护提示"),
            node(box + text("我已阅读并同意《隐私政策》"), class_="android.widget.LinearLayout"),
            node(class_="android.widget.Button", text="同意", clickable="true", enabled="false"),
            node(class_="android.widget.Button", text="不同意", clickable="true"),
        )
    )
    found = consent_dialog(screen)
    assert found is not None and len(found.checkboxes) == 1
    # "同意" stays disabled until the box is ticked: it is still the affirmative control
    assert labels(found.accept) == "同意" and labels(found.refuse) == "不同意"
    assert found.kind == "dialog" and found.ambiguity is None


def test_login_agreement_line_without_checkbox_is_no_consent_dialog() -> None:
    screen = parse_screen(
        window(
            node(class_="android.widget.ImageView", clickable="true", resource_id="com.app:id/iv_protocol"),
            tappable_text(
                "By signing in you agree to the User Agreement and Privacy Policy",
                resource_id="com.app:id/tv_protocol",
            ),
            node(class_="android.widget.Button", text="Login", clickable="true"),
        )
    )
    assert consent_dialog(screen) is None


def test_google_ump_and_onetrust_dialogs() -> None:
    ump = parse_screen(
        window(
            text("This app asks for your consent to use your personal data to:"),
            node(class_="android.widget.Button", text="Consent", clickable="true"),
            node(class_="android.widget.Button", text="Do not consent", clickable="true"),
            node(class_="android.widget.Button", text="Manage options", clickable="true"),
        )
    )
    found = consent_dialog(ump)
    assert found is not None
    assert labels(found.accept) == "Consent" and labels(found.refuse) == "Do not consent"
    onetrust = parse_screen(
        window(
            text("We value your privacy"),
            text("We and our partners use cookies to personalise content."),
            node(class_="android.widget.Button", text="Accept All", clickable="true"),
            node(class_="android.widget.Button", text="Reject All", clickable="true"),
            node(class_="android.widget.Button", text="Cookies Settings", clickable="true"),
            bounds=SHEET,
        )
    )
    found = consent_dialog(onetrust)
    assert found is not None
    assert labels(found.accept) == "Accept All" and labels(found.refuse) == "Reject All"


def test_webview_policy_text_names_the_policy() -> None:
    web = node(
        node(text="隐私政策", class_="android.view.View")
        + node(text="一、我们如何收集", class_="android.view.View"),
        class_="android.webkit.WebView",
    )
    screen = parse_screen(
        window(
            web, node(class_="android.widget.Button", text="同意", clickable="true"), tappable_text("不同意")
        )
    )
    found = consent_dialog(screen)
    assert found is not None and labels(found.accept) == "同意" and labels(found.refuse) == "不同意"


def test_two_different_affirmative_controls_alike_are_ambiguous() -> None:
    screen = parse_screen(
        window(
            text("隐私政策"),
            text("请阅读并同意"),
            tappable_text("同意", bounds="[100,1800][500,1900]"),
            tappable_text("接受", bounds="[540,1800][1000,1900]"),
        )
    )
    found = consent_dialog(screen)
    assert found is not None and found.ambiguity is not None and found.positive is None


def test_refusal_without_affirmative_on_a_consent_request_is_ambiguous() -> None:
    screen = parse_screen(
        window(
            text("隐私政策"),
            text("点击下方按钮即表示您同意本政策"),
            tappable_text("不同意", bounds="[100,1800][500,1900]"),
            node(class_="android.widget.ImageView", clickable="true", bounds="[540,1800][1000,1900]"),
        )
    )
    found = consent_dialog(screen)
    assert found is not None and found.ambiguity is not None and found.positive is None
    settings = parse_screen(window(text("隐私设置"), tappable_text("退出登录")))
    assert consent_dialog(settings) is None


def test_prose_and_control_lengths() -> None:
    assert not is_prose("进入基本功能模式")
    assert not is_prose("Continue without agreeing")
    assert is_prose("若您不同意本政策，将无法使用我们的服务")
    assert is_prose("By signing in you agree to the User Agreement and Privacy Policy")


def test_permission_buttons_found_by_their_words_when_ids_are_missing() -> None:
    pkg = "com.android.permissioncontroller"
    screen = parse_screen(
        window(
            text("允许“地图”获取此设备的位置信息吗？", package=pkg),
            node(class_="android.widget.Button", text="使用时允许", package=pkg),
            node(class_="android.widget.Button", text="仅限这一次", package=pkg),
            node(class_="android.widget.Button", text="拒绝", package=pkg),
            package=pkg,
        )
    )
    prompt = permission_prompt(screen)
    assert prompt is not None
    assert labels(prompt.allow) == "使用时允许" and labels(prompt.deny) == "拒绝"
    app = parse_screen(window(text("允许推送通知"), node(class_="android.widget.Button", text="允许")))
    assert permission_prompt(app) is None


def test_unlabeled_corner_image_closes_an_ad_but_a_centre_image_does_not() -> None:
    ad = "[90,400][990,1800]"
    corner = node(class_="android.widget.ImageView", clickable="true", bounds="[910,410][980,480]")
    centre = node(class_="android.widget.ImageView", clickable="true", bounds="[300,800][780,1400]")
    screen = parse_screen(window(text("限时特惠"), centre, corner, bounds=ad))
    assert [c.bounds for c in close_controls(screen)] == [
        parse_screen(window(corner)).roots[0].children[0].bounds
    ]
    no_corner = parse_screen(window(text("限时特惠"), centre, bounds=ad))
    assert close_controls(no_corner) == []


def test_a_privacy_settings_switch_is_no_consent_checkbox() -> None:
    switch = node(
        class_="android.widget.Switch", text="个性化推荐", checkable="true", checked="true", clickable="true"
    )
    screen = parse_screen(
        window(
            text("隐私设置"), node(switch + text("关闭后将不再根据您的个人信息推荐")), tappable_text("确定")
        )
    )
    assert consent_dialog(screen) is None
