"""The uiautomator tree, the finders and the screen signature: pure functions over dump text."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.ui import find, parse_screen, structure_hash, tappable
from harness.ui import vocabulary as words
from harness.ui.find import class_matches, id_suffix_matches
from harness.ui.tree import MAX_DEPTH, Bounds, UiParseError, parse_bounds

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>"


def node(children: str = "", **attrs: str) -> str:
    defaults = {
        "text": "",
        "resource-id": "",
        "class": "android.widget.TextView",
        "package": "com.example.app",
        "content-desc": "",
        "checkable": "false",
        "checked": "false",
        "clickable": "false",
        "enabled": "true",
        "bounds": "[0,0][1080,2340]",
    }
    defaults.update({"class" if k == "class_" else k.replace("_", "-"): v for k, v in attrs.items()})
    rendered = " ".join(f'{k}="{v}"' for k, v in defaults.items())
    return f"<node {rendered}>{children}</node>" if children else f"<node {rendered} />"


def dump(*roots: str) -> str:
    return f'{HEADER}<hierarchy rotation="0">{"".join(roots)}</hierarchy>'


SETTINGS = dump(
    node(
        node(text="设置", bounds="[0,80][1080,200]")
        + node(
            node(text="账号与安全", bounds="[40,220][600,300]"),
            class_="android.widget.LinearLayout",
            clickable="true",
            bounds="[0,200][1080,320]",
        )
        + node(text="退出登录", class_="android.widget.Button", clickable="true", bounds="[0,400][1080,500]")
        + node(
            content_desc="关闭",
            class_="android.widget.ImageView",
            clickable="true",
            bounds="[980,80][1060,160]",
        )
        + node(
            resource_id="com.example.app:id/btn_disagree",
            text="Disagree",
            clickable="true",
            bounds="[0,600][540,700]",
        )
        + node(
            resource_id="com.example.app:id/agree",
            text="Agree",
            clickable="true",
            bounds="[540,600][1080,700]",
        ),
        class_="android.widget.FrameLayout",
    )
)


def test_a_real_device_dump_parses_into_nodes_with_bounds_and_flags() -> None:
    xml = (FIXTURES / "adb" / "uiautomator_permission_dialog.xml").read_text(encoding="utf-8")
    screen = parse_screen(xml)
    deny = find(screen, id_suffix="permission_deny_button")
    assert len(deny) == 1
    assert deny[0].clickable and deny[0].enabled
    assert deny[0].bounds.area > 0
    assert screen.package == "com.google.android.permissioncontroller"


def test_attributes_bounds_and_tree_links() -> None:
    screen = parse_screen(SETTINGS)
    row = find(screen, text="账号与安全")[0]
    parent = screen.parent_of(row)
    assert parent is not None and parent.clickable
    assert screen.clickable_target(row) is parent
    assert parent.all_text() == "账号与安全"
    assert parse_bounds("[0,200][1080,320]") == Bounds(0, 200, 1080, 320)
    assert Bounds(0, 200, 1080, 320).center == (540, 260)
    assert parse_bounds("garbage") == Bounds(0, 0, 0, 0)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "not xml at all",
        "<root><node/></root>",
        dump(node()).replace("</hierarchy>", ""),
        '<?xml version="1.0"?><!DOCTYPE h [<!ENTITY e "boom">]><hierarchy>&e;</hierarchy>',
        '<?xml version="1.0"?><!DOCTYPE h [<!ENTITY x SYSTEM "file:///etc/passwd">]><hierarchy>&x;</hierarchy>',
    ],
)
def test_anything_but_a_plain_hierarchy_is_refused(bad: str) -> None:
    with pytest.raises(UiParseError):
        parse_screen(bad)


def test_hostile_nesting_is_cut_instead_of_overflowing_the_stack() -> None:
    depth = MAX_DEPTH * 3
    xml = dump("<node text='x' bounds='[0,0][1,1]'>" * depth + "</node>" * depth)
    screen = parse_screen(xml)
    assert max(len(n.path) for n in screen.nodes()) == MAX_DEPTH


def test_finders_by_text_description_id_suffix_and_class() -> None:
    screen = parse_screen(SETTINGS)
    assert [n.text for n in find(screen, text="  AGREE ")] == ["Agree"]
    assert [n.content_desc for n in find(screen, desc="关闭")] == ["关闭"]
    assert [n.text for n in find(screen, id_suffix="agree")] == ["Agree"]  # not btn_disagree
    assert [n.text for n in find(screen, id_suffix="id/btn_disagree")] == ["Disagree"]
    assert [n.text for n in find(screen, class_name="Button")] == ["退出登录"]
    assert find(screen, label=words.CLOSE, clickable=True)[0].content_desc == "关闭"
    assert [n.text for n in tappable(screen, words.UNSAFE)] == ["退出登录"]


def test_id_and_class_matching_respect_segments() -> None:
    assert id_suffix_matches("com.app:id/btn_agree", "agree")
    assert not id_suffix_matches("com.app:id/disagree", "agree")
    assert id_suffix_matches("agree", "agree")
    assert class_matches("androidx.appcompat.widget.AppCompatCheckBox", "CheckBox")
    assert not class_matches("android.widget.CheckBox", "android.widget.Button")


@pytest.mark.parametrize(
    ("label", "refuse", "acknowledge", "accept"),
    [
        ("同意", None, None, "同意"),
        ("不同意", "不同意", None, "同意"),
        ("同意并继续", None, None, "同意"),
        ("我已阅读并同意", None, None, "同意"),
        ("暂不使用", "暂不使用", None, None),
        ("我知道了", None, "我知道了", None),
        ("Agree & Continue", None, None, "agree"),
        ("Disagree", "disagree", None, None),
        ("I don't agree", "don't agree", None, "agree"),
        ("ＯＫ", None, "ok", None),
        ("Decline", "decline", None, None),
    ],
)
def test_consent_words_in_chinese_and_english(
    label: str, refuse: str | None, acknowledge: str | None, accept: str | None
) -> None:
    assert words.REFUSE.match(label) == refuse
    assert words.ACKNOWLEDGE.match(label) == acknowledge
    assert words.ACCEPT.match(label) == accept


def test_cancellation_entry_words() -> None:
    for label in ("注销账号", "账号注销", "删除账户", "Delete account", "Close my account", "Deactivate"):
        assert label in words.ACCOUNT_CANCELLATION
    for label in ("注销登录", "Account settings", "退出登录"):
        assert label not in words.ACCOUNT_CANCELLATION


def test_structure_hash_ignores_content_but_not_controls() -> None:
    base = dump(node(node(text="余额 12 元") + node(text="跳过 5", clickable="true"), class_="FrameLayout"))
    later = dump(node(node(text="余额 99 元") + node(text="跳过 4", clickable="true"), class_="FrameLayout"))
    other = dump(
        node(node(text="余额 12 元") + node(text="立即下载", clickable="true"), class_="FrameLayout")
    )
    assert structure_hash(parse_screen(base)) == structure_hash(parse_screen(later))
    assert structure_hash(parse_screen(base)) != structure_hash(parse_screen(other))


def test_structure_hash_tells_a_dialog_from_the_screen_under_it() -> None:
    screen = dump(node(node(text="OK", clickable="true"), class_="FrameLayout"))
    dialog = dump(node(node(text="OK", clickable="true"), class_="FrameLayout", bounds="[90,900][990,1400]"))
    assert structure_hash(parse_screen(screen)) != structure_hash(parse_screen(dialog))
