"""A device action failing because the app ended itself while handling it (a click handler that
calls exit): the process still looks alive for a moment, and that is an exit, not an error."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest

from harness.device.base import AppInfo, Device
from harness.errors import DeviceError
from harness.records import JsonlWriter, read_jsonl
from harness.rundir import RunDir
from harness.scenario import AppDied, ScenarioContext


class TearingDown:
    """The device boundary only: BACK fails (the app's window went with its process) while
    `pidof` still finds the process for `alive_polls` more looks, as during a teardown."""

    def __init__(self, alive_polls: int) -> None:
        self.alive_polls = alive_polls

    def back(self) -> None:
        raise DeviceError("input keyevent 4: the focused window is gone")

    def is_running(self, package: str) -> bool:
        self.alive_polls -= 1
        return self.alive_polls >= 0


def context(tmp_path: Path, device: TearingDown) -> ScenarioContext:
    app = AppInfo("com.example.app", "Example", "1", "com.example.app.Main", None)
    return ScenarioContext(
        device=cast(Device, device),
        app=app,
        run=RunDir(tmp_path),
        steps=JsonlWriter(tmp_path / "steps.jsonl"),
        events=JsonlWriter(tmp_path / "events.jsonl"),
        agent_bundle="",
        scenario="consent_reject",
    )


def test_an_app_seen_gone_shortly_after_the_failure_exited(tmp_path: Path) -> None:
    ctx = context(tmp_path, TearingDown(alive_polls=3))
    with pytest.raises(AppDied):
        ctx.back("refuse the privacy dialog")
    exits = [s for s in read_jsonl(tmp_path / "steps.jsonl") if s["action"] == "app_exited"]
    assert [s["detail"]["during"] for s in exits] == ["back (refuse the privacy dialog)"]


def test_an_app_still_running_after_the_grace_is_a_device_error(tmp_path: Path) -> None:
    ctx = context(tmp_path, TearingDown(alive_polls=1000))
    with pytest.raises(DeviceError, match="focused window is gone"):
        ctx.back("refuse the privacy dialog")
    assert not [s for s in read_jsonl(tmp_path / "steps.jsonl") if s["action"] == "app_exited"]
