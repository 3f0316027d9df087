"""Scenario modules: each drives the app through one audit path via `harness.scenario.ScenarioContext`.

The default plan covers the paths auditors walk, in an order that lets later scenarios go on
from the app state earlier ones leave: never consent (first_launch), refuse consent, accept and
deny every permission (with a relaunch), accept and allow everything, then — on that running
app — background, pop-ups (after a cold start), shake and account cancellation.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from harness.errors import InputError

AVAILABLE = (
    "first_launch",
    "consent_reject",
    "permission_denial",
    "permission_grant",
    "background",
    "popup_watch",
    "shake",
    "account_cancellation",
)
DEFAULT_PLAN = AVAILABLE


def load(name: str) -> ModuleType:
    if name not in AVAILABLE:
        raise InputError(f"unknown scenario {name!r} (available: {', '.join(AVAILABLE)})")
    return importlib.import_module(f"scenarios.{name}")
