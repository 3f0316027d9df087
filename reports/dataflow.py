"""The data-flow summary: which SDK read which data type, and where that data type was sent.

Reads come from hook events (the SDK is the one the agent attributed the call to); sends come
from the transmissions in findings.json (or, for findings without that list, from the flow
evidence of the verdicts). A send is tied to the SDK that findings attribute it to; sends
that findings could not attribute are listed under "unattributed".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from harness.detect.match.domains import PartyResolver, registrable_domain, tracker_for
from harness.sdk import load_sdk_table
from reports.model import DataFlowRow, Destination
from reports.records import EventSummary
from reports.text import SHORT, safe

UNATTRIBUTED = ""


@dataclass(frozen=True)
class Transmission:
    sdk: str
    data_type: str
    domain: str
    party: str
    owner: str
    flow: str  # the flow's ref, to count flows rather than matches


def sdk_name(prefix: str) -> str:
    if not prefix:
        return "app code or unattributed"
    sdk = load_sdk_table().by_prefix(prefix)
    return sdk.name if sdk is not None else prefix


def transmissions(
    findings: Mapping[str, Any] | None, package: str, first_party: Sequence[str]
) -> list[Transmission]:
    if findings is None:
        return []
    listed = findings.get("transmissions")
    if not isinstance(listed, list):
        listed = [
            e
            for v in findings.get("verdicts") or []
            for e in (v.get("evidence") or [])
            if isinstance(e, dict) and e.get("kind") == "flow"
        ]
    resolver = PartyResolver(package, first_party)
    found = []
    for item in listed:
        if not isinstance(item, dict) or not isinstance(item.get("data_type"), str):
            continue
        host = str(item.get("host") or "")
        domain = str(item.get("domain") or registrable_domain(host) or "(unknown)")
        party = item.get("party") if item.get("party") in ("first", "third") else None
        if party is None:
            party = resolver.party(host, domain) if host else "unknown"
        tracker = tracker_for(host) if host else None
        owner = item.get("owner") or (tracker.owner if tracker else "")
        found.append(
            Transmission(
                sdk=safe(item.get("sdk") or UNATTRIBUTED, SHORT),
                data_type=safe(item["data_type"], SHORT),
                domain=safe(domain, SHORT),
                party=str(party),
                owner=safe(owner, SHORT),
                flow=str(item.get("ref") or item.get("flow") or id(item)),
            )
        )
    return found


def dataflow_rows(
    events: Iterable[EventSummary], sent: Iterable[Transmission], start: float, consent_ts: float | None
) -> tuple[DataFlowRow, ...]:
    reads: dict[tuple[str, str], list[float]] = defaultdict(list)
    for event in events:
        if event.data_type is not None:
            reads[(event.sdk or UNATTRIBUTED, event.data_type)].append(event.ts)
    flows: dict[tuple[str, str], dict[tuple[str, str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    for item in sent:
        flows[(item.sdk, item.data_type)][(item.domain, item.party, item.owner)].add(item.flow)
    rows = []
    for key in sorted(set(reads) | set(flows), key=lambda k: (k[0] == UNATTRIBUTED, k)):
        sdk, data_type = key
        times = reads.get(key, [])
        before = sum(1 for t in times if consent_ts is None or t < consent_ts)
        destinations = tuple(
            Destination(domain, party, owner, len(refs))
            for (domain, party, owner), refs in sorted(
                flows.get(key, {}).items(), key=lambda item: (item[0][1] != "third", item[0][0])
            )
        )
        rows.append(
            DataFlowRow(
                sdk=sdk,
                sdk_name=safe(sdk_name(sdk), SHORT),
                data_type=data_type,
                reads=len(times),
                reads_before_consent=before,
                first_read=f"+{min(times) - start:.1f}s" if times else "",
                destinations=destinations,
            )
        )
    return tuple(rows)
