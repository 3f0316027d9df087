"""high_frequency_collection: series of reads of one API by one caller within one process."""

from __future__ import annotations

from pathlib import Path

from tests.test_rules_windows import RunBuilder, verdict_of

RULE = "high_frequency_collection"
ANDROID_ID = "android.provider.Settings.Secure.getString"
GPS = "android.location.LocationManager.getLastKnownLocation"


def process(tmp_path: Path, category: str | None = None) -> RunBuilder:
    return RunBuilder(tmp_path, category=category).launch(0, "permission_grant", fresh=True)


def watched_until(run: RunBuilder, at: float) -> RunBuilder:
    return run.step(at, "permission_grant", "dwell", seconds=at, why="watching")


def test_three_reads_two_seconds_apart_fail(tmp_path: Path) -> None:
    run = process(tmp_path)
    for at in (1, 3, 5):
        run.event(at, ANDROID_ID, "device_id")
    verdict = verdict_of(run.view(), RULE)
    assert verdict["status"] == "fail"
    assert verdict["summary"] == "device_id via Secure.getString by app code: 3 reads, every 2.0 s"


def test_two_reads_or_reads_more_than_thirty_seconds_apart_pass(tmp_path: Path) -> None:
    two = process(tmp_path / "two").event(1, ANDROID_ID, "device_id").event(3, ANDROID_ID, "device_id")
    assert verdict_of(watched_until(two, 61).view(), RULE)["status"] == "pass"
    slow = process(tmp_path / "slow")
    for at in (1, 32, 63):
        slow.event(at, ANDROID_ID, "device_id")
    assert verdict_of(slow.view(), RULE)["status"] == "pass"
    edge = process(tmp_path / "edge")
    for at in (1, 31, 61):
        edge.event(at, ANDROID_ID, "device_id")
    assert verdict_of(edge.view(), RULE)["status"] == "fail"


def test_series_do_not_span_processes_or_callers(tmp_path: Path) -> None:
    run = (
        process(tmp_path).event(1, ANDROID_ID, "device_id").event(2, ANDROID_ID, "device_id", sdk="com.umeng")
    )
    run.event(3, ANDROID_ID, "device_id")
    run.step(4, "permission_grant", "stop").launch(5, "background", fresh=False)
    run.event(6, ANDROID_ID, "device_id")
    assert verdict_of(watched_until(run, 70).view(), RULE)["status"] == "pass"


def test_location_is_exempt_only_where_location_is_the_function(tmp_path: Path) -> None:
    for category, status in (("地图导航类", "pass"), ("新闻资讯类", "fail")):
        run = process(tmp_path / status, category)
        for at in (1, 2, 3):
            run.event(at, GPS, "location")
        assert verdict_of(watched_until(run, 61).view(), RULE)["status"] == status, category


def test_a_run_whose_app_never_started_is_not_tested(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path).step(0, "first_launch", "launch", fresh=True)
    assert verdict_of(run.view(), RULE)["status"] == "not_tested"


def test_no_series_in_a_watch_shorter_than_a_minute_is_inconclusive(tmp_path: Path) -> None:
    short = process(tmp_path / "short").event(1, ANDROID_ID, "device_id")
    verdict = verdict_of(watched_until(short, 20).view(), RULE)
    assert verdict["status"] == "inconclusive"
    assert "only 20.0 s of app time; the rule needs 60 s" in verdict["summary"]
    # a stopped process counts until its stop, not until the end of the run
    stopped = process(tmp_path / "stopped").step(10, "permission_grant", "stop")
    assert verdict_of(watched_until(stopped, 90).view(), RULE)["status"] == "inconclusive"


def test_spacing_is_measured_in_app_time_when_the_clock_was_fast_forwarded(tmp_path: Path) -> None:
    for rate, status, summary in ((100.0, "fail", "every 10.0 s"), (400.0, "pass", "")):
        run = process(tmp_path / status).step(0.9, "permission_grant", "clock", rate=rate)
        for at in (1, 1.1, 1.2):  # 0.1 s of wall time apart
            run.event(at, ANDROID_ID, "device_id")
        verdict = verdict_of(run.step(1.3, "permission_grant", "clock", rate=1.0).view(), RULE)
        assert verdict["status"] == status and summary in verdict["summary"], rate
