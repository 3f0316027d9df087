"""Cost of the transform hooks (hooks/src/transforms.ts) on a hot crypto loop, hooked vs unhooked.

A Java program (benchmarks/transform_bench/TransformBench.java) hashes (SHA-256) and encrypts
(AES/CBC) 10 MB fed through update() in buffers of one size, on the host JVM. For each buffer
size one JVM times passes unhooked, then with the full agent of this tree attached (every hook,
transforms included), in the same process: first with every call going through the agent's
JavaScript (what the hooks did before hooks/src/transform_fastpath.ts; ~20-30 us a call through
frida-java-bridge), then as shipped, where an operation's update() calls after its first are
handled by native code that keeps what the hooks record (64 KiB of input, 48 bytes of output),
counts the rest and calls the original directly. The best pass of each is kept. The last line
is `slowdown=X` for the first buffer size listed, as shipped (the target is < 2).

Run: .venv/bin/python benchmarks/transform_overhead.py [--mb 10] [--buffers 4096,16384,65536]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frida

from harness.agent import build_agent

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "benchmarks" / "transform_bench" / "TransformBench.java"
# The agent's stand-in Android classes (as in hook_overhead.py): the agent starts once the process
# has bound its application, and these say it has.
FRAMEWORK = ROOT / "tests" / "fixtures" / "agent" / "framework"


@dataclass(frozen=True)
class Timing:
    buffer: int
    calls: int
    unhooked_s: float
    javascript_only_s: float
    hooked_s: float
    events: int

    @property
    def slowdown(self) -> float:
        return self.hooked_s / self.unhooked_s

    @property
    def javascript_only_slowdown(self) -> float:
        return self.javascript_only_s / self.unhooked_s


class Bench:
    def __init__(self, classes: Path, buffer: int) -> None:
        self.process = subprocess.Popen(
            ["java", "-cp", str(classes), "TransformBench", str(buffer)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.readline() != "ready":
            raise SystemExit("TransformBench did not start")

    def readline(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def best_pass(self, total: int, passes: int) -> float:
        assert self.process.stdin is not None
        times = []
        for _ in range(passes):
            self.process.stdin.write(f"run {total}\n")
            self.process.stdin.flush()
            times.append(int(self.readline().split()[1]) / 1e9)
        return min(times)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        self.process.wait(timeout=30)


def measure(classes: Path, bundle: str, buffer: int, total: int, passes: int) -> Timing:
    messages: list[Any] = []
    bench = Bench(classes, buffer)
    try:
        bench.best_pass(total, 2)  # JIT warm-up
        unhooked = bench.best_pass(total, passes)
        session = frida.attach(bench.process.pid)
        script = session.create_script(bundle, name="privacy-probe")
        script.on("message", lambda message, _data: messages.append(message))
        script.load()
        script.exports_sync.transform_fast_path(False)
        javascript_only = bench.best_pass(total, passes)
        script.exports_sync.transform_fast_path(True)
        hooked = bench.best_pass(total, passes)
        script.exports_sync.flush()
        session.detach()
    finally:
        bench.close()
    errors = [m for m in messages if m.get("type") == "error"]
    if errors:
        raise SystemExit(f"the agent failed: {errors[0]}")
    events = sum(
        len(m["payload"].get("events") or [])
        for m in messages
        if isinstance(m.get("payload"), dict) and m["payload"].get("type") == "event:hook"
    )
    return Timing(buffer, 2 * -(-total // buffer), unhooked, javascript_only, hooked, events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--buffers", default="4096,16384,65536")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    total = int(args.mb * 1_000_000)
    buffers = [int(b) for b in args.buffers.split(",")]
    bundle = build_agent()
    with tempfile.TemporaryDirectory() as tmp:
        sources = [str(SOURCE), *sorted(str(path) for path in FRAMEWORK.rglob("*.java"))]
        subprocess.run(["javac", "-d", tmp, *sources], check=True)
        timings = [measure(Path(tmp), bundle, buffer, total, args.passes) for buffer in buffers]

    print(f"workload: SHA-256 + AES/CBC over {total / 1e6:.1f} MB per pass, best of {args.passes}")
    for t in timings:
        per_call = (t.hooked_s - t.unhooked_s) / t.calls * 1e6
        print(
            f"buffer {t.buffer:>6} B: {t.calls:>5} update calls, unhooked {t.unhooked_s * 1000:6.1f} ms,"
            f" every call through JavaScript {t.javascript_only_s * 1000:6.1f} ms"
            f" (slowdown {t.javascript_only_slowdown:.2f}), with the fast path {t.hooked_s * 1000:6.1f} ms"
            f" ({per_call:.1f} us per call, {t.events} events) slowdown {t.slowdown:.2f}"
        )
    print(f"slowdown={timings[0].slowdown:.2f}")


if __name__ == "__main__":
    main()
