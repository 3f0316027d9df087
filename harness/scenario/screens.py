"""Screens as a scenario saw them: each distinct UI dump saved once under ui/ with a screenshot."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from harness.rundir import RunDir
from harness.ui.tree import UiScreen

MAX_LABEL_CHARS = 40


@dataclass(frozen=True)
class Observation:
    """A screen as a scenario saw it, and where its dump and screenshot were saved."""

    screen: UiScreen
    hash: str
    ui: str  # "ui/0003-privacy_dialog.xml"
    screenshot: str

    @property
    def package(self) -> str:
        return self.screen.package


@dataclass
class ScreenFiles:
    """The ui/ files of one scenario: `NNNN-<scenario>-<label>.xml` and `.png`, numbered in order.
    A dump seen before is not saved twice: its steps point at the earlier files."""

    run: RunDir
    scenario: str
    _count: int = 0
    _saved: dict[str, tuple[str, str]] = field(default_factory=dict)  # xml digest -> (ui, screenshot)

    def save(self, screen: UiScreen, label: str, screenshot: Callable[[Path], None]) -> tuple[str, str]:
        """Where the dump and its screenshot are (run-relative), saving them (and taking the
        screenshot with `screenshot`) if this dump is new."""
        key = hashlib.sha256(screen.xml.encode("utf-8", "surrogatepass")).hexdigest()
        if key not in self._saved:
            self._count += 1
            # the label is the harness's own words, but it still never becomes a path unchecked
            safe = "".join(c if c.isalnum() else "_" for c in label)[:MAX_LABEL_CHARS]
            stem = (
                f"{self._count:04d}-{self.scenario}-{safe}" if self.scenario else f"{self._count:04d}-{safe}"
            )
            ui_dir = self.run.ui_dir
            (ui_dir / f"{stem}.xml").write_text(screen.xml, encoding="utf-8")
            screenshot(ui_dir / f"{stem}.png")
            self._saved[key] = (f"ui/{stem}.xml", f"ui/{stem}.png")
        return self._saved[key]
