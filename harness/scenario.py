"""What a scenario gets to work with: the device, the app, and a recorder for every action.

A scenario is a module in `scenarios/` with `NAME`, `DESCRIPTION` and `run(ctx)`. It drives the
app only through `ScenarioContext`, which records each action to steps.jsonl, saves the screen
(uiautomator XML and a screenshot) after each one, and attaches the Frida agent to every app
process it starts.

Steps a scenario records (detectors and the batch triage read them):

    clear_data, launch {fresh}, launched {pid, attach_s, hooks}, resume, stop
    screen {label, ui, screenshot, hash, package, overlay, dumps, dump_s}
    tap {purpose, target, label, resource_id, x, y, screen, feature}, back {purpose}, home {purpose}
    dwell {seconds, why}
    clock {rate, dumps}                   the app's clock now runs at rate × wall time (sim only;
                                          a new process starts at 1)
    app_exited {reason, crash, during}   the app's process ended by itself
    app_killed {signal, during}          its process was killed from outside (not by the app, not
                                          by the harness): the run ends with a DeviceError
    app_left {package, during}           another app (or the launcher) came to the front
"""

from __future__ import annotations

import contextlib
import hashlib
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from harness.device.base import AppInfo, ClockControl, Device, ProcessHook
from harness.errors import AppCrashed, DeviceError, InstrumentationError, ProbeError
from harness.instrument import Instrumentation
from harness.records import JsonlWriter, Step, read_jsonl
from harness.rundir import LOGCAT, RunDir
from harness.ui.driver import SettleSettings, UiDriver
from harness.ui.find import control_label
from harness.ui.recognise import is_permission_package
from harness.ui.signature import structure_hash
from harness.ui.tree import UiNode, UiScreen

