"""`privacy-probe demo`: the examples through the batch engine; exit 0 when every one was tested.

The full demo (all examples, full plan, opened in a browser) is tests/test_reports_browser.py;
here a two-app catalog on the same engine shows what a defective example looks like.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from harness.demo import app_line, run_demo
from harness.documents.batch_index import IndexEntry
from harness.humanize import clock_time, duration, moment, size
from tests.conftest import EXAMPLES, PROJECT_ROOT

BROKEN_MANIFEST = """<manifest xmlns:android="http://schemas.android.com/apk/res/android"
  package="com.t.broken">
  <application android:label="Broken"><activity android:name=".Main">
    <intent-filter><action android:name="android.intent.action.MAIN"/>
    <category android:name="android.intent.category.LAUNCHER"/></intent-filter>
  </activity></application></manifest>"""
BROKEN_MAIN = (
    "package com.t.broken;\npublic class Main extends android.app.Activity {\n  int x = nothing;\n}\n"
)
CLOCK = r"\d\d:\d\d:\d\d\.\d{3} UTC"


def test_app_lines_say_what_each_example_showed_or_why_it_was_not_tested() -> None:
    tested = IndexEntry("leaky_sdk", "done", failed_rules=("a", "b"), verdicts={"inconclusive": 1})
    clean = IndexEntry("clean_notes", "done", failed_rules=(), verdicts={"inconclusive": 0})
    broken = IndexEntry("splash_ad", "failed", triage="install_failed", detail="X.java:3: oo")
    assert app_line(tested) == "leaky_sdk: 2 rules failed: a, b (1 inconclusive)"
    assert app_line(clean) == "clean_notes: no rule failed"
    assert app_line(broken) == "splash_ad: NOT TESTED (install_failed): X.java:3: oo"
    partial = replace(clean, exit_code=2, run_dir="clean_notes")
    assert app_line(partial) == "clean_notes: no rule failed; INCOMPLETE run (see clean_notes/report.html)"


def test_a_demo_with_an_untestable_example_exits_2_and_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken"
    (broken / "src" / "com" / "t" / "broken").mkdir(parents=True)
    (broken / "AndroidManifest.xml").write_text(BROKEN_MANIFEST)
    (broken / "src" / "com" / "t" / "broken" / "Main.java").write_text(BROKEN_MAIN)
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(f"app,name\n{EXAMPLES / 'leaky_sdk'},leaky_sdk\nbroken,broken\n")
    code = run_demo(tmp_path / "out", "sim:2", 1.0, catalog=catalog, scenarios=("first_launch",))
    out, err = capsys.readouterr()
    assert code == 2, err
    assert re.search(rf"^demo: started at {CLOCK}: ", out, re.M), out
    assert re.search(r"^  leaky_sdk: \d+ rules? failed: .*pi_access_before_consent", out, re.M), out
    assert "  broken: NOT TESTED (install_failed): Main.java:3: cannot find symbol" in out
    assert re.search(rf"^demo: 2 example apps in [\d.]+ s \(ended {CLOCK}\); open .*index\.html$", out, re.M)
    assert err.strip().splitlines()[-1] == (
        "privacy-probe: error: 1 of 2 example apps could not be tested: broken (install_failed)"
    )
    assert (tmp_path / "out" / "index.html").is_file()
    assert "start  leaky_sdk on sim-" in err  # the batch engine's progress (a live bar on a terminal)


def test_times_and_sizes_read_as_a_person_reads_them() -> None:
    assert clock_time(1796396053.812) == "14:54:13.812 UTC"
    assert moment(1796396053.812, 1796396041.5) == "14:54:13.812 UTC, +12.3 s after launch"
    assert moment(1796396053.8, None) == "14:54:13.800 UTC"
    assert [size(n) for n in (1, 900, 1536, 16 * 1024 * 1024, 100_000_000)] == [
        "1 byte", "900 bytes", "1.5 KiB", "16 MiB", "95.4 MiB",
    ]  # fmt: skip
    assert [duration(s) for s in (48.25, 290.6, 3725)] == ["48.2 s", "4 min 51 s", "1 h 02 min"]


def test_the_consent_time_in_a_verdict_is_a_clock_time_after_launch() -> None:
    from harness.detect.consent_ambiguity import consent_note
    from harness.detect.view import RunView

    view = RunView.load(PROJECT_ROOT / "tests" / "fixtures" / "reports" / "leaky_hostile")
    assert view.consent is not None
    note = consent_note(view)
    assert re.fullmatch(rf"consent was given at {CLOCK}, \+\d+\.\d s after launch \(steps\.jsonl#\d+\)", note)
    assert str(int(view.consent.ts)) not in note  # never the raw epoch
