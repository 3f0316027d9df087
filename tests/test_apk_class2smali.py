"""The JVM class → smali translation that lets Debian's smali make the examples' dex: a program
covering the bytecode shapes javac emits must print the same before and after the round trip
class → smali → dex (smali) → class (enjarify)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.apk.translate import enjarify_path
from tests.fixtures.apk.support import BUILD_SCRIPT, need, need_apk_tools

EXERCISE = Path(__file__).resolve().parent / "fixtures" / "apk" / "bytecode" / "Exercise.java"
sys.path.insert(0, str(BUILD_SCRIPT.parent))
import class2smali  # noqa: E402


def run(command: list[str], **kwargs: object) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, done.stderr[-2000:]
    return str(done.stdout)


def compile_java(source: Path, out: Path) -> Path:
    out.mkdir(parents=True)
    run(["javac", "-source", "8", "-target", "8", "-Xlint:-options", "-nowarn", "-d", str(out), str(source)])
    return out


def test_round_trip_keeps_behaviour(tmp_path: Path) -> None:
    need_apk_tools()
    need(shutil.which("enjarify") is not None, "enjarify missing (scripts/setup.sh installs it)")
    classes = compile_java(EXERCISE, tmp_path / "classes")
    expected = run(["java", "-cp", str(classes), "Exercise"])
    written = class2smali.translate_classes(classes, tmp_path / "smali")
    assert any("Lambda" in p.name for p in written)  # lambdas became classes of their own
    run(["java", "-jar", "/usr/share/java/smali.jar", "assemble", "-o", str(tmp_path / "classes.dex"),
         str(tmp_path / "smali")])  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(enjarify_path())}
    run([sys.executable, "-O", "-m", "enjarify.main", "-f", "-o", str(tmp_path / "back.jar"),
         str(tmp_path / "classes.dex")], env=env)  # fmt: skip
    assert run(["java", "-cp", str(tmp_path / "back.jar"), "Exercise"]) == expected
    assert "div0;ArrayIndexOutOfBoundsException;NullPointerException" in expected


def test_unsupported_code_is_an_error_not_a_wrong_translation(tmp_path: Path) -> None:
    need(shutil.which("javac") is not None, "no JDK")
    source = tmp_path / "Locked.java"
    source.write_text("public class Locked { synchronized void tick() {} }")
    classes = compile_java(source, tmp_path / "classes")
    with pytest.raises(class2smali.TranslationError, match="synchronized methods are not supported"):
        class2smali.translate_classes(classes, tmp_path / "smali")
    with pytest.raises(class2smali.TranslationError, match="not a class file"):
        class2smali.translate_class(b"PK\x03\x04")


def test_smali_literals() -> None:
    assert class2smali.literal('a"b\\c\u00e9\U0001f600') == '"a\\"b\\\\c\\u00e9\\ud83d\\ude00"'
    assert class2smali.split_desc("(IJ[Ljava/lang/String;D)V") == (
        ["I", "J", "[Ljava/lang/String;", "D"],
        "V",
    )
