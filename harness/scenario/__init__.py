"""What a scenario gets to work with: the device, the app, and a recorder for every action.

A scenario is a module in `scenarios/` with `NAME`, `DESCRIPTION` and `run(ctx)`. It drives the
app only through `ScenarioContext` (context.py) and the sequences of `harness.interact` built on
it. The app's process ending under a scenario is an observation (exits.py); on the sim the app's
clock may be fast-forwarded while the harness only watches (clock.py).
"""

from harness.scenario.context import ScenarioContext, now
from harness.scenario.exits import AppDied, observes_app_death
from harness.scenario.history import ProcessState
from harness.scenario.screens import Observation

__all__ = [
    "AppDied",
    "Observation",
    "ProcessState",
    "ScenarioContext",
    "now",
    "observes_app_death",
]
