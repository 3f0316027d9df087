"""The agent's base64 encoder (hooks/src/base64.ts), run by Frida on a plain host process, against
Python's: every tail length, and sizes around the slices it converts to text at a time."""

from __future__ import annotations

import base64
import random
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import frida
import pytest

from harness.agent import HOOKS_DIR


@pytest.fixture(scope="module")
def probe() -> Iterator[Any]:
    compiler = frida.Compiler()  # type: ignore[no-untyped-call]  # frida leaves __init__ unannotated
    bundle: str = compiler.build(
        "probes/base64_probe.ts", project_root=str(HOOKS_DIR), type_check="full", source_maps="omitted"
    )
    host = subprocess.Popen(
        [sys.executable, "-c", "import sys; print('ready', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert host.stdout is not None and host.stdout.readline().strip() == "ready"  # attach once it runs
    session = frida.attach(host.pid)
    script = session.create_script(bundle)
    script.load()
    yield script.exports_sync
    session.detach()
    host.kill()
    host.wait(timeout=10)


@pytest.mark.parametrize("size", [*range(10), 6143, 6144, 6145, 8192, 65536, 100_000])
def test_base64_of_matches_python(probe: Any, size: int) -> None:
    data = random.Random(size).randbytes(size)
    assert probe.encode(data.hex()) == base64.b64encode(data).decode()
