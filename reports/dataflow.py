"""The data-flow summary: which SDK read which data type, and where that data type was sent.

The rows are the analysis's (findings' report_inputs.dataflow, harness.analysis.dataflow):
reads come from hook events, sends from the findings' transmissions, each destination with
its party and owner; this module only makes them safe to show.
"""

from __future__ import annotations

from typing import Any

from reports.load import number
from reports.model import DataFlowRow, Destination
from reports.text import SHORT, safe


def _destination(item: Any) -> Destination | None:
    if not isinstance(item, dict):
        return None
    flows = item.get("flows")
    return Destination(
        safe(item.get("domain"), SHORT),
        str(item.get("party") or "unknown"),
        safe(item.get("owner") or "", SHORT),
        flows if type(flows) is int else 0,
    )


def dataflow_rows(rows: Any, start: float) -> tuple[DataFlowRow, ...]:
    """The analysis's data-flow rows; `start` is the report's time origin (first reads shown
    relative to it)."""
    shown = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict):
            continue
        first = number(row.get("first_read"))
        destinations = (_destination(d) for d in row.get("destinations") or [])
        shown.append(
            DataFlowRow(
                sdk=safe(row.get("sdk") or "", SHORT),
                sdk_name=safe(row.get("sdk_name") or "", SHORT),
                data_type=safe(row.get("data_type"), SHORT),
                reads=int(number(row.get("reads")) or 0),
                reads_before_consent=int(number(row.get("reads_before_consent")) or 0),
                first_read=f"+{first - start:.1f}s" if first is not None else "",
                destinations=tuple(d for d in destinations if d is not None),
            )
        )
    return tuple(shown)
