"""Cost of the Frida agent per hooked call, on the host JVM.

A Java program (tests/fixtures/agent/app/com/example/fixture/HookBench.java, running on the
stand-in framework classes) times N calls of TelephonyManager.getDeviceId, once bare and once
with the agent attached, which records every call. Also timed: a hooked call the agent lets
through without an event (Settings.Secure.getString for a setting other than android_id).

Run: .venv/bin/python benchmarks/hook_overhead.py [--calls N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import frida

from harness.agent import build_agent

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "agent"
BENCH_CLASS = "com.example.fixture.HookBench"
WARM_UP_CALLS = 500  # HookBench.WARM_UP_CALLS
TIMEOUT_S = 120


@dataclass(frozen=True)
class Timing:
    ns_per_call: float
    attach_s: float | None = None
    events: int | None = None

    @property
    def calls_per_s(self) -> float:
        return 1e9 / self.ns_per_call


def compile_bench(out: Path) -> None:
    sources = sorted(str(path) for path in FIXTURES.rglob("*.java"))
    subprocess.run(["javac", "-d", str(out), *sources], check=True)


def run_bench(classes: Path, mode: str, calls: int, bundle: str | None) -> Timing:
    process = subprocess.Popen(
        ["java", "-cp", str(classes), BENCH_CLASS, mode, str(calls)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    session = None
    events = 0
    try:
        if process.stdout.readline().strip() != "READY":
            raise RuntimeError("HookBench did not start")
        attach_s = None
        if bundle is not None:
            started = time.perf_counter()
            session = frida.attach(process.pid)
            script = session.create_script(bundle)

            def on_message(message: frida.ScriptMessage, _data: bytes | None) -> None:
                nonlocal events
                payload = message.get("payload")
                if isinstance(payload, dict) and payload.get("type") == "event:hook":
                    events += len(payload["events"])
                elif not isinstance(payload, dict) or payload.get("type") != "agent:ready":
                    print(f"agent message: {message}", file=sys.stderr)

            script.on("message", on_message)
            script.load()
            attach_s = time.perf_counter() - started
        process.stdin.write("go\n")
        process.stdin.flush()
        result = process.stdout.readline().strip()
        if bundle is not None:
            script.exports_sync.flush()
        process.stdin.write("exit\n")
        process.stdin.flush()
        process.wait(timeout=TIMEOUT_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if session is not None:
            session.detach()
    ns_per_call = float(result.split()[0].removeprefix("ns_per_call="))
    return Timing(ns_per_call, attach_s, events if bundle is not None else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=5000, help="timed calls per run")
    calls = parser.parse_args().calls

    bundle = build_agent()
    with tempfile.TemporaryDirectory(prefix="hook-bench-") as tmp:
        classes = Path(tmp)
        compile_bench(classes)
        bare = run_bench(classes, "record", calls, None)
        hooked = run_bench(classes, "record", calls, bundle)
        filtered_bare = run_bench(classes, "filtered", calls, None)
        filtered = run_bench(classes, "filtered", calls, bundle)

    expected_events = calls + WARM_UP_CALLS
    if hooked.events != expected_events or filtered.events != 0:
        raise SystemExit(
            f"agent recorded {hooked.events} events (expected {expected_events}) "
            f"and {filtered.events} filtered ones (expected 0)"
        )
    print(f"calls={calls}")
    print(f"events_recorded={hooked.events}")
    print(f"agent_attach_s={hooked.attach_s:.3f}")
    print(f"calls_per_s_bare={bare.calls_per_s:.0f}")
    print(f"calls_per_s_hooked={hooked.calls_per_s:.0f}")
    print(f"calls_per_s_hooked_no_event={filtered.calls_per_s:.0f}")
    no_event_us = (filtered.ns_per_call - filtered_bare.ns_per_call) / 1000
    print(f"no_event_overhead_us_per_call={no_event_us:.1f}")
    print(f"hook_overhead_us_per_call={(hooked.ns_per_call - bare.ns_per_call) / 1000:.1f}")


if __name__ == "__main__":
    main()