POLL_S = 0.2
# How long a process whose device action failed may take to be seen gone (being torn down, it
# still counts as running for a moment)
EXIT_GRACE_S = 2.0
# Signals that end a process from outside; a crash is logged as FATAL EXCEPTION first (what
# Android's RuntimeInit logs: frameworks/base/core/java/com/android/internal/os/RuntimeInit.java)
_OUTSIDE_SIGNALS = frozenset({signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
FATAL_EXCEPTION = b"E/AndroidRuntime: FATAL EXCEPTION"
OUT_OF_MEMORY = b"java.lang.OutOfMemoryError"


def now() -> float:
    """Wall-clock time at the agent's resolution (whole milliseconds, Date.now() / 1000), so
    that an event caused by an action never sorts before the step that records the action."""
    return int(time.time() * 1000) / 1000


# Steps that leave the app as it was: a process with only these since launch is untouched.
PASSIVE_ACTIONS = frozenset({"clear_data", "launch", "launched", "screen", "dwell", "stop", "resume"})


class AppDied(ProbeError):
    """The app process ended while a scenario expected it to run."""


@dataclass(frozen=True)
class Observation:
    """A screen as a scenario saw it, and where its dump and screenshot were saved."""

    screen: UiScreen
    hash: str
    ui: str  # "ui/0003-privacy_dialog.xml"
    screenshot: str

    @property
    def package(self) -> str:
        return self.screen.package


@dataclass(frozen=True)
class ProcessState:
    """What steps.jsonl says about the app's current process."""

    launched: bool  # a process was started in this run and not stopped since
    fresh: bool  # it was started on cleared data
    interacted: bool  # something other than passive steps happened since


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
    _ui: UiDriver | None = None
    _saved: dict[str, tuple[str, str]] = field(default_factory=dict)  # xml digest -> (ui, screenshot)
    _exit_recorded: bool = False
    _clock_rate: float = 1.0
    _clock_base_app: float = 0.0  # app seconds at the last rate change
    _clock_base_wall: float = 0.0  # time.monotonic() at the last rate change

    # -- recording ----------------------------------------------------------------------------

    def step(self, action: str, **detail: Any) -> Step:
        return self.step_at(now(), action, **detail)

    def step_at(self, ts: float, action: str, **detail: Any) -> Step:
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
            self.step("clear_data")
        canary = self.options.get("clipboard_canary")
        clipboard_canary = canary if isinstance(canary, str) else None
        instrumentation = Instrumentation(
            self.device.frida_device(), self.agent_bundle, self.events, self.app.package,
            clipboard_canary=clipboard_canary,
        )  # fmt: skip
        self.device.set_process_hook(self._secondary_process_hook(clipboard_canary))
        earlier_launch = self._had_launched()
        self.step("launch", fresh=fresh)
        try:
            pid = self.device.launch(self.app.package, before_start=instrumentation.attach)
        except AppCrashed as exc:
            if not earlier_launch:
                raise
            self.step("app_exited", reason="crashed while starting", during="launch", error=str(exc))
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
            "launched",
            pid=pid,
            attach_s=round(instrumentation.report.attach_s, 3),
            hooks=len(instrumentation.report.hooks_installed),
        )
        return pid

    def _secondary_process_hook(self, clipboard_canary: str | None) -> ProcessHook:
        """Loads the agent into the app's other processes (android:process) while they are held."""

        def instrument(pid: int, process: str) -> None:
            instrumentation = Instrumentation(
                self.device.frida_device(), self.agent_bundle, self.events, self.app.package,
                clipboard_canary=clipboard_canary, process=process,
            )  # fmt: skip
            instrumentation.attach(pid)
            self.instrumentations.append(instrumentation)

        return instrument

    def resume(self) -> None:
        """Bring the running app to the front (as tapping its icon does), without a new process."""
        self.step("resume")
        self._guard(lambda: self.device.launch(self.app.package), "resume")

    def running(self) -> bool:
        return self.device.is_running(self.app.package)

    def process_state(self) -> ProcessState:
        """Read back what happened to the current process, also in earlier scenarios of the run."""
        launched = fresh = interacted = False
        for record in read_jsonl(self.steps.path):
            action = record.get("action")
            if action == "launch":
                detail = record.get("detail")
                launched, interacted = True, False
                fresh = isinstance(detail, dict) and detail.get("fresh") is True
            elif action in ("stop", "app_exited"):
                launched = False
            elif action not in PASSIVE_ACTIONS:
                interacted = True
        return ProcessState(launched and self.running(), fresh, interacted)

    def _had_launched(self) -> bool:
        return any(r.get("action") == "launched" for r in read_jsonl(self.steps.path))

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
        self.step("dwell", seconds=round(seconds, 3), why=why)
        self.wait(seconds)
        return self.running()

    # -- the app's clock ----------------------------------------------------------------------

    def app_clock(self) -> float:
        """Seconds of app time (SystemClock) as far as the harness set the rate; on a real
        device, wall time."""
        return self._clock_base_app + (time.monotonic() - self._clock_base_wall) * self._clock_rate

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
        self._clock_rate, self._clock_base_app, self._clock_base_wall = effective, app_now, time.monotonic()
        self.step_at(ts, "clock", rate=effective, dumps=self.ui.dumps)
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
                time.sleep(min(POLL_S, max(0.001, left / self._clock_rate)))
        finally:
            if self._clock_rate != 1.0 and self.running():
                self.set_clock_rate(1.0)
        return self.app_clock() - start

    def exit_details(self) -> dict[str, Any]:
        """Why the last app process ended, as far as Frida saw it."""
        if not self.instrumentations:
            return {}
        report = self.instrumentations[-1].report
        crash = report.crash
        if crash is None and OUT_OF_MEMORY in self._logcat_tail()[-4096:]:  # the JVM's last words
            crash = "out of memory: the app's Java heap limit was reached"
        return {"reason": report.detached_reason, "crash": crash}

    def record_exit(self, during: str) -> None:
        """Record once per process that the app's process ended by itself.

        A process killed from outside (by an operator, the host's OOM killer…) did not end by
        itself: that is recorded as `app_killed` and ends the run, so no rule reads it as the
        app's behaviour.
        """
        if not self._exit_recorded:
            self._exit_recorded = True
            killer = self._killed_from_outside()
            if killer is not None:
                self.step("app_killed", during=during, signal=killer)
                raise DeviceError(
                    f"the app's process was killed from outside ({killer}) during {during}: "
                    "not something the app did, so the run is incomplete"
                )
            self.step("app_exited", during=during, **self.exit_details())

    def _killed_from_outside(self) -> str | None:
        """The signal that killed the app's process from outside, on backends that report exit
        statuses (the sim); None when it exited or crashed by itself."""
        exit_code = getattr(self.device, "exit_code", None)
        status = exit_code(self.app.package) if callable(exit_code) else None
        if not isinstance(status, int) or -status not in _OUTSIDE_SIGNALS:
            return None
        if FATAL_EXCEPTION in self._logcat_tail():  # crashed; the system reaped it, as Android does
            return None
        return signal.Signals(-status).name

    def _logcat_tail(self) -> bytes:
        logcat = self.run.file(LOGCAT)
        with contextlib.suppress(OSError), logcat.open("rb") as log:
            log.seek(max(0, logcat.stat().st_size - 65536))
            return log.read()
        return b""

    def stop_app(self) -> None:
        for instrumentation in self.instrumentations:
            instrumentation.flush()
        self.device.stop(self.app.package)
        self.step("stop")

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
        # A dump seen before is not saved twice: the step points at the earlier files.
        key = hashlib.sha256(screen.xml.encode("utf-8", "surrogatepass")).hexdigest()
        if key in self._saved:
            ui, shot = self._saved[key]
        else:
            self._shot += 1
            safe = "".join(c if c.isalnum() else "_" for c in label)[:40]
            stem = f"{self._shot:04d}-{self.scenario}-{safe}" if self.scenario else f"{self._shot:04d}-{safe}"
            ui, shot = f"ui/{stem}.xml", f"ui/{stem}.png"
            (self.run.ui_dir / f"{stem}.xml").write_text(screen.xml, encoding="utf-8")
            self._guard(lambda: self.device.screenshot(self.run.ui_dir / f"{stem}.png"), "screenshot")
            self._saved[key] = (ui, shot)
        digest = structure_hash(screen)
        self.step(
            "screen",
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
            "tap",
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
        self.step_at(ts, "back", purpose=purpose)

    def home(self, purpose: str) -> float:
        ts = now()
        self._guard(self.device.home, f"home ({purpose})")
        self.step_at(ts, "home", purpose=purpose)
        return ts

    def inject_sensor(self, sensor_type: int, values: tuple[float, float, float]) -> None:
        self._guard(lambda: self.device.inject_sensor(sensor_type, values), "sensor injection")
