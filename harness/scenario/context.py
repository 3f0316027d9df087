"""`ScenarioContext`: the device, the app, and a recorder for every action a scenario takes.

It records each action to steps.jsonl (`harness.steps.StepAction` names them), saves the screen
(uiautomator XML and a screenshot) after each one, and attaches the Frida agent to every app
process it starts.

(A little over 300 lines: it is the one surface a scenario drives the app through; its parts that
stand alone are in clock.py, exits.py, history.py and screens.py.)
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from harness.device.base import AppInfo, ClockControl, Device
from harness.errors import AppCrashed, DeviceError, InstrumentationError, ProbeError
from harness.instrument import Instrumentation
from harness.records import JsonlWriter, Step
from harness.rundir import LOGCAT, RunDir
from harness.scenario.clock import AppClock
from harness.scenario.exits import AppDied, exit_details, killed_from_outside
from harness.scenario.history import ProcessState, had_launched, recorded_process_state
from harness.scenario.screens import Observation, ScreenFiles
from harness.steps import StepAction
from harness.ui.driver import SettleSettings, UiDriver
from harness.ui.find import control_label
from harness.ui.recognise import is_permission_package
from harness.ui.signature import structure_hash
from harness.ui.tree import UiNode, UiScreen

POLL_S = 0.2
# How long a process whose device action failed may take to be seen gone (being torn down, it
# still counts as running for a moment)
EXIT_GRACE_S = 2.0


def now() -> float:
    """Wall-clock time at the agent's resolution (whole milliseconds, Date.now() / 1000), so
    that an event caused by an action never sorts before the step that records the action."""
    return int(time.time() * 1000) / 1000


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
    _ui: UiDriver | None = None
    _exit_recorded: bool = False
    _clock: AppClock = field(default_factory=AppClock)
    _screens: ScreenFiles = field(init=False)

    def __post_init__(self) -> None:
        self._screens = ScreenFiles(self.run, self.scenario)

    # -- recording ----------------------------------------------------------------------------

    def step(self, action: StepAction, **detail: Any) -> Step:
        return self.step_at(now(), action, **detail)

    def step_at(self, ts: float, action: StepAction, **detail: Any) -> Step:
        """Record a step that happened at `ts` (taken before the action, e.g. a consent tap)."""
        record = Step(ts=ts, scenario=self.scenario, action=action, detail=detail)
        self.steps.write(record)
        return record

    def option(self, name: str, default: float) -> float:
        value = self.options.get(name, default)
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default

    @property
    def dwell_s(self) -> float:
        """The run's dwell time (`--duration`): how long scenarios leave the app alone."""
        return max(0.0, self.option("duration", 3.0))

    # -- the app's process --------------------------------------------------------------------

    def launch(self, *, fresh: bool = False) -> int:
        """Start the app with the agent loaded before any app code runs; returns the pid.

        A crash while starting ends the run when it is the run's first launch (nothing can be
        tested); on a later launch it is what the app did, so it is recorded as `app_exited`
        and the scenario ends with AppDied.
        """
        if fresh:
            self.device.clear_data(self.app.package)
            self.step(StepAction.CLEAR_DATA)
        instrumentation = self._instrumentation()
        self.device.set_process_hook(self._instrument_secondary)
        earlier_launch = had_launched(self.steps.path)
        self.step(StepAction.LAUNCH, fresh=fresh)
        try:
            pid = self.device.launch(self.app.package, before_start=instrumentation.attach)
        except AppCrashed as exc:
            if not earlier_launch:
                raise
            self.step(StepAction.APP_EXITED, reason="crashed while starting", during="launch", error=str(exc))
            self._exit_recorded = True
            raise AppDied(f"the app crashed while starting: {exc}") from None
        self.instrumentations.append(instrumentation)
        try:
            instrumentation.wait_ready()  # the agent hooks when the app binds, after the resume
        except InstrumentationError:
            with contextlib.suppress(ProbeError):
                self.device.stop(self.app.package)
            raise
        self._exit_recorded = False
        self.step(
            StepAction.LAUNCHED,
            pid=pid,
            attach_s=round(instrumentation.report.attach_s, 3),
            hooks=len(instrumentation.report.hooks_installed),
        )
        return pid

    def _instrumentation(self, process: str | None = None) -> Instrumentation:
        canary = self.options.get("clipboard_canary")
        native_tls = self.options.get("native_tls")
        return Instrumentation(
            self.device.frida_device(), self.agent_bundle, self.events, self.app.package,
            clipboard_canary=canary if isinstance(canary, str) else None, process=process,
            native_tls=native_tls if isinstance(native_tls, list) else [],
        )  # fmt: skip

    def _instrument_secondary(self, pid: int, process: str) -> None:
        """The device's process hook: loads the agent into the app's other processes
        (android:process) while they are held."""
        instrumentation = self._instrumentation(process)
        instrumentation.attach(pid)
        self.instrumentations.append(instrumentation)

    def resume(self) -> None:
        """Bring the running app to the front (as tapping its icon does), without a new process."""
        self.step(StepAction.RESUME)
        self._guard(lambda: self.device.launch(self.app.package), "resume")

    def running(self) -> bool:
        return self.device.is_running(self.app.package)

    def process_state(self) -> ProcessState:
        """Read back what happened to the current process, also in earlier scenarios of the run."""
        recorded = recorded_process_state(self.steps.path)
        return replace(recorded, launched=recorded.launched and self.running())

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

    def dwell(self, seconds: float, why: str) -> bool:
        """Leave the app alone for `seconds` (recorded); False if it died meanwhile."""
        self.step(StepAction.DWELL, seconds=round(seconds, 3), why=why)
        self.wait(seconds)
        return self.running()

    # -- the app's clock ----------------------------------------------------------------------

    def app_clock(self) -> float:
        """Seconds of app time (SystemClock) as far as the harness set the rate; on a real
        device, wall time."""
        return self._clock.now()

    def set_clock_rate(self, rate: float) -> float:
        """Fast-forward the app's clock to `rate` × wall time while the harness only watches (the
        sim; a real device keeps rate 1); recorded as a `clock` step so detectors measure rules'
        windows in app time. Returns the rate in effect."""
        if not isinstance(self.device, ClockControl) or not self.running():
            return 1.0
        device = self.device
        ts = now()
        app_now = self.app_clock()
        reply: tuple[float, float] = self._guard(
            lambda: device.set_clock_rate(max(1.0, rate)), "setting the app clock"
        )
        effective = reply[0]
        self._clock.rated(effective, app_now)
        self.step_at(ts, StepAction.CLOCK, rate=effective, dumps=self.ui.dumps)
        return effective

    def watch_app_time(self, seconds: float, *, rate: float, tick: Callable[[], bool] | None = None) -> float:
        """Let `seconds` of app time pass with the clock fast-forwarded to `rate` (1 on a real
        device), calling `tick` between polls (it returns False to stop early); returns the app
        seconds watched. The clock is back at rate 1 afterwards."""
        start = self.app_clock()
        self.set_clock_rate(rate)
        try:
            while (left := seconds - (self.app_clock() - start)) > 0:
                if not self.running() or (tick is not None and not tick()):
                    break
                time.sleep(min(POLL_S, max(0.001, left / self._clock.rate)))
        finally:
            if self._clock.rate != 1.0 and self.running():
                self.set_clock_rate(1.0)
        return self.app_clock() - start

    def record_exit(self, during: str) -> None:
        """Record once per process that the app's process ended by itself.

        A process killed from outside (by an operator, the host's OOM killer…) did not end by
        itself: that is recorded as `app_killed` and ends the run, so no rule reads it as the
        app's behaviour.
        """
        if not self._exit_recorded:
            self._exit_recorded = True
            logcat = self.run.file(LOGCAT)
            killer = killed_from_outside(self.device, self.app.package, logcat)
            if killer is not None:
                self.step(StepAction.APP_KILLED, during=during, signal=killer)
                raise DeviceError(
                    f"the app's process was killed from outside ({killer}) during {during}: "
                    "not something the app did, so the run is incomplete"
                )
            report = self.instrumentations[-1].report if self.instrumentations else None
            self.step(StepAction.APP_EXITED, during=during, **exit_details(report, logcat))

    def stop_app(self) -> None:
        for instrumentation in self.instrumentations:
            instrumentation.flush()
        self.device.stop(self.app.package)
        self.step(StepAction.STOP)

    def _guard(self, action: Callable[[], Any], during: str) -> Any:
        """Run a device action; the app dying under it becomes AppDied (recorded), not a device failure."""
        try:
            return action()
        except DeviceError:
            # an app ending by itself while it handles the action (a tap that calls exit())
            # still looks alive for a moment: give it a bounded grace before blaming the device
            self.wait(EXIT_GRACE_S, until=lambda: not self.running())
            if self.running():
                raise
            self.record_exit(during)
            raise AppDied(f"the app's process ended during {during}") from None

    # -- the screen ---------------------------------------------------------------------------

    @property
    def ui(self) -> UiDriver:
        if self._ui is None:
            settings = SettleSettings(
                interval_s=self.option("ui_settle_interval", SettleSettings.interval_s),
                timeout_s=self.option("ui_settle_timeout", SettleSettings.timeout_s),
            )
            self._ui = UiDriver(self.device, settings)
        return self._ui

    def in_front(self, screen: UiScreen) -> bool:
        """The app (or the system permission dialog shown for it) owns the screen."""
        return screen.package == self.app.package or is_permission_package(screen.package)

    def observe(self, label: str, *, settle: bool = True) -> Observation:
        """Wait for the screen to settle, save its dump and a screenshot, and record a step."""
        screen = self._guard(self.ui.settle if settle else self.ui.dump, f"observing {label}")
        return self._save(screen, label)

    def capture_screen(self, label: str) -> str:
        """Save the UI dump and a screenshot as they are now; returns the file stem under ui/."""
        observation = self.observe(label, settle=False)
        return observation.ui.removeprefix("ui/").removesuffix(".xml")

    def _save(self, screen: UiScreen, label: str) -> Observation:
        ui, shot = self._screens.save(
            screen, label, lambda path: self._guard(lambda: self.device.screenshot(path), "screenshot")
        )
        digest = structure_hash(screen)
        self.step(
            StepAction.SCREEN,
            label=label,
            ui=ui,
            screenshot=shot,
            hash=digest,
            package=screen.package,
            overlay=self.ui.is_overlay(screen),
            dumps=self.ui.dumps,  # dumps made so far in this scenario (benchmarks/device_walltime.py)
            dump_s=round(self.ui.dump_cost_s, 3),
        )
        return Observation(screen, digest, ui, shot)

    # -- input --------------------------------------------------------------------------------

    def tap(
        self, node: UiNode, purpose: str, *, on: Observation | None = None, feature: bool = False
    ) -> float:
        """Tap the middle of `node`; returns the time just before the tap. `feature`: the tap
        uses one of the app's functions (as exploring does), so what follows is user-initiated."""
        ts = now()
        x, y = self._guard(lambda: self.ui.tap(node), f"tap ({purpose})")
        self.step_at(
            ts,
            StepAction.TAP,
            purpose=purpose,
            target=node.describe(),
            label=control_label(node),
            resource_id=node.resource_id,
            x=x,
            y=y,
            screen=on.ui if on is not None else None,
            feature=feature,
        )
        return ts

    def back(self, purpose: str) -> None:
        ts = now()
        self._guard(self.device.back, f"back ({purpose})")
        self.step_at(ts, StepAction.BACK, purpose=purpose)

    def home(self, purpose: str) -> float:
        ts = now()
        self._guard(self.device.home, f"home ({purpose})")
        self.step_at(ts, StepAction.HOME, purpose=purpose)
        return ts

    def inject_sensor(self, sensor_type: int, values: tuple[float, float, float]) -> None:
        self._guard(lambda: self.device.inject_sensor(sensor_type, values), "sensor injection")
