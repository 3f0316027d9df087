"""popup_harassment and ad_window_not_closable from the popup_watch steps."""

from __future__ import annotations

from pathlib import Path

from tests.test_rules_windows import RunBuilder, verdict_of

SCENARIO = "popup_watch"
HARASSMENT = "popup_harassment"
CLOSABLE = "ad_window_not_closable"


def watch(tmp_path: Path, seconds: float = 10.0, **thresholds: float) -> RunBuilder:
    run = RunBuilder(tmp_path).launch(0, SCENARIO, fresh=False)
    return run.step(1, SCENARIO, "watch_start", seconds=seconds, **thresholds)


def popup(
    run: RunBuilder, at: float, *, closed_by: str | None = "close control", reappeared: bool = False
) -> None:
    run.step(
        at,
        SCENARIO,
        "popup",
        ui=f"ui/{at}.xml",
        hash="abc",
        close_control="关闭" if closed_by == "close control" else None,
        closed_by=closed_by,
        reappeared=reappeared,
    )


def test_a_quiet_app_passes_both(tmp_path: Path) -> None:
    view = watch(tmp_path).step(61, SCENARIO, "watch_end").view()
    assert verdict_of(view, HARASSMENT)["status"] == "pass"
    closable = verdict_of(view, CLOSABLE)
    assert closable["status"] == "pass" and "no pop-up appeared" in closable["summary"]


def test_a_quiet_watch_shorter_than_a_minute_is_inconclusive_never_pass(tmp_path: Path) -> None:
    view = watch(tmp_path).step(11, SCENARIO, "watch_end").view()
    verdict = verdict_of(view, HARASSMENT)
    assert verdict["status"] == "inconclusive"
    assert "only 10.0 s of app time; the rule needs 60 s" in verdict["summary"]


def test_a_fast_forwarded_watch_counts_app_time(tmp_path: Path) -> None:
    run = watch(tmp_path).step(1, SCENARIO, "clock", rate=60.0).step(2, SCENARIO, "clock", rate=1.0)
    view = run.step(2, SCENARIO, "watch_end").view()
    assert verdict_of(view, HARASSMENT)["status"] == "pass"  # 1 s of wall time = 60 s of app time
    busy = watch(tmp_path / "busy").step(1, SCENARIO, "clock", rate=60.0)
    for at in (1.2, 1.4, 1.6):  # 12 s of app time apart
        popup(busy, at)
    verdict = verdict_of(busy.step(2, SCENARIO, "watch_end").view(), HARASSMENT)
    assert verdict["status"] == "fail" and "3 unsolicited pop-ups within a minute" in verdict["summary"]


def test_pop_ups_the_dump_cannot_show_are_counted_from_the_apps_calls(tmp_path: Path) -> None:
    # a default PopupWindow is not focusable, so uiautomator dumps the activity under it
    run = watch(tmp_path)
    for at in (2, 3.2, 4.4):
        run.event(at, "android.widget.PopupWindow.showAtLocation", None, kind="ui")
    run.event(5, "android.widget.Toast.show", None, kind="ui")
    verdict = verdict_of(run.step(61, SCENARIO, "watch_end").view(), HARASSMENT)
    assert verdict["status"] == "fail"
    assert (
        "3 unsolicited pop-ups within a minute of app time (shown by the app's own calls"
        in verdict["summary"]
    )
    before = watch(tmp_path / "before")
    for at in (0.2, 0.4, 0.6):  # before the watch began: not counted
        before.event(at, "android.app.Dialog.show", None, kind="ui")
    assert verdict_of(before.step(61, SCENARIO, "watch_end").view(), HARASSMENT)["status"] == "pass"


def test_two_distinct_pop_ups_a_minute_pass_three_fail(tmp_path: Path) -> None:
    two = watch(tmp_path / "two")
    popup(two, 2)
    popup(two, 40)
    assert verdict_of(two.step(62, SCENARIO, "watch_end").view(), HARASSMENT)["status"] == "pass"
    three = watch(tmp_path / "three")
    for at in (2, 30, 61.5):
        popup(three, at)
    verdict = verdict_of(three.view(), HARASSMENT)
    assert verdict["status"] == "fail"
    assert "3 unsolicited pop-ups within a minute" in verdict["summary"]


def test_the_same_three_spread_over_more_than_a_minute_pass(tmp_path: Path) -> None:
    run = watch(tmp_path, seconds=130)
    for at in (2, 40, 70):
        popup(run, at)
    assert verdict_of(run.view(), HARASSMENT)["status"] == "pass"


def test_coming_back_after_being_closed_fails_at_once(tmp_path: Path) -> None:
    run = watch(tmp_path)
    popup(run, 2)
    popup(run, 3, reappeared=True)
    verdict = verdict_of(run.view(), HARASSMENT)
    assert verdict["status"] == "fail" and "came back after being closed" in verdict["summary"]


def test_the_threshold_recorded_by_the_scenario_is_used(tmp_path: Path) -> None:
    run = watch(tmp_path, max_per_minute=5)
    for at in (2, 3, 4):
        popup(run, at)
    verdict = verdict_of(run.step(62, SCENARIO, "watch_end").view(), HARASSMENT)
    assert verdict["status"] == "pass" and "more than 5 per minute" in verdict["summary"]


def test_a_pop_up_neither_close_control_nor_back_dismisses_fails(tmp_path: Path) -> None:
    run = watch(tmp_path)
    popup(run, 2, closed_by="back")
    popup(run, 5, closed_by=None)
    verdict = verdict_of(run.view(), CLOSABLE)
    assert verdict["status"] == "fail"
    assert "it has no close control and BACK did not dismiss it (ui/5.xml)" in verdict["summary"]


def test_closed_by_back_or_its_control_passes(tmp_path: Path) -> None:
    run = watch(tmp_path)
    popup(run, 2, closed_by="back")
    popup(run, 5)
    verdict = verdict_of(run.view(), CLOSABLE)
    assert verdict["status"] == "pass" and "back, close control" in verdict["summary"]


def test_a_watch_that_never_began_is_inconclusive(tmp_path: Path) -> None:
    run = (
        RunBuilder(tmp_path).launch(0, SCENARIO, fresh=False).step(1, SCENARIO, "app_exited", during="launch")
    )
    assert verdict_of(run.view(), CLOSABLE)["status"] == "inconclusive"
    assert verdict_of(run.view(), HARASSMENT)["status"] == "inconclusive"


def test_a_popup_window_no_dump_showed_leaves_closability_untested(tmp_path: Path) -> None:
    run = watch(tmp_path).event(3, "android.widget.PopupWindow.showAtLocation", None, kind="ui")
    verdict = verdict_of(run.step(61, SCENARIO, "watch_end").view(), CLOSABLE)
    assert verdict["status"] == "inconclusive" and "no UI dump showed" in verdict["summary"]
    dialog = watch(tmp_path / "dialog").event(3, "android.app.Dialog.show", None, kind="ui")
    assert verdict_of(dialog.step(61, SCENARIO, "watch_end").view(), CLOSABLE)["status"] == "pass"
