"""The example apps the device tier builds and runs: every examples/*/AndroidManifest.xml."""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example_apps() -> list[Path]:
    return sorted(path.parent for path in EXAMPLES.glob("*/AndroidManifest.xml"))
