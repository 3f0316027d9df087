"""reports/ only renders: it imports nothing that captures, detects or knows canaries and SDKs.

What a report shows that is derived from the run (marks, data flow, capture coverage, consent)
is written by the analysis (harness.analysis); a report module importing capture, detect,
profile or sdk code would be computing it again.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPORTS = Path(__file__).resolve().parents[1] / "reports"
FORBIDDEN = ("harness.capture", "harness.detect", "harness.profile", "harness.sdk")


def imported_modules(source: str) -> list[str]:
    """Every module an import statement in `source` names (`from a import b` names a and a.b)."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN)


def test_no_report_module_imports_capture_detect_profile_or_sdk() -> None:
    modules = sorted(REPORTS.rglob("*.py"))
    assert len(modules) > 10
    found = {
        f"{path.relative_to(REPORTS)}: {name}"
        for path in modules
        for name in imported_modules(path.read_text(encoding="utf-8"))
        if forbidden(name)
    }
    assert found == set()


def test_the_check_sees_every_form_of_import() -> None:
    source = (
        "import harness.capture.har\n"
        "from harness import sdk\n"
        "from harness.detect.match import domains\n"
        "def late():\n    from harness.profile import canaries\n"
        "import harness.sdk_fingerprint\n"
        "from harness.analysis import report_inputs\n"
    )
    assert [m for m in imported_modules(source) if forbidden(m)] == [
        "harness.capture.har",
        "harness.sdk",
        "harness.detect.match",
        "harness.detect.match.domains",
        "harness.profile",
        "harness.profile.canaries",
    ]
