"""Reading a run folder for the report: the manifest, findings.json and the JSONL records.

The records are streamed, never held whole: each record becomes a small summary (for the
timeline and the tallies) and, when findings point at it, a detail (for the evidence). Lines
that are not JSON objects are counted, not fatal: a run that crashed mid-write still reports,
and the count shows up in the report's coverage.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from harness.errors import InputError
from harness.rundir import FINDINGS, MANIFEST

STATUSES = ("fail", "pass", "inconclusive", "not_tested", "not_applicable")

S = TypeVar("S")
D = TypeVar("D")


@dataclass
class FileStats:
    name: str
    present: bool = False
    records: int = 0
    unreadable: int = 0  # lines that are not a JSON object, or lack the fields the report needs


@dataclass
class Scan(Generic[S, D]):
    summaries: list[S] = field(default_factory=list)
    details: dict[int, D] = field(default_factory=dict)
    stats: FileStats = field(default_factory=lambda: FileStats(""))


def _read_object(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: not a JSON object")
    return data


def is_run_dir(path: Path) -> bool:
    return (path / MANIFEST).is_file()


def read_manifest(run_dir: Path) -> dict[str, Any]:
    if not run_dir.is_dir():
        raise InputError(f"{run_dir}: no such directory")
    if not is_run_dir(run_dir):
        raise InputError(f"{run_dir}: not a run folder (no {MANIFEST})")
    return _read_object(run_dir / MANIFEST)


def read_findings(run_dir: Path) -> dict[str, Any] | None:
    """findings.json checked against the findings contract; None when the run was not analysed."""
    path = run_dir / FINDINGS
    if not path.exists():
        return None
    findings = _read_object(path)
    verdicts = findings.get("verdicts")
    if not isinstance(verdicts, list):
        raise InputError(f"{path}: 'verdicts' is missing or not a list")
    for index, verdict in enumerate(verdicts):
        if not isinstance(verdict, dict) or not isinstance(verdict.get("rule"), str):
            raise InputError(f"{path}: verdict {index} has no rule id")
        if verdict.get("status") not in STATUSES:
            raise InputError(
                f"{path}: verdict {index} ({verdict['rule'][:60]!r}) has status "
                f"{str(verdict.get('status'))[:40]!r}, expected one of {', '.join(STATUSES)}"
            )
        if not isinstance(verdict.get("evidence", []), list):
            raise InputError(f"{path}: verdict {index} has evidence that is not a list")
    return findings


def _records(path: Path, stats: FileStats) -> Iterator[tuple[int, dict[str, Any]]]:
    """(seq, record) for each JSON object line; seq is the record's own, else its position."""
    if not path.is_file():
        return
    stats.present = True
    with path.open("rb") as handle:
        for index, raw in enumerate(handle):
            line = raw.strip()
            if not line:
                continue
            try:
                record = json.loads(line.decode("utf-8", errors="replace"))
            except json.JSONDecodeError:
                stats.unreadable += 1
                continue
            if not isinstance(record, dict):
                stats.unreadable += 1
                continue
            seq = record.get("seq")
            yield (seq if isinstance(seq, int) and not isinstance(seq, bool) else index), record


def scan_jsonl(
    path: Path,
    summarize: Callable[[int, dict[str, Any]], S | None],
    detail: Callable[[int, dict[str, Any]], D] | None = None,
    wanted: set[int] | frozenset[int] = frozenset(),
) -> Scan[S, D]:
    """Summaries of every usable record, and details of the records whose seq is `wanted`."""
    scan: Scan[S, D] = Scan(stats=FileStats(path.name))
    for seq, record in _records(path, scan.stats):
        summary = summarize(seq, record)
        if summary is None:
            scan.stats.unreadable += 1
            continue
        scan.stats.records += 1
        scan.summaries.append(summary)
        if detail is not None and seq in wanted:
            scan.details[seq] = detail(seq, record)
    return scan


def number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Ref:
    """An evidence reference, "events.jsonl#12": the record's file and seq."""

    file: str
    seq: int | None


def parse_ref(ref: Any) -> Ref:
    text = ref if isinstance(ref, str) else ""
    name, _, index = text.partition("#")
    return Ref(name, int(index) if index.isdigit() else None)
