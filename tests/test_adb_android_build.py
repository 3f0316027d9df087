"""The example-APK build script: SDK discovery and the tool invocations (the tools themselves
only exist where the Android SDK is installed; the device tier runs them)."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "examples" / "android-build" / "build_apk.py"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_apk", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_apk"] = module
    spec.loader.exec_module(module)
    return module


def fake_sdk(root: Path) -> Path:
    for version in ("30.0.3", "34.0.0", "9.0.0"):
        tools = root / "build-tools" / version
        tools.mkdir(parents=True)
        for tool in ("aapt2", "d8", "zipalign", "apksigner"):
            (tools / tool).touch()
    for api in (30, 34):
        (root / "platforms" / f"android-{api}").mkdir(parents=True)
        (root / "platforms" / f"android-{api}" / "android.jar").touch()
    (root / "platforms" / "android-35").mkdir()  # no android.jar: an interrupted download
    return root


def test_finds_the_newest_build_tools_and_platform(build: ModuleType, tmp_path: Path) -> None:
    sdk = build.find_sdk({"ANDROID_HOME": str(fake_sdk(tmp_path))})
    assert sdk.build_tools.name == "34.0.0"
    assert sdk.android_jar == tmp_path / "platforms" / "android-34" / "android.jar"
    assert (
        build.find_sdk({"ANDROID_SDK_ROOT": str(tmp_path)}, platform=30).android_jar.parent.name
        == "android-30"
    )


def test_without_an_sdk_it_says_what_to_install(build: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(build.BuildError, match=r"set ANDROID_HOME"):
        build.find_sdk({})
    (tmp_path / "build-tools").mkdir()
    with pytest.raises(build.BuildError, match=r"sdkmanager 'build-tools;34.0.0'"):
        build.find_sdk({"ANDROID_HOME": str(tmp_path)})


def test_commands_compile_the_sim_app_against_android_jar(build: ModuleType, tmp_path: Path) -> None:
    sdk = build.find_sdk({"ANDROID_HOME": str(fake_sdk(tmp_path / "sdk"))})
    app = tmp_path / "app"
    (app / "src" / "com" / "ppdemo").mkdir(parents=True)
    (app / "src" / "com" / "ppdemo" / "Main.java").write_text("package com.ppdemo; class Main {}")
    (app / "AndroidManifest.xml").write_text("<manifest/>")
    aapt2, javac, zipalign = build.build_commands(sdk, app, tmp_path / "work", 30)
    assert aapt2[1:4] == ["link", "--manifest", str(app / "AndroidManifest.xml")]
    assert aapt2[6:8] == ["--min-sdk-version", "24"] and aapt2[8:10] == ["--target-sdk-version", "30"]
    assert javac[:5] == ["javac", "-source", "8", "-target", "8"]
    assert javac[javac.index("-bootclasspath") + 1] == str(sdk.android_jar)
    assert javac[-1].endswith("com/ppdemo/Main.java")
    assert zipalign[1:3] == ["-f", "4"]
    d8 = build.d8_command(sdk, ["a.class"], tmp_path / "work")
    assert d8[1:5] == ["--min-api", "24", "--lib", str(sdk.android_jar)] and d8[-1] == "a.class"
    with pytest.raises(build.BuildError, match=r"no \.java files"):
        build.build_commands(sdk, tmp_path / "sdk", tmp_path / "work", 30)


def test_add_dex_puts_classes_dex_at_the_apk_root(build: ModuleType, tmp_path: Path) -> None:
    apk = tmp_path / "app.apk"
    with zipfile.ZipFile(apk, "w") as archive:
        archive.writestr("AndroidManifest.xml", b"\x03\x00\x08\x00")
    dex = tmp_path / "classes.dex"
    dex.write_bytes(b"dex\n035\x00")
    build.add_dex(apk, dex)
    with zipfile.ZipFile(apk) as archive:
        assert archive.read("classes.dex") == b"dex\n035\x00"
        assert archive.namelist() == ["AndroidManifest.xml", "classes.dex"]
