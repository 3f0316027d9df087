"""Precision of "found the right control" on consent and permission screens nobody here drew
from a real app: tests/fixtures/consent_screens/ (written by hand from public material, each
with its source in a header comment; expected controls in expected.json).

For each screen the recogniser's choice is compared with the expected control of every role
(accept / refuse / basic mode / consent checkbox for consent screens; allow / deny for
permission dialogs; "no consent screen" for look-alikes). A screen is
- right:     every role found as expected,
- ambiguous: recognised as a consent screen but its affirmative control withheld as ambiguous
             where one was expected (the harness then records `consent_ambiguous`, never guesses),
- wrong:     any other answer (a wrong control, a missed one, a look-alike taken for consent).
Prints one line per screen that is not right, then per shape and per app style
"right/total", and last `precision_right=R wrong=N ambiguous=N` (target: right >= 0.95, wrong 0).
Usage: python benchmarks/consent_precision.py [FOLDER]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from harness.paths import PROJECT_ROOT
from harness.ui.find import control_label
from harness.ui.recognise import consent_dialog, permission_prompt
from harness.ui.tree import UiNode, parse_screen

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "consent_screens"


def _says(node: UiNode | None, expected: str | None) -> bool:
    """`expected` is a label, "id:<suffix>" for an unlabeled control, or None (no such control)."""
    if expected is None:
        return node is None
    if node is None:
        return False
    if expected.startswith("id:"):
        return node.resource_id.endswith("/" + expected[3:])
    return control_label(node) == expected


def judge(xml: str, expected: dict[str, Any]) -> tuple[str, str]:
    """("right" | "wrong" | "ambiguous", what was found)."""
    screen = parse_screen(xml)
    if expected["kind"] == "permission":
        prompt = permission_prompt(screen)
        if prompt is None:
            return "wrong", "no permission prompt"
        found = f"allow={_label(prompt.allow)} deny={_label(prompt.deny)}"
        ok = _says(prompt.allow, expected["allow"]) and _says(prompt.deny, expected["deny"])
        return ("right" if ok else "wrong"), found
    dialog = consent_dialog(screen)
    if expected["kind"] == "none":
        return (
            ("right", "none")
            if dialog is None
            else ("wrong", f"consent screen, positive={_label(dialog.positive)}")
        )
    if dialog is None:
        return "wrong", "no consent screen"
    boxes = [b for b in dialog.checkboxes if not b.checked]
    found = (
        f"accept={_label(dialog.accept)} refuse={_label(dialog.refuse)} basic={_label(dialog.basic_mode)} "
        f"unticked_boxes={len(boxes)} ambiguity={dialog.ambiguity}"
    )
    roles_ok = (
        _says(dialog.refuse, expected["refuse"])
        and _says(dialog.basic_mode, expected["basic_mode"])
        and (expected["checkbox"] != "unticked" or bool(boxes))
    )
    if dialog.ambiguity is not None:
        if expected["accept"] is None and roles_ok:
            return "right", found
        return ("ambiguous" if roles_ok else "wrong"), found
    return ("right" if roles_ok and _says(dialog.accept, expected["accept"]) else "wrong"), found


def _label(node: UiNode | None) -> str:
    if node is None:
        return "-"
    return repr(control_label(node) or node.resource_id.rsplit("/", 1)[-1])


def main(folder: Path) -> int:
    expectations = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    by_shape: dict[str, Counter[str]] = {}
    by_style: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    for name, expected in sorted(expectations.items()):
        verdict, found = judge((folder / f"{name}.xml").read_text(encoding="utf-8"), expected)
        totals[verdict] += 1
        by_shape.setdefault(expected["shape"], Counter())[verdict] += 1
        by_style.setdefault(expected["style"], Counter())[verdict] += 1
        if verdict != "right":
            print(f"{verdict.upper()} {name}: {found}")
    for title, table in (("shape", by_shape), ("style", by_style)):
        for key, counts in sorted(table.items()):
            extra = "".join(f" {k}={v}" for k, v in sorted(counts.items()) if k != "right")
            print(f"{title} {key}: {counts['right']}/{sum(counts.values())}{extra}")
    screens = sum(totals.values())
    print(f"screens={screens} styles={len(by_style)} shapes={len(by_shape)}")
    right = totals["right"] / screens
    print(f"precision_right={right:.3f} wrong={totals['wrong']} ambiguous={totals['ambiguous']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES))
