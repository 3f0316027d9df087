"""`privacy-probe demo`: the examples through the batch engine; exit 0 when every one was tested.

The full demo (all examples, full plan, opened in a browser) is tests/test_reports_browser.py;
here a two-app catalog on the same engine shows what a defective example looks like.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.demo import app_line, run_demo
from tests.conftest import EXAMPLES

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
    tested = {
        "app_id": "leaky_sdk",
        "status": "done",
        "failed_rules": ["a", "b"],
        "verdicts": {"inconclusive": 1},
    }
    clean = {"app_id": "clean_notes", "status": "done", "failed_rules": [], "verdicts": {"inconclusive": 0}}
    broken = {
        "app_id": "splash_ad",
        "status": "failed",
        "triage": "install_failed",
        "detail": "X.java:3: oo",
    }
    assert app_line(tested) == "leaky_sdk: 2 rules failed: a, b (1 inconclusive)"
    assert app_line(clean) == "clean_notes: no rule failed"
    assert app_line(broken) == "splash_ad: NOT TESTED (install_failed): X.java:3: oo"


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
