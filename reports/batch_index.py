"""A batch output folder's index, OUT/batch.json (written by harness.batch.index).

When it exists it decides which apps the catalog lists, in catalog order, including apps
that never produced a run folder (pending, or failed before recording anything), their
triage and whether each regulator citation was reproduced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
class BatchIndex:
    apps: tuple[BatchApp, ...]
    summary: tuple[Pair, ...]


def _run_dir(out_dir: Path, value: Any) -> Path | None:
    if not isinstance(value, str) or not value:
        return None
    path = (out_dir / value).resolve()
    return path if path.is_relative_to(out_dir.resolve()) and path != out_dir.resolve() else None


def _app(out_dir: Path, entry: dict[str, Any]) -> BatchApp:
    citations = tuple(
        Pair(safe(c.get("label"), SHORT), safe(c.get("result"), SHORT))
        for c in entry.get("citations") or []
        if isinstance(c, dict)
    )
    return BatchApp(
        app_id=safe(entry.get("app_id"), SHORT),
        name=safe(entry.get("name") or entry.get("app_id"), SHORT),
        status=safe(entry.get("status") or "pending", SHORT),
        triage=safe(entry.get("triage") or "", SHORT),
        detail=safe(entry.get("detail") or "", LINE),
        run_dir=_run_dir(out_dir, entry.get("run_dir")),
        citations=citations,
    )


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _summary(index: dict[str, Any]) -> tuple[Pair, ...]:
    totals, citations, triage = (_object(index.get(key)) for key in ("totals", "citations", "triage"))
    pairs = [Pair(safe(key, SHORT).replace("_", " "), safe(value, SHORT)) for key, value in totals.items()]
    pairs.append(Pair("complete", "yes" if index.get("complete") else "no (apps are pending)"))
    if triage:
        pairs.append(Pair("triage", safe(", ".join(f"{k} ×{v}" for k, v in triage.items()), LINE)))
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


def read_batch_index(out_dir: Path) -> BatchIndex | None:
    path = out_dir / BATCH_INDEX
    if not path.is_file():
        return None
    try:
        index = json.loads(path.read_bytes().decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(index, dict) or not isinstance(index.get("apps"), list):
        raise InputError(f"{path}: not a batch index (no 'apps' list)")
    apps = tuple(_app(out_dir, entry) for entry in index["apps"] if isinstance(entry, dict))
    return BatchIndex(apps, _summary(index))
