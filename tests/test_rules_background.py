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


def test_reads_while_leaving_or_in_front_and_sensor_registrations_pass(tmp_path: Path) -> None:
    run = backgrounded(tmp_path)
    run.event(2.3, GPS, "location")  # onPause/onStop of leaving: within the grace
    run.event(1, GPS, "location").event(6.5, GPS, "location")  # in front
    run.event(4, "android.hardware.SensorManager.registerListener", "sensor")
    verdict = verdict_of(run.view(), RULE)
    assert verdict["status"] == "pass" and "4.0 s in the background" in verdict["summary"]


def test_never_reaching_the_background_is_inconclusive(tmp_path: Path) -> None:
    run = (
        RunBuilder(tmp_path).launch(0, SCENARIO, fresh=False).step(1, SCENARIO, "app_exited", during="ready")
    )
    assert verdict_of(run.view(), RULE)["status"] == "inconclusive"
