"""Animation scales are turned off while a device is driven and put back as they were."""

from __future__ import annotations

from pathlib import Path

from harness.device.animations import SCALES, AnimationScales
from harness.device.transport import Adb
from tests.fixtures.adb.fake_adb import FakeAdbDevice, recorded
from tests.test_adb_device import PKG, device, emulator


def test_scales_go_to_zero_and_come_back_as_they_were() -> None:
    fake = FakeAdbDevice()
    fake.settings["global/window_animation_scale"] = "0.5"
    scales = AnimationScales(Adb(fake, fake.serial))
    scales.disable()
    assert all(fake.settings[f"global/{name}"] == "0" for name in SCALES)
    scales.disable()  # a second call keeps the first values to restore
    scales.restore()
    assert fake.settings["global/window_animation_scale"] == "0.5"
    # unset before: deleted again, not left at 0 or written as "null"
    assert "global/transition_animation_scale" not in fake.settings
    assert "global/animator_duration_scale" not in fake.settings
    before = list(fake.log)
    scales.restore()
    assert fake.log == before


def test_nothing_is_restored_when_nothing_was_changed() -> None:
    fake = FakeAdbDevice()
    AnimationScales(Adb(fake, fake.serial)).restore()
    assert not [c for c in fake.log if "animation" in c]


def test_a_device_run_turns_animations_off_at_launch_and_back_on_close(tmp_path: Path) -> None:
    fake = emulator()
    fake.settings["global/animator_duration_scale"] = "1.0"
    fake.on(
        r"^cmd package resolve-activity --brief -a android.intent.action.MAIN "
        r"-c android.intent.category.LAUNCHER",
        recorded("resolve_activity_brief.txt"),
    )
    fake.on(r"^am start -W -a android.intent.action.MAIN ", recorded("am_start_w_ok.txt"))
    fake.on(rf"^pidof {PKG}$", "5203\n")
    adb_device = device(fake, tmp_path)
    adb_device.launch(PKG)
    assert all(fake.settings[f"global/{name}"] == "0" for name in SCALES)
    adb_device.close()
    assert fake.settings["global/animator_duration_scale"] == "1.0"
    assert "global/window_animation_scale" not in fake.settings
