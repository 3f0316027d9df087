"""What the run covered: hooks, processes, traffic, scenarios, stages, detectors and files.

The coverage section of the report, from the manifest's coverage, the capture's (findings'
report_inputs) and the findings' own; reports.problems turns its gaps into problems.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from harness.records import FileStats
from reports.model import Coverage, Pair
from reports.text import LINE, SHORT, count, safe

MAX_LISTED = 200


@dataclass(frozen=True)
class CoverageInput:
    manifest: Mapping[str, Any]
    findings: Mapping[str, Any] | None
    capture: Mapping[str, Any]  # the capture's coverage (findings' report_inputs)
    files: Sequence[FileStats]


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def merged_coverage(data: CoverageInput) -> dict[str, Any]:
    """The manifest's coverage, what the capture files say, then findings.json's; lists are
    united (a gap any of them reports stays reported), other values are taken from the last."""
    merged: dict[str, Any] = {}
    sources = [_dict(data.manifest.get("coverage")), data.capture]
    if data.findings is not None:
        sources.append(_dict(data.findings.get("coverage")))
    for source in sources:
        for key, value in source.items():
            if isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = merged[key] + [v for v in value if v not in merged[key]]
            else:
                merged[key] = value
    return merged


def _scenario_pairs(scenarios: Mapping[str, Any]) -> tuple[Pair, ...]:
    return tuple(Pair(safe(name, SHORT), safe(state, LINE)) for name, state in scenarios.items())


def _hook_failures(items: Iterable[Any]) -> tuple[Pair, ...]:
    pairs = []
    for item in items:
        if isinstance(item, dict):
            types = item.get("data_types")
            listed = types.replace(",", ", ") if isinstance(types, str) else ""
            unwatched = f" (not watched: {listed})" if listed else ""
            pairs.append(Pair(safe(item.get("hook"), LINE), safe(f"{item.get('error')}{unwatched}", LINE)))
        else:
            pairs.append(Pair(safe(item, LINE), ""))
    return tuple(pairs[:MAX_LISTED])


def unwatched_data_types(coverage: Mapping[str, Any]) -> list[str]:
    """The data types a failed hook would have recorded (the agent's `data_types`, issue 11)."""
    types: set[str] = set()
    for item in _list(coverage.get("hooks_failed")):
        listed = item.get("data_types") if isinstance(item, dict) else None
        if isinstance(listed, str):
            types.update(t for t in listed.split(",") if t)
    return sorted(types)


def _undecrypted(coverage: Mapping[str, Any]) -> tuple[Pair, ...]:
    pairs = []
    for item in _list(coverage.get("undecrypted")):
        if isinstance(item, dict):
            times = item.get("count", 1)
            pairs.append(Pair(f"{safe(item.get('host'), SHORT)} ×{times}", safe(item.get("reason"), LINE)))
    return tuple(pairs[:MAX_LISTED])


def _native_tls(coverage: Mapping[str, Any]) -> tuple[Pair, ...]:
    return tuple(
        Pair(safe(item.get("library"), SHORT), safe(f"{item.get('state')}: {item.get('detail')}", LINE))
        for item in _list(coverage.get("native_tls"))[:MAX_LISTED]
        if isinstance(item, dict)
    )


def _processes(coverage: Mapping[str, Any]) -> tuple[Pair, ...]:
    pairs = []
    for index, item in enumerate(_list(coverage.get("app_processes"))):
        if not isinstance(item, dict):
            continue
        ended = safe(item.get("detached") or "still attached at the end", LINE)
        crash = f"; crash: {safe(item.get('crash'), LINE)}" if item.get("crash") else ""
        pairs.append(Pair(f"process {index + 1} (attach {item.get('attach_s', '?')}s)", ended + crash))
    return tuple(pairs[:MAX_LISTED])


def build_coverage(data: CoverageInput) -> Coverage:
    coverage = merged_coverage(data)
    stages = [s for s in _list(data.manifest.get("stages")) if isinstance(s, dict)]
    detector_errors = [] if data.findings is None else _list(data.findings.get("detector_errors"))
    return Coverage(
        hooks_installed=tuple(safe(h, LINE) for h in _list(coverage.get("hooks_installed"))),
        hooks_failed=_hook_failures(_list(coverage.get("hooks_failed"))),
        agent_errors=tuple(safe(e, LINE) for e in _list(coverage.get("agent_errors"))[:MAX_LISTED]),
        app_processes=_processes(coverage),
        flows_total=int(coverage.get("flows_total") or 0),
        flows_undecrypted=_undecrypted(coverage),
        native_tls=_native_tls(coverage),
        capture_errors=tuple(safe(e, LINE) for e in _list(coverage.get("capture_errors"))[:MAX_LISTED]),
        scenarios=_scenario_pairs(_dict(coverage.get("scenarios"))),
        stages_failed=tuple(
            Pair(safe(s.get("name"), SHORT), safe(s.get("error") or s.get("status"), LINE))
            for s in stages
            if s.get("status") not in ("ok", None)
        ),
        detector_errors=tuple(
            Pair(safe(e.get("rule"), SHORT), safe(e.get("error"), LINE))
            for e in detector_errors
            if isinstance(e, dict)
        ),
        files=tuple(
            Pair(
                f.name,
                count(f.records, "record")
                + (f", {count(f.unreadable, 'unreadable line')}" if f.unreadable else ""),
            )
            if f.present
            else Pair(f.name, "missing")
            for f in data.files
        ),
    )
