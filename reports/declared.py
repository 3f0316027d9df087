"""The report's "Declared vs observed" section, from findings.json's `declared_vs_observed`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reports.text import safe


@dataclass(frozen=True)
class DeclaredRow:
    label: str
    items: tuple[str, ...]
    checked: bool  # False: the input needed for this comparison was not given
    reason: str  # why it was not checked, or ""


@dataclass(frozen=True)
class DeclaredSection:
    source: str
    rows: tuple[DeclaredRow, ...]


def _names(value: Any, key: str = "name") -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(safe(str(v.get(key) if isinstance(v, dict) else v)) for v in value)


def declared_section(findings: Mapping[str, Any] | None) -> DeclaredSection | None:
    section = (findings or {}).get("declared_vs_observed")
    if not isinstance(section, dict) or not section:
        return None  # not analysed for it (a typed reading gives an empty mapping)

    def row(label: str, key: str, reason: str, name_key: str = "name") -> DeclaredRow:
        value = section.get(key)
        return DeclaredRow(
            label, _names(value, name_key), value is not None, "" if value is not None else reason
        )

    return DeclaredSection(
        source=safe(str(section.get("source") or "")),
        rows=(
            row("Runtime permissions declared but not requested in this run",
                "permissions_declared_never_requested", ""),
            row("Permissions requested but not declared", "permissions_requested_not_declared", ""),
            row("SDKs shipped in the APK but not active in this run", "sdks_shipped_never_active",
                "no APK scan (the app was not run from an APK)"),
            row("SDKs active but missing from the app's declared SDK list", "sdks_active_not_declared",
                "no SDK list given (run --sdk-list FILE)"),
        ),
    )  # fmt: skip
