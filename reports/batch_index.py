"""A batch output folder's index, OUT/batch.json (written by harness.batch.index).

When it exists it decides which apps the catalog lists, in catalog order, including apps
that never produced a run folder (pending, or failed before recording anything), their
triage and whether each regulator citation was reproduced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from harness.documents.batch_index import BatchIndex, IndexEntry
from harness.errors import InputError
from reports.model import Pair
from reports.text import LINE, SHORT, safe

BATCH_INDEX = "batch.json"


@dataclass(frozen=True)
class BatchApp:
    app_id: str
    name: str
    status: str  # "done" | "failed" | "pending"
    triage: str
    detail: str
    run_dir: Path | None  # inside OUT; None when the app never got a run folder
    citations: tuple[Pair, ...]  # bulletin label → "reproduced" | "not_reproduced" | "not_testable"


@dataclass(frozen=True)
class BatchCatalog:
    """What the catalog shows of a batch: its apps in catalog order, and its totals."""

    apps: tuple[BatchApp, ...]
    summary: tuple[Pair, ...]


def _run_dir(out_dir: Path, value: str | None) -> Path | None:
    if not value:
        return None
    path = (out_dir / value).resolve()
    return path if path.is_relative_to(out_dir.resolve()) and path != out_dir.resolve() else None


def _app(out_dir: Path, entry: IndexEntry) -> BatchApp:
    citations = tuple(
        Pair(safe(c.get("label"), SHORT), safe(c.get("result"), SHORT)) for c in entry.citations
    )
    return BatchApp(
        app_id=safe(entry.app_id, SHORT),
        name=safe(entry.name or entry.app_id, SHORT),
        status=safe(entry.status, SHORT),
        triage=safe(entry.triage or "", SHORT),
        detail=safe(entry.detail or "", LINE),
        run_dir=_run_dir(out_dir, entry.run_dir),
        citations=citations,
    )


def _summary(index: BatchIndex) -> tuple[Pair, ...]:
    totals = index.totals.to_json()
    pairs = [Pair(safe(key, SHORT).replace("_", " "), safe(value, SHORT)) for key, value in totals.items()]
    pairs.append(Pair("complete", "yes" if index.complete else "no (apps are pending)"))
    if index.triage:
        shown = ", ".join(f"{k} ×{v}" for k, v in index.triage.items())
        pairs.append(Pair("triage", safe(shown, LINE)))
    citations = index.citations
    if citations:
        rate = citations.get("reproduction_rate")
        shown = f"{rate:.0%}" if isinstance(rate, int | float) else "none testable"
        pairs.append(
            Pair(
                "regulator citations",
                f"{citations.get('reproduced', 0)} reproduced, {citations.get('not_reproduced', 0)} not "
                f"reproduced, {citations.get('not_testable', 0)} not testable (reproduction rate {shown})",
            )
        )
    return tuple(pairs)


def read_batch_index(out_dir: Path) -> BatchCatalog | None:
    """OUT/batch.json read as the typed batch index (harness.documents.BatchIndex); None when the
    folder is not a batch's output; a broken index is a one-line InputError."""
    path = out_dir / BATCH_INDEX
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_bytes().decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise InputError(f"{path}: not valid JSON (nested too deeply to read)") from None
    index = BatchIndex.from_json(data, str(path))
    return BatchCatalog(tuple(_app(out_dir, entry) for entry in index.apps), _summary(index))
