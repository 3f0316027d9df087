"""What a scenario gets to work with: the device, the app, and a recorder for every action.

A scenario is a module in `scenarios/` with `NAME`, `DESCRIPTION` and `run(ctx)`. It drives the
app only through `ScenarioContext`, which records each action to steps.jsonl and attaches the
Frida agent to every app process it starts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from harness.device.base import AppInfo, Device
from harness.errors import ProbeError
from harness.instrument import Instrumentation
from harness.records import JsonlWriter, Step
from harness.rundir import RunDir

POLL_S = 0.2


class AppDied(ProbeError):
    """The app process ended while a scenario expected it to run."""


@dataclass
class ScenarioContext:
    device: Device
    app: AppInfo
    run: RunDir
    steps: JsonlWriter
    events: JsonlWriter
    agent_bundle: str
    scenario: str = ""
    instrumentations: list[Instrumentation] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    _shot: int = 0

    def step(self, action: str, **detail: Any) -> Step:
        record = Step(ts=time.time(), scenario=self.scenario, action=action, detail=detail)
        self.steps.write(record)
        return record

    def launch(self, *, fresh: bool = False) -> int:
        """Start the app with the agent loaded before any app code runs; returns the pid."""
        if fresh:
            self.device.clear_data(self.app.package)
            self.step("clear_data")
        instrumentation = Instrumentation(
            self.device.frida_device(), self.agent_bundle, self.events, self.app.package
        )
        self.step("launch", fresh=fresh)
        pid = self.device.launch(self.app.package, before_start=instrumentation.attach)
        self.instrumentations.append(instrumentation)
        self.step(
            "launched",
            pid=pid,
            attach_s=round(instrumentation.report.attach_s, 3),
            hooks=len(instrumentation.report.hooks_installed),
        )
        return pid

    def running(self) -> bool:
        return self.device.is_running(self.app.package)

    def wait(self, seconds: float, *, until: Callable[[], bool] | None = None) -> bool:
        """Let the app run; True when `until` became true, False when the time ran out or it died."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if until is not None and until():
                return True
            if not self.running():
                return False
            time.sleep(min(POLL_S, max(0.0, deadline - time.monotonic())))
        return False

    def capture_screen(self, label: str) -> str:
        """Save the UI dump and a screenshot; returns the file stem under ui/."""
        self._shot += 1
        stem = f"{self._shot:04d}-{''.join(c if c.isalnum() else '_' for c in label)[:40]}"
        xml = self.device.dump_ui()
        (self.run.ui_dir / f"{stem}.xml").write_text(xml, encoding="utf-8")
        self.device.screenshot(self.run.ui_dir / f"{stem}.png")
        self.step("screen", label=label, ui=f"ui/{stem}.xml", screenshot=f"ui/{stem}.png")
        return stem

    def exit_details(self) -> dict[str, Any]:
        """Why the last app process ended, as far as Frida saw it."""
        if not self.instrumentations:
            return {}
        report = self.instrumentations[-1].report
        return {"reason": report.detached_reason, "crash": report.crash}

    def stop_app(self) -> None:
        for instrumentation in self.instrumentations:
            instrumentation.flush()
        self.device.stop(self.app.package)
        self.step("stop")
