"""Recognising a screen again: a hash of its structure, not of its changing content.

Two dumps of the same screen get the same hash when only their content differs: a status
line, a counter, a list item's text (and a dialog growing with its message). What counts is
the window (package, width, whether it fills the screen from its corner), the views' classes,
resource ids and flags, and the labels of the controls a user can tap, because those say where
the screen leads. Digits are folded so that "跳过 5"
and "跳过 4" (a countdown) are the same control.
"""

from __future__ import annotations

import hashlib
import re

from harness.ui.tree import UiNode, UiScreen
from harness.ui.words import normalise

_DIGITS = re.compile(r"\d+")


def _control_label(screen: UiScreen, node: UiNode) -> str:
    if not (node.clickable or node.checkable) and screen.clickable_target(node) is None:
        return ""
    return _DIGITS.sub("#", normalise(node.label))


def structure_hash(screen: UiScreen) -> str:
    digest = hashlib.sha256()
    for root in screen.roots:
        corner = root.bounds.left == 0 and root.bounds.top == 0
        digest.update(f"window|{root.package}|{root.bounds.width}|{corner}\n".encode())
        for node in root.walk():
            line = "|".join(
                (
                    str(len(node.path)),
                    node.class_name,
                    node.resource_id,
                    "c" if node.clickable else "",
                    "k" if node.checkable else "",
                    "s" if node.scrollable else "",
                    _control_label(screen, node),
                )
            )
            digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()[:16]
