"""The UI recognisers over the real uiautomator dumps of ../shared/real-world/ui (read in place,
never copied; provenance and expected answers in its PROVENANCE.md, read off each screen).

Prints one PASS/FAIL line per dump, then `ui: X/Y passed`. When the corpus' own checker
(../shared/real-world/run.py) is there, it is run too and its UI count printed as
`run.py ui: X/Y passed`: the two counts must agree.
Usage: python benchmarks/real_world_ui.py [REAL_WORLD_FOLDER]
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from harness.paths import PROJECT_ROOT
from harness.ui.recognise import consent_dialog, permission_prompt
from harness.ui.tree import UiNode, UiScreen, parse_screen

REAL_WORLD = PROJECT_ROOT.parent / "shared" / "real-world"


def _is(node: UiNode | None, text: str, bounds: str | None = None) -> bool:
    return node is not None and node.text == text and (bounds is None or str(node.bounds) == bounds)


def _consent(screen: UiScreen, accept: str, accept_at: str, refuse: str, refuse_at: str) -> tuple[bool, str]:
    dialog = consent_dialog(screen)
    if dialog is None:
        return False, "no consent dialog"
    ok = _is(dialog.accept, accept, accept_at) and _is(dialog.refuse, refuse, refuse_at)
    return ok, f"accept={_describe(dialog.accept)} refuse={_describe(dialog.refuse)}"


def _describe(node: UiNode | None) -> str:
    return node.describe() if node is not None else "None"


def _login_line(screen: UiScreen) -> tuple[bool, str]:
    dialog = consent_dialog(screen)
    positive = dialog.positive if dialog is not None else None
    bad = positive is not None and positive.resource_id.endswith("tv_login_view_protocol")
    return not bad, f"positive={_describe(positive)}"


def _checkbox_form(screen: UiScreen) -> tuple[bool, str]:
    dialog = consent_dialog(screen)
    boxes = [b for b in dialog.checkboxes if b.resource_id.endswith("id/tv_policy")] if dialog else []
    return bool(boxes) and boxes[0].checked is False, f"checkboxes={[_describe(b) for b in boxes]}"


def _permission(
    allow: str | None, deny: str | None, message: str = ""
) -> Callable[[UiScreen], tuple[bool, str]]:
    def check(screen: UiScreen) -> tuple[bool, str]:
        prompt = permission_prompt(screen)
        if prompt is None:
            return False, "no permission prompt"
        ok = (allow is None or _is(prompt.allow, allow)) and (deny is None or _is(prompt.deny, deny))
        ok = ok and message in prompt.message
        return ok, f"allow={_describe(prompt.allow)} deny={_describe(prompt.deny)}"

    return check


CHECKS: dict[str, Callable[[UiScreen], tuple[bool, str]]] = {
    "weibo_consent_dialog.xml": lambda s: _consent(
        s, "Agree and Continue", "[541,1299][945,1431]", "Disagree", "[135,1299][539,1431]"
    ),
    "weibo_consent_retention_dialog.xml": lambda s: _consent(
        s, "Agree and Continue", "[541,1176][945,1308]", "Disagree and Quit", "[135,1176][539,1308]"
    ),
    "weibo_login_agreement_line.xml": _login_line,
    "wfgame_beeplay_phone_login_consent_checkbox.xml": _checkbox_form,
    "airunlocker_location_permission.xml": _permission("ALLOW ONLY WHILE USING THE APP", "DENY", "location"),
    "acrylic_storage_permission.xml": _permission("ALLOW", "DENY", "Allow Acrylic Paint to access photos"),
    "twentyfourhour_legacy_review_permissions.xml": _permission("CONTINUE", None),
    "twentyfourhour_legacy_deny_anyway_warning.xml": _permission(None, "DENY ANYWAY"),
    "douyin_permission_prompt_excerpt.xml": _permission(None, "拒绝", "位置信息"),
}


def run_checks(folder: Path) -> list[tuple[str, bool, str]]:
    results = []
    for name, check in CHECKS.items():
        path = folder / "ui" / name
        if not path.exists():
            results.append((name, False, "missing"))
            continue
        ok, why = check(parse_screen(path.read_text(encoding="utf-8")))
        results.append((name, ok, why))
    return results


def main(folder: Path) -> int:
    if not (folder / "ui").is_dir():
        print(f"no real-world UI dumps at {folder / 'ui'}", file=sys.stderr)
        return 2
    results = run_checks(folder)
    for name, ok, why in results:
        print(f"{'PASS' if ok else 'FAIL'} ui/{name}: {why}")
    print(f"ui: {sum(ok for _, ok, _ in results)}/{len(results)} passed")
    checker = folder / "run.py"
    if checker.exists():
        out = subprocess.run(
            [sys.executable, str(checker), str(PROJECT_ROOT)], capture_output=True, text=True, timeout=600
        ).stdout
        lines = [
            line for line in out.splitlines() if line.split(" ", 2)[1:2] and line.split()[1].startswith("ui/")
        ]
        passed = sum(line.startswith("PASS") for line in lines)
        print(f"run.py ui: {passed}/{len(lines)} passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else REAL_WORLD))
