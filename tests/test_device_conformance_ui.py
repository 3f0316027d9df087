"""UI expectations asked alike of the simulated device and of the recorded adb stand-in (the
structure of tests/test_device_conformance.py: each test takes `bench`, parametrised over the
device kinds, and names the Android source it follows). The stand-in answers `uiautomator dump`
only with outputs recorded from devices: tests/fixtures/adb/uiautomator_dump_ok.txt,
uiautomator_dump_idle_error.txt (the line DumpCommand prints) and uiautomator_permission_dialog.xml
(an API 34 emulator showing the location dialog).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.device import screen
from harness.device.adb import AdbDevice
from harness.device.base import Device
from harness.device.transport import Adb
from harness.errors import DeviceError
from harness.sim import screen as sim_screen
from harness.sim.device import SimDevice
from harness.ui import UiDriver, find
from harness.ui.recognise import PermissionPrompt, is_permission_package, permission_prompt
from tests.fixtures.adb.fake_adb import FakeAdbDevice, Reply, recorded

DEVICE_KINDS = ("sim", "adb-standin")
SIM_APPS = Path(__file__).parent / "fixtures" / "simapps"


@dataclass
class UiBench:
    kind: str
    device: Device
    show_location_dialog: Callable[[], None]  # the app asks for foreground location
    animate: Callable[[], None]  # the screen starts changing and never settles


def _standin(tmp_path: Path) -> UiBench:
    fake = FakeAdbDevice(serial="emulator-5554")
    fake.on(r"^getprop$", recorded("getprop_emulator_api34.txt"))
    fake.on(r"^id -u$", "0\n")
    animating: list[bool] = []

    def dump(argv: list[str]) -> Reply:
        name = "uiautomator_dump_idle_error.txt" if animating else "uiautomator_dump_ok.txt"
        return Reply(recorded(name))

    fake.on(r"^uiautomator dump ", dump)
    fake.on(r"^cat /data/local/tmp/privacy-probe-ui.xml$", recorded("uiautomator_permission_dialog.xml"))
    device = AdbDevice(Adb(fake, fake.serial), state_dir=tmp_path / "state")
    return UiBench("adb-standin", device, lambda: None, lambda: animating.append(True))


def _sim(device: SimDevice) -> UiBench:
    perms = device.install(SIM_APPS / "permission_app").package
    moving = device.install(SIM_APPS / "dump_app").package
    ui = UiDriver(device)

    def tap_text(text: str) -> None:
        ui.tap(find(ui.dump(), text=text)[0])

    def show_location_dialog() -> None:
        device.launch(perms)
        tap_text("Location")

    def animate() -> None:
        device.launch(moving)
        tap_text("Animate")
        # the device's idle wait: a loaded host may starve the app's main thread for longer
        # than the sim's shorter default, which would let the screen look settled
        device.dump_idle_ms = sim_screen.DEVICE_DUMP_IDLE_MS

    return UiBench("sim", device, show_location_dialog, animate)


@pytest.fixture(params=DEVICE_KINDS)
def bench(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[UiBench]:
    monkeypatch.setattr(screen, "RETRY_DELAY", 0.0)
    monkeypatch.setattr(sim_screen, "SIM_DUMP_GLOBAL_MS", 2000)  # a device gives up after 10 s
    if request.param == "sim":
        device = SimDevice()
        try:
            yield _sim(device)
        finally:
            device.close()
    else:
        standin = _standin(tmp_path)
        yield standin
        standin.device.close()


def test_the_location_dialog_is_the_permission_controllers_with_its_button_ids(bench: UiBench) -> None:
    # packages/modules/Permission PermissionController/res/layout/grant_permissions.xml; location
    # offers "while using" and "only this time" from API 30 on (GrantPermissionsViewModel)
    bench.show_location_dialog()
    screen = UiDriver(bench.device).dump()
    assert is_permission_package(screen.package)
    prompt = permission_prompt(screen)
    assert prompt is not None and not prompt.settings_page
    assert PermissionPrompt.button_name(prompt.allow) == "permission_allow_foreground_only_button"
    assert PermissionPrompt.button_name(prompt.deny) == "permission_deny_button"
    assert find(screen, id_suffix="id/permission_allow_one_time_button")
    assert not find(screen, id_suffix="id/permission_allow_button")  # no plain "Allow" for location


def test_a_screen_that_never_settles_cannot_be_dumped(bench: UiBench) -> None:
    # DumpCommand.java: waitForIdle(1000, 10000), else "ERROR: could not get idle state."
    bench.animate()
    with pytest.raises(DeviceError, match=r"uiautomator dump failed.*ERROR: could not get idle state\."):
        bench.device.dump_ui()
