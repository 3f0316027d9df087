"""exit_on_permission_denial and frequent_reprompt_after_refusal from recorded steps."""

from __future__ import annotations

from pathlib import Path

from tests.test_rules_windows import RunBuilder, verdict_of

SCENARIO = "permission_denial"
PHONE = "Allow Torch to access your phone calls and phone state?"
LOCATION = "Allow Maps to access this device's location?"
EXIT = "exit_on_permission_denial"
REPROMPT = "frequent_reprompt_after_refusal"


def denial_run(tmp_path: Path) -> RunBuilder:
    run = RunBuilder(tmp_path)
    run.launch(0, SCENARIO, fresh=True)
    run.step(1, SCENARIO, "consent", choice="accept")
    return run


def deny(run: RunBuilder, at: float, message: str) -> RunBuilder:
    run.step(at, SCENARIO, "permission_dialog", message=message, ui="ui/x.xml")
    return run.step(at + 0.2, SCENARIO, "permission_answer", choice="deny", message=message)


def test_an_app_that_keeps_working_after_denials_passes_both(tmp_path: Path) -> None:
    run = deny(denial_run(tmp_path), 2, LOCATION)
    run.step(5, SCENARIO, "main_ui", session="first launch", reachable=True, reason=None)
    run.step(6, SCENARIO, "stop").launch(7, SCENARIO, fresh=False)
    run.step(10, SCENARIO, "main_ui", session="relaunch", reachable=True, reason=None)
    view = run.view()
    assert verdict_of(view, EXIT)["status"] == "pass"
    assert verdict_of(view, REPROMPT)["status"] == "pass"


def test_closing_itself_right_after_the_denial_fails(tmp_path: Path) -> None:
    run = deny(denial_run(tmp_path), 2, PHONE)
    run.step(
        2.6, SCENARIO, "app_left", package="com.google.android.apps.nexuslauncher", during="first launch"
    )
    verdict = verdict_of(run.view(), EXIT)
    assert verdict["status"] == "fail"
    assert "left the screen to com.google.android.apps.nexuslauncher 0.4 s after" in verdict["summary"]


def test_process_end_within_the_window_fails_and_after_it_does_not(tmp_path: Path) -> None:
    quick = deny(denial_run(tmp_path / "quick"), 2, PHONE).step(11.9, SCENARIO, "app_exited", during="x")
    assert verdict_of(quick.view(), EXIT)["status"] == "fail"
    late = deny(denial_run(tmp_path / "late"), 2, PHONE).step(12.5, SCENARIO, "app_exited", during="x")
    assert verdict_of(late.view(), EXIT)["status"] == "pass"


def test_a_dialog_loop_fails_both_rules(tmp_path: Path) -> None:
    run = denial_run(tmp_path)
    for at in (2, 3, 4):
        deny(run, at, PHONE)
    view = run.view()
    exit_verdict = verdict_of(view, EXIT)
    assert exit_verdict["status"] == "fail"
    assert "came straight back 2 times" in exit_verdict["summary"]
    assert verdict_of(view, REPROMPT)["status"] == "fail"


def test_an_unreachable_main_screen_fails(tmp_path: Path) -> None:
    run = deny(denial_run(tmp_path), 2, LOCATION)
    run.step(
        5, SCENARIO, "main_ui", session="first launch", reachable=False, reason="a dialog demanding it stays"
    )
    verdict = verdict_of(run.view(), EXIT)
    assert verdict["status"] == "fail" and "a dialog demanding it stays" in verdict["summary"]


def test_no_permission_asked_passes_and_an_early_death_is_inconclusive(tmp_path: Path) -> None:
    assert verdict_of(denial_run(tmp_path / "none").view(), EXIT)["status"] == "pass"
    died = denial_run(tmp_path / "died").step(1.5, SCENARIO, "app_exited", during="x")
    assert verdict_of(died.view(), EXIT)["status"] == "inconclusive"


def test_asking_again_in_the_same_launch_or_on_relaunch_fails(tmp_path: Path) -> None:
    same = deny(deny(denial_run(tmp_path / "same"), 2, LOCATION), 4, LOCATION)
    verdict = verdict_of(same.view(), REPROMPT)
    assert verdict["status"] == "fail" and "in the same launch" in verdict["summary"]
    relaunch = deny(denial_run(tmp_path / "relaunch"), 2, LOCATION)
    relaunch.step(5, SCENARIO, "stop").launch(6, SCENARIO, fresh=False)
    deny(relaunch, 7, LOCATION)
    verdict = verdict_of(relaunch.view(), REPROMPT)
    assert verdict["status"] == "fail" and "on relaunch" in verdict["summary"]
    assert verdict["evidence"][0]["after_denial_s"] == 4.8


