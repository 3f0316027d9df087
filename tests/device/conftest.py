"""The opt-in device tier: real emulators or phones.

    pytest -m device --serial emulator-5554
    ANDROID_SERIAL=emulator-5554 pytest -m device

Every test here is marked `device` (deselected by default). Without a reachable device,
or without the Android SDK to build the example apps, the tests skip with the reason.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from device_examples import EXAMPLES, example_apps

from harness.device.transport import attached_devices
from harness.errors import DeviceError


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.device)


@pytest.fixture(scope="session")
def serial(request: pytest.FixtureRequest) -> str:
    chosen = request.config.getoption("--serial") or os.environ.get("ANDROID_SERIAL")
    if not chosen:
        pytest.skip("no device: pass --serial SERIAL (or set ANDROID_SERIAL)")
    try:
        states = dict(attached_devices())
    except DeviceError as error:
        pytest.skip(str(error))
    if states.get(chosen) != "device":
        pytest.skip(f"{chosen} is not online (adb state: {states.get(chosen, 'absent')})")
    return str(chosen)


@pytest.fixture(scope="session")
def apk_builder() -> ModuleType:
    if not (os.environ.get("ANDROID_HOME") or os.environ.get("ANDROID_SDK_ROOT")):
        pytest.skip("no Android SDK (ANDROID_HOME) to build the example apps into APKs")
    script = EXAMPLES / "android-build" / "build_apk.py"
    spec = importlib.util.spec_from_file_location("build_apk", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_apk"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def built_apks(apk_builder: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("apks")
    apks = {}
    for app in example_apps():
        try:
            apks[app.name] = apk_builder.build_apk(app, out / f"{app.name}.apk")
        except apk_builder.BuildError as error:
            pytest.fail(f"{app.name} does not build into an APK: {error}")
    return apks
