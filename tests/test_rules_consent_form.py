"""consent_not_explicit on recorded UI dumps: must fire on pre-ticked boxes, acknowledgement-only
and no-refuse dialogs; must not fire on an explicit dialog or on screens after interaction."""

from __future__ import annotations

from pathlib import Path

from tests.test_rules_windows import RunBuilder, verdict_of
from tests.test_ui_recognise import button, checkbox, dialog

RULE = "consent_not_explicit"


def run_showing(tmp_path: Path, xml: str) -> RunBuilder:
    run = RunBuilder(tmp_path)
    run.launch(0, "first_launch", fresh=True)
    run.screen(1, "first_launch", xml)
    return run


def test_explicit_dialog_passes(tmp_path: Path) -> None:
    verdict = verdict_of(run_showing(tmp_path, dialog(button("不同意"), button("同意"))).view(), RULE)
    assert verdict["status"] == "pass"
    assert "'同意'" in verdict["summary"] and "'不同意'" in verdict["summary"]
    assert verdict["evidence"][0]["kind"] == "ui"


def test_pre_ticked_box_fails_even_with_both_buttons(tmp_path: Path) -> None:
    xml = dialog(checkbox("我已阅读并同意《隐私政策》", True), button("拒绝"), button("同意"))
    verdict = verdict_of(run_showing(tmp_path, xml).view(), RULE)
    assert verdict["status"] == "fail"
    assert "ticked before the user touched it" in verdict["summary"]
    assert verdict["evidence"][0]["checkboxes"] == [{"label": "我已阅读并同意《隐私政策》", "checked": True}]


def test_unticked_box_is_fine(tmp_path: Path) -> None:
    xml = dialog(
        checkbox("I have read and agree to the Privacy Policy", False), button("Decline"), button("Agree")
    )
    assert verdict_of(run_showing(tmp_path, xml).view(), RULE)["status"] == "pass"


def test_acknowledgement_only_fails_twice_over(tmp_path: Path) -> None:
    verdict = verdict_of(run_showing(tmp_path, dialog(button("我知道了"))).view(), RULE)
    assert verdict["status"] == "fail"
    assert "acknowledgement '我知道了'" in verdict["summary"]
    assert "no control to refuse" in verdict["summary"]


def test_no_refuse_control_fails(tmp_path: Path) -> None:
    verdict = verdict_of(
        run_showing(tmp_path, dialog(button("Agree and continue"), title="Privacy")).view(), RULE
    )
    assert verdict["status"] == "fail"
    assert verdict["summary"].endswith("there is no control to refuse")


def test_only_screens_before_any_input_are_judged(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path)
    run.launch(0, "first_launch", fresh=True)
    run.screen(1, "first_launch", "<hierarchy><node text='欢迎' bounds='[0,0][1080,2340]'/></hierarchy>")
    run.step(2, "first_launch", "tap", purpose="explore")
    run.screen(3, "first_launch", dialog(button("我知道了")))
    verdict = verdict_of(run.view(), RULE)
    assert verdict["status"] == "inconclusive"
    assert "none of the 1 screen(s)" in verdict["summary"]


def test_without_a_fresh_launch_scenario_it_is_not_tested(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path).scenario("first_launch", "error: the app crashed")
    verdict = verdict_of(run.view(), RULE)
    assert verdict["status"] == "not_tested"
    assert "first_launch: error: the app crashed" in verdict["summary"]
