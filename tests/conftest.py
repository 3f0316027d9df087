from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = PROJECT_ROOT / "examples"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--serial", default=None, help="adb serial of the device for the opt-in -m device tier")


@pytest.fixture(autouse=True, scope="session")
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled framework/apps and the mitmproxy CA are cached per test session unless CI pins a cache."""
    if "PRIVACY_PROBE_CACHE" not in os.environ:
        os.environ["PRIVACY_PROBE_CACHE"] = str(tmp_path_factory.mktemp("cache"))
