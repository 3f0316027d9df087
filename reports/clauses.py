"""Grouping a verdict's clauses into the frameworks auditors look for, in a fixed order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# (column heading, prefix that marks a clause of it); a clause matching none goes to "Other".
FRAMEWORKS: tuple[tuple[str, str], ...] = (
    ("认定方法", "认定方法"),
    ("164号文", "164号文"),
    ("PIPL", "PIPL"),
    ("GDPR", "GDPR"),
    ("Play", "Google Play"),
)
OTHER = "Other"
COLUMNS: tuple[str, ...] = (*(name for name, _ in FRAMEWORKS), OTHER)


@dataclass(frozen=True)
class ClauseCell:
    framework: str
    items: tuple[str, ...]  # the clause without its framework prefix ("三.1", "13")


def group_clauses(clauses: Iterable[str]) -> tuple[ClauseCell, ...]:
    """One cell per column of COLUMNS, each holding that framework's clauses in input order."""
    cells: dict[str, list[str]] = {name: [] for name in COLUMNS}
    for clause in clauses:
        for name, prefix in FRAMEWORKS:
            if clause.startswith(prefix):
                cells[name].append(clause[len(prefix) :].strip(" :：") or clause)
                break
        else:
            cells[OTHER].append(clause)
    return tuple(ClauseCell(name, tuple(items)) for name, items in cells.items())
