"""Bad input ends with one line on stderr and exit code 2 — never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

GOOD_MANIFEST = """<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.t.app">
  <application android:label="T"><activity android:name=".Main">
    <intent-filter><action android:name="android.intent.action.MAIN"/>
    <category android:name="android.intent.category.LAUNCHER"/></intent-filter>
  </activity></application></manifest>"""


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harness", *args],
        capture_output=True, text=True, cwd=PROJECT_ROOT, env=env or dict(os.environ), timeout=180,
    )  # fmt: skip


def assert_one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert fragment in lines[0]


def make_app(root: Path, manifest: str, java: str | None) -> Path:
    app = root / "app"
    (app / "src" / "com" / "t" / "app").mkdir(parents=True)
    (app / "AndroidManifest.xml").write_text(manifest)
    if java is not None:
        (app / "src" / "com" / "t" / "app" / "Main.java").write_text(java)
    return app


def test_missing_path(tmp_path: Path) -> None:
    assert_one_line_error(cli("run", str(tmp_path / "nope"), "--out", str(tmp_path)), "no such file")


def test_unknown_scenario(tmp_path: Path) -> None:
    app = make_app(tmp_path, GOOD_MANIFEST, "package com.t.app; public class Main {}")
    result = cli("run", str(app), "--scenario", "dance", "--out", str(tmp_path / "o"))
    assert_one_line_error(result, "unknown scenario 'dance'")


def test_unknown_option_is_a_usage_error() -> None:
    assert_one_line_error(cli("run", "x", "--bogus"), "unrecognized arguments")


@pytest.mark.parametrize(
    ("manifest", "fragment"),
    [
        (GOOD_MANIFEST.replace('package="com.t.app"', ""), "has no package attribute"),
        (GOOD_MANIFEST.replace("android.intent.category.LAUNCHER", "x.y"), "MAIN/LAUNCHER"),
    ],
)
def test_bad_manifest_leaves_a_failed_manifest(tmp_path: Path, manifest: str, fragment: str) -> None:
    app = make_app(tmp_path, manifest, "package com.t.app; public class Main {}")
    result = cli("run", str(app), "--out", str(tmp_path / "out"), "--no-capture")
    assert_one_line_error(result, fragment)
    run_manifest = json.loads((tmp_path / "out" / "app" / "manifest.json").read_text())
    assert run_manifest["status"] == "failed"
    install = next(s for s in run_manifest["stages"] if s["name"] == "install")
    assert install["status"] == "failed" and fragment in install["error"]


def test_compile_error_shows_the_first_compiler_error(tmp_path: Path) -> None:
    java = (
        "package com.t.app;\npublic class Main extends android.app.Activity {\n  int x = undefinedThing;\n}\n"
    )
    app = make_app(tmp_path, GOOD_MANIFEST, java)
    result = cli("run", str(app), "--out", str(tmp_path / "out"), "--no-capture")
    assert_one_line_error(result, "Main.java:3: cannot find symbol")
    assert "undefinedThing" in result.stderr


def test_no_jdk(tmp_path: Path) -> None:
    app = make_app(tmp_path, GOOD_MANIFEST, "package com.t.app; public class Main {}")
    env = dict(os.environ, PATH=str(Path(sys.executable).parent), PRIVACY_PROBE_CACHE=str(tmp_path / "c"))
    result = cli("run", str(app), "--out", str(tmp_path / "out"), "--no-capture", env=env)
    assert_one_line_error(result, "javac not found")


def test_analyze_of_a_folder_that_is_not_a_run(tmp_path: Path) -> None:
    assert_one_line_error(cli("analyze", str(tmp_path)), "not a run folder")
