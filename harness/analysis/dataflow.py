"""The data-flow summary: which SDK read which data type, and where that data type was sent.

Reads come from hook events (the SDK is the one the agent attributed the call to); sends come
from the transmissions of the findings (or, for findings without that list, from the flow
evidence of the verdicts), each with its destination's registrable domain, party and owner.
A send is tied to the SDK the findings attribute it to; unattributed sends and reads have the
SDK "" (listed last).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.detect.match.domains import PartyResolver, registrable_domain, tracker_for
from harness.records import DATA_TYPES
from harness.rundir import RunDir
from harness.sdk import load_sdk_table

UNATTRIBUTED = ""


@dataclass(frozen=True)
class Send:
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


def sends(findings: Mapping[str, Any], package: str, first_party: Sequence[str]) -> list[Send]:
    listed = findings.get("transmissions")
    if not isinstance(listed, list):
        listed = [
            e
            for v in findings.get("verdicts") or []
            if isinstance(v, dict)
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
        found.append(
            Send(
                sdk=str(item.get("sdk") or UNATTRIBUTED),
                data_type=item["data_type"],
                domain=domain,
                party=str(party),
                owner=str(item.get("owner") or (tracker.owner if tracker else "")),
                flow=str(item.get("ref") or item.get("flow") or id(item)),
            )
        )
    return found


def _number(value: Any) -> float | None:
    return None if isinstance(value, bool) or not isinstance(value, int | float) else float(value)


def reads(run_dir: Path) -> Iterator[tuple[str, str, float]]:
    """(sdk, data_type, ts) of each hook event that read a data type."""
    for event in RunDir(run_dir).events():
        if event.data_type is not None and event.data_type in DATA_TYPES:
            yield event.sdk or UNATTRIBUTED, event.data_type, event.ts


def dataflow(
    run_dir: Path, findings: Mapping[str, Any], package: str, first_party: Sequence[str]
) -> list[dict[str, Any]]:
    """[{sdk, sdk_name, data_type, reads, reads_before_consent, first_read (ts or null),
    destinations [{domain, party, owner, flows}]}], attributed SDKs first."""
    consent = findings.get("consent")
    consent_ts = _number(consent.get("ts")) if isinstance(consent, dict) else None
    times: dict[tuple[str, str], list[float]] = defaultdict(list)
    for sdk, data_type, ts in reads(run_dir):
        times[(sdk, data_type)].append(ts)
    flows: dict[tuple[str, str], dict[tuple[str, str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    for send in sends(findings, package, first_party):
        flows[(send.sdk, send.data_type)][(send.domain, send.party, send.owner)].add(send.flow)
    rows = []
    for key in sorted(set(times) | set(flows), key=lambda k: (k[0] == UNATTRIBUTED, k)):
        sdk, data_type = key
        read_at = times.get(key, [])
        destinations = sorted(
            flows.get(key, {}).items(), key=lambda item: (item[0][1] != "third", item[0][0])
        )
        rows.append(
            {
                "sdk": sdk,
                "sdk_name": sdk_name(sdk),
                "data_type": data_type,
                "reads": len(read_at),
                "reads_before_consent": sum(1 for t in read_at if consent_ts is None or t < consent_ts),
                "first_read": min(read_at) if read_at else None,
                "destinations": [
                    {"domain": domain, "party": party, "owner": owner, "flows": len(refs)}
                    for (domain, party, owner), refs in destinations
                ],
            }
        )
    return rows
