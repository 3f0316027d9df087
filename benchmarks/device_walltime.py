"""Projected wall time of the default scenario plan on a real device, next to the sim's.

Runs the default plan on the sim for each app (capture off), then reads each scenario's steps
back from steps.jsonl and counts what costs time on a device: UI dumps (the running `dumps`
count that `screen`, `watch_end` and `background_end` steps carry), screenshots (one per saved
screen), inputs (tap/back/home/text), app launches, and the app time the sim fast-forwarded
(`clock` steps), which a device has to wait out in real time. The projection replaces the sim's
cost of each of those by the device's:

    device_s = sim_s - sim_dump_s - fast_forward_wall_s
               + (dumps - watch_dumps) * dump_s + screenshots * screenshot_s + inputs * input_s
               + launches * launch_s + sum over watches of max(app_s, watch_dumps * dump_s)

(the dumps made while the app's clock was fast-forwarded happen during the watch's real time on
a device, so a watch costs its app time or its dumps, whichever is longer).

Device costs (override with the flags; measure your device with e.g. `time adb shell uiautomator
dump`):
- dump_s 1.8: `uiautomator dump` waits for 1 s without accessibility events before it dumps
  (UiAutomation.waitForIdle(1000, 10000) in frameworks/base/cmds/uiautomator/cmds/uiautomator/src/
  com/android/commands/uiautomator/DumpCommand.java), plus the app_process start of the
  `uiautomator` command and `cat` of the file over adb [estimate].
- screenshot_s 0.8: `screencap -p` of a 1080x2340 screen and its transfer [estimate].
- input_s 0.5: `input tap` / `input keyevent` start an app_process each [estimate].
- launch_s 4.0: a cold `am start -W` plus spawning under frida-server and loading the agent
  [estimate].

Run: .venv/bin/python benchmarks/device_walltime.py [APP_DIR ...] [--dump-s S] ...
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.records import read_jsonl
from harness.session import RunConfig, run_app
from harness.sim.device import SimDevice
from harness.steps import StepAction

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DEFAULT_APPS = ("clean_notes", "popup_spam", "background_tracker")
INPUT_ACTIONS = frozenset({StepAction.TAP, StepAction.BACK, StepAction.HOME})


@dataclass(frozen=True)
class DeviceCosts:
    dump_s: float = 1.8
    screenshot_s: float = 0.8
    input_s: float = 0.5
    launch_s: float = 4.0


@dataclass
class ScenarioCount:
    name: str
    sim_s: float = 0.0
    dumps: int = 0
    dump_cost_s: float = 0.0  # the sim's measured cost of one dump
    screenshots: int = 0
    inputs: int = 0
    launches: int = 0
    fast_forward_wall_s: float = 0.0
    fast_forwarded_app_s: float = 0.0
    watch_dumps: int = 0
    watches: list[tuple[float, int]] = field(default_factory=list)  # (app s, dumps) per watch

    def device_s(self, costs: DeviceCosts) -> float:
        return (
            self.sim_s
            - self.dumps * self.dump_cost_s
            - self.fast_forward_wall_s
            + (self.dumps - self.watch_dumps) * costs.dump_s
            + self.screenshots * costs.screenshot_s
            + self.inputs * costs.input_s
            + self.launches * costs.launch_s
            + sum(max(app_s, dumps * costs.dump_s) for app_s, dumps in self.watches)
        )


def count_scenarios(steps: list[dict[str, Any]]) -> list[ScenarioCount]:
    """Per scenario, in plan order: what it did that costs time on a device."""
    counts: dict[str, ScenarioCount] = {}
    order: list[str] = []
    starts: dict[str, float] = {}
    rate, rate_since, dumps_since = 1.0, 0.0, 0
    seen_files: set[str] = set()
    for step in steps:
        name = str(step.get("scenario", ""))
        ts = float(step.get("ts", 0.0))
        action = step.get("action")
        raw = step.get("detail")
        detail: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if name not in counts:
            counts[name] = ScenarioCount(name)
            order.append(name)
            starts[name] = ts
        count = counts[name]
        if isinstance(detail.get("dumps"), int):  # the scenario's running count (screen, watch_end…)
            count.dumps = max(count.dumps, detail["dumps"])
        if action == StepAction.SCREEN:
            count.dump_cost_s = float(detail.get("dump_s") or 0.0)
            shot = str(detail.get("screenshot"))
            if shot not in seen_files:
                seen_files.add(shot)
                count.screenshots += 1
        elif action in INPUT_ACTIONS:
            count.inputs += 1
        elif action == StepAction.LAUNCH:
            count.launches += 1
        if action in (StepAction.CLOCK, StepAction.LAUNCH, StepAction.STOP, StepAction.APP_EXITED):
            recorded = detail.get("dumps")
            dumps_now = recorded if isinstance(recorded, int) else dumps_since
            if rate > 1.0:
                app_s = (ts - rate_since) * rate
                count.fast_forward_wall_s += ts - rate_since
                count.fast_forwarded_app_s += app_s
                count.watch_dumps += max(0, dumps_now - dumps_since)
                count.watches.append((app_s, max(0, dumps_now - dumps_since)))
            rate = float(detail.get("rate") or 1.0) if action == StepAction.CLOCK else 1.0
            rate_since, dumps_since = ts, dumps_now
    ends = [starts[n] for n in order[1:]] + [float(steps[-1]["ts"])] if steps else []
    for name, end in zip(order, ends, strict=True):
        counts[name].sim_s = end - starts[name]
    return [counts[n] for n in order]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("apps", nargs="*", help="sim app folders (default: a few examples)")
    defaults = DeviceCosts()
    for field_name in ("dump_s", "screenshot_s", "input_s", "launch_s"):
        flag = "--" + field_name.replace("_", "-")
        parser.add_argument(flag, type=float, default=getattr(defaults, field_name))
    args = parser.parse_args()
    costs = DeviceCosts(args.dump_s, args.screenshot_s, args.input_s, args.launch_s)
    apps = [Path(a) for a in args.apps] or [EXAMPLES / name for name in DEFAULT_APPS]
    print(f"device costs: {costs}")
    total_sim = total_device = 0.0
    with tempfile.TemporaryDirectory() as scratch:
        for app in apps:
            device = SimDevice()
            try:
                result = run_app(RunConfig(app=app, out=Path(scratch) / app.name, capture=False), device)
            finally:
                device.close()
            scenario_counts = count_scenarios(list(read_jsonl(result.run_dir / "steps.jsonl")))
            print(f"\n{app.name} ({result.status})")
            columns = ("sim_s", "device_s", "dumps", "shots", "inputs", "ff_app_s")
            print(f"  {'scenario':22} " + " ".join(f"{c:>9}" for c in columns))
            app_sim = app_device = 0.0
            for count in scenario_counts:
                device_s = count.device_s(costs)
                app_sim += count.sim_s
                app_device += device_s
                print(
                    f"  {count.name:22} {count.sim_s:9.1f} {device_s:9.1f} {count.dumps:9d} "
                    f"{count.screenshots:9d} {count.inputs:9d} {count.fast_forwarded_app_s:9.0f}"
                )
            print(f"  {'total':22} {app_sim:9.1f} {app_device:9.1f}  device/sim={app_device / app_sim:.1f}")
            total_sim += app_sim
            total_device += app_device
    ratio = total_device / total_sim
    print(f"\nall apps: sim_s={total_sim:.1f} device_s={total_device:.1f} device_vs_sim={ratio:.1f}")


if __name__ == "__main__":
    main()
