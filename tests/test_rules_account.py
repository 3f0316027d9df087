"""account_cancellation_missing and account_cancellation_obstructed from the exploration steps
and the recorded dumps of the cancellation flow."""

from __future__ import annotations

from pathlib import Path

from tests.test_rules_windows import RunBuilder, verdict_of
from tests.test_ui_recognise import button
from tests.test_ui_tree import dump, node

SCENARIO = "account_cancellation"
MISSING = "account_cancellation_missing"
OBSTRUCTED = "account_cancellation_obstructed"


def screen(*parts: str) -> str:
    return dump(node("".join(parts), class_="FrameLayout", package="com.example.app"))


def explored(tmp_path: Path, *, complete: bool = True, stopped: str | None = None) -> RunBuilder:
    run = RunBuilder(tmp_path).launch(0, SCENARIO, fresh=False)
    run.step(1, SCENARIO, "explore_start", max_depth=6, budget_s=20, max_screens=40)
    run.screen(1.5, SCENARIO, screen(node(text="我的"), node(text="账号：138****0000"), button("设置")))
    run.step(2, SCENARIO, "explore_end", screens=5, taps=9, complete=complete, stopped=stopped, found=False)
    return run


def found(tmp_path: Path, ops: int, flow: str) -> RunBuilder:
    run = RunBuilder(tmp_path).launch(0, SCENARIO, fresh=False)
    run.step(2, SCENARIO, "explore_end", screens=4, taps=4, complete=False, stopped=None, found=True)
    path = ["我的", "设置", "账号与安全", "更多", "注销账号"][-ops:]
    run.step(3, SCENARIO, "cancellation_entry", ops=ops, path=path, ui="ui/entry.xml")
    ref = run.screen(4, SCENARIO, flow)
    outcome = "confirmation_reached" if "确认注销" in flow else "flow_ended"
    run.step(4.1, SCENARIO, "cancellation_flow", index=1, outcome=outcome, ui=ref)
    return run


def test_an_entry_within_four_operations_that_reaches_its_confirmation_passes_both(tmp_path: Path) -> None:
    view = found(
        tmp_path, 4, screen(node(text="注销后数据不可恢复"), button("确认注销"), button("取消"))
    ).view()
    missing = verdict_of(view, MISSING)
    assert missing["status"] == "pass" and "设置 → 账号与安全 → 更多 → 注销账号" in missing["summary"]
    obstructed = verdict_of(view, OBSTRUCTED)
    assert obstructed["status"] == "pass" and "confirmation reached" in obstructed["summary"]


def test_five_operations_is_one_too_many(tmp_path: Path) -> None:
    view = found(tmp_path, 5, screen(button("确认注销"))).view()
    verdict = verdict_of(view, OBSTRUCTED)
    assert verdict["status"] == "fail" and "takes 5 operations (more than 4)" in verdict["summary"]


def test_offline_customer_service_and_unsupported_endings_fail(tmp_path: Path) -> None:
    endings = {
        "offline only": screen(node(text="请携带身份证前往线下营业厅办理注销"), button("我知道了")),
        "customer service only": screen(
            node(text="Please contact customer service to close your account"), button("OK")
        ),
        "not supported": screen(node(text="暂不支持在线注销"), button("返回")),
    }
    for kind, xml in endings.items():
        verdict = verdict_of(found(tmp_path / kind.replace(" ", "_"), 3, xml).view(), OBSTRUCTED)
        assert verdict["status"] == "fail", kind
        assert f"cancellation is {kind}" in verdict["summary"]
        assert verdict["evidence"][-1]["obstruction"] == kind


def test_no_entry_in_an_app_with_accounts_fails(tmp_path: Path) -> None:
    view = explored(tmp_path).view()
    verdict = verdict_of(view, MISSING)
    assert verdict["status"] == "fail"
    assert (
        verdict["summary"]
        == "no account cancellation entry on any of the 5 screen(s) reachable within 6 taps"
    )
    assert verdict_of(view, OBSTRUCTED)["status"] == "not_tested"


def test_no_entry_and_no_accounts_is_not_applicable(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path).launch(0, SCENARIO, fresh=False)
    run.screen(1, SCENARIO, screen(node(text="0"), button("+1")))
    run.step(2, SCENARIO, "explore_end", screens=1, taps=1, complete=True, stopped=None, found=False)
    for rule in (MISSING, OBSTRUCTED):
        verdict = verdict_of(run.view(), rule)
        assert verdict["status"] == "not_applicable", rule
        assert verdict["summary"] == (
            "not applicable: none of the 1 screen(s) reachable in the app shows registration, "
            "sign-in or an account"
        )


def test_no_accounts_on_an_exploration_cut_short_is_not_not_applicable(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path).launch(0, SCENARIO, fresh=False)
    run.screen(1, SCENARIO, screen(node(text="0"), button("+1")))
    run.step(2, SCENARIO, "explore_end", screens=1, taps=1, complete=False, stopped="time budget spent")
    assert verdict_of(run.view(), MISSING)["status"] == "inconclusive"
    assert verdict_of(run.view(), OBSTRUCTED)["status"] == "not_tested"


def test_a_sign_in_screen_makes_the_rules_apply(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path).launch(0, SCENARIO, fresh=False)
    run.screen(1, SCENARIO, screen(node(text="手机号"), button("登录")))
    run.step(2, SCENARIO, "explore_end", screens=1, taps=1, complete=True, stopped=None, found=False)
    assert verdict_of(run.view(), MISSING)["status"] == "fail"
    assert verdict_of(run.view(), OBSTRUCTED)["status"] == "not_tested"


def test_an_exploration_cut_short_is_inconclusive(tmp_path: Path) -> None:
    verdict = verdict_of(explored(tmp_path, complete=False, stopped="time budget spent").view(), MISSING)
    assert verdict["status"] == "inconclusive" and "time budget spent" in verdict["summary"]


def test_an_app_that_died_while_exploring_is_inconclusive(tmp_path: Path) -> None:
    run = (
        RunBuilder(tmp_path)
        .launch(0, SCENARIO, fresh=False)
        .step(1, SCENARIO, "app_exited", during="exploring")
    )
    assert verdict_of(run.view(), MISSING)["status"] == "inconclusive"
