"""Reading a run folder for the report, through the one reader of run folders (harness.rundir).

manifest.json and findings.json are read as typed documents (harness.documents: a broken one is
a one-line InputError; reports.build renders them). The records are streamed, never held
whole: each typed record becomes a small summary (for the timeline and the tallies) and, when
findings point at it, a detail (for the evidence). Lines no record could be read from are
counted by the reader, not fatal: a run that crashed mid-write still reports, and the count
shows up in the report's coverage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from harness.records import FileStats
from harness.rundir import RecordStream

STATUSES = ("fail", "pass", "inconclusive", "not_tested", "not_applicable")


class _Record(Protocol):
    @property
    def seq(self) -> int: ...


R = TypeVar("R", bound=_Record)
S = TypeVar("S")
D = TypeVar("D")


@dataclass
class Scan(Generic[S, D]):
    summaries: list[S] = field(default_factory=list)
    details: dict[int, D] = field(default_factory=dict)
    stats: FileStats = field(default_factory=lambda: FileStats(""))


def scan(
    stream: RecordStream[R],
    summarize: Callable[[R], S],
    detail: Callable[[R], D] | None = None,
    wanted: set[int] | frozenset[int] = frozenset(),
) -> Scan[S, D]:
    """Summaries of every record, and details of the records whose seq is `wanted`."""
    found: Scan[S, D] = Scan()
    for record in stream:
        found.summaries.append(summarize(record))
        if detail is not None and record.seq in wanted:
            found.details[record.seq] = detail(record)
    found.stats = stream.stats
    return found


def number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


@dataclass(frozen=True)
class Ref:
    """An evidence reference, "events.jsonl#12": the record's file and seq."""

    file: str
    seq: int | None


def parse_ref(ref: Any) -> Ref:
    text = ref if isinstance(ref, str) else ""
    name, _, index = text.partition("#")
    return Ref(name, int(index) if index.isdigit() else None)
