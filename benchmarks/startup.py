"""Instrumentation start-up on the sim: how long until the app's first line of code runs.

Three figures, measured in one process on the same example app (examples/leaky_sdk, whose
Application.onCreate is its first code and immediately reads identifiers):
- startup_bare_s: launch → app started (no Frida), the baseline;
- startup_instrumented_s: launch with the agent attached and its hooks installed first;
- run_start_to_first_app_code_s: `run_app` called → the first hook event from Application.onCreate
  (includes the run folder, the cached agent bundle and app build, the JVM and the attach).
The last line is the ratio of instrumented to bare start-up.

Run: .venv/bin/python benchmarks/startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from harness.agent import build_agent
from harness.instrument import Instrumentation
from harness.records import JsonlWriter, read_jsonl
from harness.session import RunConfig, run_app
from harness.sim.device import SimDevice

APP = Path(__file__).resolve().parent.parent / "examples" / "leaky_sdk"


def timed_launch(device: SimDevice, package: str, bundle: str | None, events: Path) -> float:
    with JsonlWriter(events) as writer:
        started = time.monotonic()
        if bundle is None:
            device.launch(package)
        else:
            instrumentation = Instrumentation(device.frida_device(), bundle, writer, package)
            device.launch(package, before_start=instrumentation.attach)
            instrumentation.wait_ready()
        elapsed = time.monotonic() - started
        if bundle is not None:
            instrumentation.detach()
    device.stop(package)
    return elapsed


def run_start_to_first_app_code(out: Path) -> float:
    device = SimDevice()
    try:
        started = time.time()
        result = run_app(RunConfig(app=APP, out=out, duration_s=0.5, capture=False), device)
    finally:
        device.close()
    first = min(e["ts"] for e in read_jsonl(result.run_dir / "events.jsonl"))
    return float(first) - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    bundle = build_agent()
    bare: list[float] = []
    instrumented: list[float] = []
    to_first_code: list[float] = []
    with tempfile.TemporaryDirectory() as scratch:
        device = SimDevice()
        try:
            package = device.install(APP).package
            timed_launch(device, package, None, Path(scratch) / "warm.jsonl")  # JIT/page cache warm-up
            for index in range(rounds):
                bare.append(timed_launch(device, package, None, Path(scratch) / f"b{index}.jsonl"))
                instrumented.append(timed_launch(device, package, bundle, Path(scratch) / f"i{index}.jsonl"))
        finally:
            device.close()
        for index in range(rounds):
            to_first_code.append(run_start_to_first_app_code(Path(scratch) / f"run{index}"))
    bare_s, instrumented_s = statistics.median(bare), statistics.median(instrumented)
    print(f"rounds={rounds}")
    print(f"startup_bare_s={bare_s:.3f}")
    print(f"startup_instrumented_s={instrumented_s:.3f}")
    print(f"run_start_to_first_app_code_s={statistics.median(to_first_code):.3f}")
    print(f"instrumented_vs_bare={instrumented_s / bare_s:.2f}")


if __name__ == "__main__":
    main()
