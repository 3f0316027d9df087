"""UiDriver on the real sim device (no Frida needed): dump, settle, find, tap, recognise screens."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.sim.device import SimDevice
from harness.ui import UiDriver, find, structure_hash
from harness.ui.recognise import consent_dialog
from tests.conftest import EXAMPLES

PACKAGE = "com.ppdemo.notes"


@pytest.fixture
def notes() -> Iterator[tuple[SimDevice, UiDriver]]:
    device = SimDevice()
    try:
        device.install(EXAMPLES / "clean_notes")
        device.launch(PACKAGE)
        yield device, UiDriver(device)
    finally:
        device.close()


def test_tapping_through_consent_and_settings_recognises_each_screen(
    notes: tuple[SimDevice, UiDriver],
) -> None:
    device, ui = notes
    first = ui.settle()
    dialog = consent_dialog(first)
    assert dialog is not None and dialog.accept is not None
    assert ui.is_overlay(first)

    ui.tap(dialog.accept)
    main = ui.settle()
    assert main.package == PACKAGE and consent_dialog(main) is None
    assert not ui.is_overlay(main)
    assert ui.display.area == 1080 * 2340

    ui.tap(find(main, text="Settings")[0])
    settings = ui.settle()
    assert find(settings, text="Account")
    assert structure_hash(settings) != structure_hash(main)

    device.back()
    assert structure_hash(ui.settle()) == structure_hash(main)


def test_wait_for_returns_the_screen_or_none_when_time_runs_out(notes: tuple[SimDevice, UiDriver]) -> None:
    _, ui = notes
    seen = ui.wait_for(lambda screen: consent_dialog(screen) is not None, timeout_s=2.0)
    assert seen is not None
    assert ui.wait_for(lambda screen: bool(find(screen, text="Delete account")), timeout_s=0.3) is None


def test_a_screen_without_the_app_is_the_launcher(notes: tuple[SimDevice, UiDriver]) -> None:
    device, ui = notes
    device.home()
    assert ui.dump().package == "com.google.android.apps.nexuslauncher"
