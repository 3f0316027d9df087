"""The sim's app clock: the harness fast-forwards SystemClock, Handler/Looper timing and sensor
timestamps (`clock RATE`) so that a rule's minute of app time costs about a second here."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.errors import DeviceError
from harness.sim.build import SimApp, build_app
from tests.test_sim_framework import FIXTURES, Launched, SimProcesses


@pytest.fixture(scope="module")
def probe_app() -> SimApp:
    return build_app(FIXTURES / "probe_app")


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimProcesses]:
    processes = SimProcesses(tmp_path)
    yield processes
    processes.close()


def clock(app: Launched, *rate: str) -> tuple[float, int]:
    fields = dict(part.split("=") for part in app.request("clock", *rate).split())
    return float(fields["rate"]), int(fields["uptime"])


def ticks(app: Launched) -> int:
    """The probe app's ticker: "Ticks: N", one tick every 200 ms of app time."""
    text = next(t for n in app.dump().iter("node") if (t := n.get("text", "")).startswith("Ticks:"))
    return int(text.split()[1])


def test_a_fast_forwarded_clock_runs_handlers_and_uptime_faster(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app)
    assert clock(app)[0] == 1.0  # a new process runs in real time
    before_ticks = ticks(app)
    _, before = clock(app, "50")
    time.sleep(0.5)
    _, after = clock(app, "1")
    gained_ticks = ticks(app) - before_ticks
    # 0.5 s of wall time at 50x is 25 s of app time: the 200 ms ticker ran far more than 2-3 times
    assert after - before >= 10_000
    assert gained_ticks >= 25
    _, settled = clock(app)
    time.sleep(0.3)
    assert clock(app)[1] - settled < 3_000  # back in real time


def test_a_rate_outside_one_to_a_thousand_is_refused(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app)
    for bad in ("0.5", "5000", "fast"):
        with pytest.raises(DeviceError):
            app.request("clock", bad)
    assert clock(app)[0] == 1.0
