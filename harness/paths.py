"""Where the tool keeps its caches (compiled sim framework, compiled apps, mitmproxy CA)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def cache_dir(*parts: str) -> Path:
    base = os.environ.get("PRIVACY_PROBE_CACHE")
    root = Path(base) if base else Path.home() / ".cache" / "privacy-probe"
    path = root.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path
