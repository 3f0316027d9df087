"""Scenario modules: each drives the app through one audit path via `harness.scenario.ScenarioContext`."""

from __future__ import annotations

import importlib
from types import ModuleType

from harness.errors import InputError

AVAILABLE = ("first_launch",)
DEFAULT_PLAN = ("first_launch",)


def load(name: str) -> ModuleType:
    if name not in AVAILABLE:
        raise InputError(f"unknown scenario {name!r} (available: {', '.join(AVAILABLE)})")
    return importlib.import_module(f"scenarios.{name}")