def test_a_different_permission_or_one_the_user_asked_for_is_not_a_reprompt(tmp_path: Path) -> None:
    other = deny(deny(denial_run(tmp_path / "other"), 2, LOCATION), 4, PHONE)
    assert verdict_of(other.view(), REPROMPT)["status"] == "pass"
    asked = deny(denial_run(tmp_path / "asked"), 2, LOCATION)
    asked.step(3, SCENARIO, "tap", purpose="explore: Nearby", feature=True)
    deny(asked, 3.5, LOCATION)
    assert verdict_of(asked.view(), REPROMPT)["status"] == "pass"


def test_privacy_dialog_still_asked_after_refusals_fails(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path).launch(0, "consent_reject", fresh=True)
    for index in (1, 2, 3):
        run.step(index, "consent_reject", "consent", choice="reject", round=index)
    run.step(4, "consent_reject", "consent_still_asked", refusals=3)
    verdict = verdict_of(run.view(), REPROMPT)
    assert verdict["status"] == "fail" and "still asked after 3 refusals" in verdict["summary"]


def test_one_follow_up_after_refusing_consent_is_tolerated(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path).launch(0, "consent_reject", fresh=True)
    run.step(1, "consent_reject", "consent", choice="reject", round=1)
    run.step(2, "consent_reject", "consent", choice="reject", round=2)
    assert verdict_of(run.view(), REPROMPT)["status"] == "pass"


def test_not_tested_without_the_scenarios(tmp_path: Path) -> None:
    view = RunBuilder(tmp_path).scenario("first_launch").view()
    assert verdict_of(view, EXIT)["status"] == "not_tested"
    verdict = verdict_of(view, REPROMPT)
    assert verdict["status"] == "not_tested" and "not in this run plan" in verdict["summary"]


def request(run: RunBuilder, at: float, *permissions: str) -> RunBuilder:
    return run.event(
        at,
        "android.app.Activity.requestPermissions",
        None,
        kind="permission_request",
        args=(",".join(f"android.permission.{p}" for p in permissions), "1"),
    )


def test_requesting_a_denied_permission_again_fails_even_without_a_dialog(tmp_path: Path) -> None:
    # Android 11+ shows nothing for a user-fixed permission; the app's call is still the nagging.
    run = request(denial_run(tmp_path), 1.9, "ACCESS_FINE_LOCATION", "ACCESS_COARSE_LOCATION")
    deny(run, 2, LOCATION)
    request(run, 6, "ACCESS_FINE_LOCATION")
    verdict = verdict_of(run.view(), REPROMPT)
    assert verdict["status"] == "fail"
    assert "requested ACCESS_FINE_LOCATION again in the same launch" in verdict["summary"]
    assert verdict["evidence"][0]["after_denial_s"] == 3.8


def test_requests_for_other_permissions_or_after_a_feature_tap_are_not_reprompts(tmp_path: Path) -> None:
    other = request(denial_run(tmp_path / "other"), 1.9, "ACCESS_FINE_LOCATION")
    deny(other, 2, LOCATION)
    request(other, 6, "READ_PHONE_STATE")
    assert verdict_of(other.view(), REPROMPT)["status"] == "pass"
    asked = request(denial_run(tmp_path / "asked"), 1.9, "ACCESS_FINE_LOCATION")
    deny(asked, 2, LOCATION)
    asked.step(5, SCENARIO, "tap", purpose="explore: Nearby", feature=True)
    request(asked, 6, "ACCESS_FINE_LOCATION")
    assert verdict_of(asked.view(), REPROMPT)["status"] == "pass"


def test_back_on_the_dialog_is_no_denial(tmp_path: Path) -> None:
    run = request(denial_run(tmp_path), 1.9, "ACCESS_FINE_LOCATION")
    run.step(2, SCENARIO, "permission_dialog", message=LOCATION, ui="ui/x.xml")
    run.step(2.2, SCENARIO, "permission_answer", choice="dismiss", button=None, message=LOCATION)
    request(run, 4, "ACCESS_FINE_LOCATION")
    deny(run, 4.1, LOCATION)
    view = run.view()
    assert verdict_of(view, REPROMPT)["status"] == "pass"
