"""background_collection: personal-information reads between HOME and the return."""

from __future__ import annotations

from pathlib import Path

from tests.test_rules_windows import RunBuilder, verdict_of

SCENARIO = "background"
RULE = "background_collection"
GPS = "android.location.LocationManager.getLastKnownLocation"


def backgrounded(tmp_path: Path) -> RunBuilder:
    run = RunBuilder(tmp_path).launch(0, SCENARIO, fresh=False)
    run.step(2, SCENARIO, "home", purpose="background").step(2, SCENARIO, "background_start", seconds=4)
    return run.step(6, SCENARIO, "background_end").step(6, SCENARIO, "resume")


def test_a_read_in_the_background_fails(tmp_path: Path) -> None:
    run = backgrounded(tmp_path).event(3.5, GPS, "location")
    verdict = verdict_of(run.view(), RULE)
    assert verdict["status"] == "fail"
    assert verdict["data_types"] == ["location"]
    assert (
        "location via LocationManager.getLastKnownLocation by app code x1 (1.5 s after HOME)"
        in verdict["summary"]
    )


def test_refused_attempts_count_too(tmp_path: Path) -> None:
    run = backgrounded(tmp_path).event(4, GPS, "location", outcome="security_exception")
    verdict = verdict_of(run.view(), RULE)
    assert verdict["status"] == "fail" and "refused" in verdict["summary"]


def fast_forwarded(tmp_path: Path, rate: float) -> RunBuilder:
    """4 s of wall time in the background, 3.5 of them with the app clock at `rate`."""
    run = RunBuilder(tmp_path).launch(0, SCENARIO, fresh=False)
    run.step(2, SCENARIO, "home", purpose="background").step(2, SCENARIO, "background_start", seconds=600)
    run.step(2.5, SCENARIO, "clock", rate=rate).step(6, SCENARIO, "clock", rate=1.0)
    return run.step(6, SCENARIO, "background_end").step(6, SCENARIO, "resume")


def test_reads_while_leaving_or_in_front_and_sensor_registrations_pass(tmp_path: Path) -> None:
    run = fast_forwarded(tmp_path, 200.0)  # 0.5 + 3.5 × 200 = 700.5 s of app time
    run.event(2.3, GPS, "location")  # onPause/onStop of leaving: within the grace
    run.event(1, GPS, "location").event(6.5, GPS, "location")  # in front
    run.event(4, "android.hardware.SensorManager.registerListener", "sensor")
    verdict = verdict_of(run.view(), RULE)
    assert verdict["status"] == "pass" and "700 s of app time in the background" in verdict["summary"]


def test_a_clean_stay_shorter_than_the_window_is_inconclusive_never_pass(tmp_path: Path) -> None:
    wall_only = verdict_of(backgrounded(tmp_path / "wall").view(), RULE)
    assert wall_only["status"] == "inconclusive"
    assert "only 4.0 s of app time; the rule needs 600 s" in wall_only["summary"]
    slow = verdict_of(fast_forwarded(tmp_path / "slow", 100.0).view(), RULE)  # 350.5 s
    assert slow["status"] == "inconclusive" and "only 350.5 s" in slow["summary"]


def test_times_in_a_fast_forwarded_background_are_app_time(tmp_path: Path) -> None:
    run = fast_forwarded(tmp_path, 200.0).event(3.5, GPS, "location")
    verdict = verdict_of(run.view(), RULE)
    assert verdict["status"] == "fail" and "(200.5 s after HOME)" in verdict["summary"]


def test_a_hostile_clock_record_is_ignored(tmp_path: Path) -> None:
    run = backgrounded(tmp_path).step(2.5, SCENARIO, "clock", rate=1e12)
    assert "only 4.0 s of app time" in verdict_of(run.view(), RULE)["summary"]


def test_never_reaching_the_background_is_inconclusive(tmp_path: Path) -> None:
    run = (
        RunBuilder(tmp_path).launch(0, SCENARIO, fresh=False).step(1, SCENARIO, "app_exited", during="ready")
    )
    assert verdict_of(run.view(), RULE)["status"] == "inconclusive"
