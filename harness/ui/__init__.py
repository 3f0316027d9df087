"""The UI layer: uiautomator dumps as trees, finders, settling, screen signatures and the
recognisers scenarios and detectors share. Written against the `Device` protocol only."""

from harness.ui.driver import SettleSettings, UiDriver
from harness.ui.find import control_label, find, tappable
from harness.ui.signature import structure_hash
from harness.ui.tree import Bounds, UiNode, UiParseError, UiScreen, parse_screen

__all__ = [
    "Bounds",
    "SettleSettings",
    "UiDriver",
    "UiNode",
    "UiParseError",
    "UiScreen",
    "control_label",
    "find",
    "parse_screen",
    "structure_hash",
    "tappable",
]
