"""Cost of the Frida agent per hooked call, on the host JVM, against an empty hook (the floor).

A Java program (tests/fixtures/agent/app/com/example/fixture/HookBench.java, running on the
stand-in framework classes) times N calls of one API per mode:
  record    TelephonyManager.getDeviceId, which the agent records on every call;
  filtered  Settings.Secure.getString for a setting that is not android_id (no event);
  file      new FileInputStream(File) on a temporary file (a hot API; no event).
Each mode runs bare, under the floor (hooks/bench/empty_hook.ts: every overload replaced by a
hook that only calls the original), under the agent built from a baseline commit ("before") and
under the agent of this tree ("after", the full catalogue). Overheads are per call, minus bare.

Run: .venv/bin/python benchmarks/hook_overhead.py [--calls N] [--before GIT_REF]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import frida

from harness.agent import HOOKS_DIR, build_agent

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "agent"
BENCH_CLASS = "com.example.fixture.HookBench"
WARM_UP_CALLS = 500  # HookBench.WARM_UP_CALLS
TIMEOUT_S = 120
# The agent as it was before issue 11 (hook catalogue and cheap filters).
DEFAULT_BEFORE = "13225ed"
MODES = ("filtered", "file", "record")
ARCHIVED = ("hooks/src", "hooks/tsconfig.json", "hooks/package.json")
BENCHMARKED_APIS = frozenset(
    {
        "android.telephony.TelephonyManager.getDeviceId",
        "android.provider.Settings.Secure.getString",
        "java.io.FileInputStream.$init",
    }
)


@dataclass(frozen=True)
class Timing:
    ns_per_call: float
    events: int


def compile_bench(out: Path) -> None:
    sources = sorted(str(path) for path in FIXTURES.rglob("*.java"))
    subprocess.run(["javac", "-d", str(out), *sources], check=True)


def compile_script(project_root: Path, entry: str) -> str:
    compiler = frida.Compiler()  # type: ignore[no-untyped-call]  # frida leaves __init__ unannotated
    bundle: str = compiler.build(
        entry, project_root=str(project_root), type_check="none", source_maps="omitted"
    )
    return bundle


def agent_at(ref: str, scratch: Path) -> str:
    """The agent bundle built from hooks/ as committed at `ref`."""
    archive = subprocess.run(
        [
            "git",
            "-C",
            str(ROOT),
            "archive",
            "--format=tar",
            ref,
            "hooks/src",
            "hooks/tsconfig.json",
            "hooks/package.json",
        ],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(scratch, filter="data")
    hooks = scratch / "hooks"
    (hooks / "node_modules").symlink_to(HOOKS_DIR / "node_modules")
    return compile_script(hooks, "src/index.ts")


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
        script = None
        if bundle is not None:
            session = frida.attach(process.pid)
            script = session.create_script(bundle)
            ready = False

            def on_message(message: frida.ScriptMessage, _data: bytes | None) -> None:
                nonlocal events, ready
                payload = message.get("payload")
                if isinstance(payload, dict) and payload.get("type") == "event:hook":
                    # Other surfaces (e.g. the digests behind File.createTempFile) are not counted.
                    events += sum(1 for event in payload["events"] if event["api"] in BENCHMARKED_APIS)
                elif isinstance(payload, dict) and payload.get("type") == "agent:ready":
                    ready = True
                else:
                    print(f"agent message: {message}", file=sys.stderr)

            script.on("message", on_message)
            script.load()
            deadline = time.monotonic() + TIMEOUT_S
            while not ready and time.monotonic() < deadline:
                time.sleep(0.01)
        process.stdin.write("go\n")
        process.stdin.flush()
        result = process.stdout.readline().strip()
        if script is not None and "flush" in script.list_exports_sync():
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
    return Timing(float(result.split()[0].removeprefix("ns_per_call=")), events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=5000, help="timed calls per run")
    parser.add_argument("--before", default=DEFAULT_BEFORE, help="git ref of the baseline agent")
    options = parser.parse_args()
    calls = options.calls

    after_bundle = build_agent()
    with tempfile.TemporaryDirectory(prefix="hook-bench-") as tmp:
        scratch = Path(tmp)
        classes = scratch / "classes"
        compile_bench(classes)
        bundles = {
            "floor": compile_script(HOOKS_DIR, "bench/empty_hook.ts"),
            "before": agent_at(options.before, scratch / "before"),
            "after": after_bundle,
        }
        print(f"calls={calls} before={options.before}")
        for mode in MODES:
            bare = run_bench(classes, mode, calls, None)
            costs = {name: run_bench(classes, mode, calls, bundle) for name, bundle in bundles.items()}
            expected = calls + WARM_UP_CALLS if mode == "record" else 0
            if costs["after"].events != expected:
                raise SystemExit(
                    f"{mode}: the agent recorded {costs['after'].events} events, expected {expected}"
                )
            overhead = {name: (t.ns_per_call - bare.ns_per_call) / 1000 for name, t in costs.items()}
            print(
                f"{mode:8s} floor_us={overhead['floor']:.1f} before_us={overhead['before']:.1f} "
                f"after_us={overhead['after']:.1f} after/floor={overhead['after'] / overhead['floor']:.2f} "
                f"before/floor={overhead['before'] / overhead['floor']:.2f}"
            )


if __name__ == "__main__":
    main()
