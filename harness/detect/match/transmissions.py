"""Every canary that left the device: one `Transmission` per (flow, location, canary, encoding).

This is computed once per run (`view.derive(scan_traffic)`) and shared by the detectors for
`pi_transmitted_before_consent` and `pi_shared_with_third_party`; findings.json keeps the
full list under `transmissions`. Canaries are the profile's values plus the values hook
events returned that the profile does not know (e.g. the per-app Android ID a real device
hands out), so a value seen by a hook is searched for even when the profile missed it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from harness.detect.engine import Evidence
from harness.detect.match import transforms
from harness.detect.match.coords import CoordinateCanary
from harness.detect.match.domains import Destination, PartyResolver
from harness.detect.match.matcher import Match, Matcher
from harness.detect.match.plaintext import HookFlow, hook_flows
from harness.detect.match.provenance import Collection, ProvenanceIndex
from harness.detect.match.transforms import Carrier, Link
from harness.detect.view import Flow, Phase, RunView, clean_text
from harness.profile import Canary, canaries
from harness.records import HookEvent

OBSERVABLE_TYPES = frozenset(
    {"device_id", "phone_number", "mac_address", "wifi", "clipboard", "advertising_id", "bluetooth"}
)
# Values Android returns instead of the real one; matching them would flag every app.
PLACEHOLDER_VALUES = frozenset(
    {"02:00:00:00:00:00", "<unknown ssid>", "unknown", "null", "000000000000000", "0000000000000000"}
)
_SINGLE_TOKEN = re.compile(r"[^\r\n]{8,64}")
OUTPUT_TYPE = "transform_output"  # the data type of a transform output's matches (see encodings)


@dataclass(frozen=True)
class Transmission:
    flow: Flow
    destination: Destination
    match: Match
    phase: Phase
    collected_by: tuple[Collection, ...]
    via: Link | None = None  # the transforms (encryption, hashing...) between read and send

    @property
    def sdk(self) -> str | None:
        """The SDK whose code read the value first (None: the app's own code, or unknown)."""
        return self.collected_by[0].sdk if self.collected_by else None

    def fields(self) -> dict[str, Any]:
        match, destination = self.match, self.destination
        return {
            "sdk": self.sdk,
            "host": destination.host,
            "domain": destination.domain,
            "party": destination.party,
            "owner": destination.owner,
            "recipient_sdk": destination.sdk,
            "data_type": match.data_type,
            "canary": match.canary,
            "form": match.form,
            "encoding": list(match.encoding),
            "location": match.location,
            "excerpt": match.excerpt,
            "method": self.flow.method,
            "ts": self.flow.ts,
            "phase": self.phase,
            "collected_by": [c.to_json() for c in self.collected_by],
            "source": "hook" if isinstance(self.flow, HookFlow) else "proxy",
            **self._chain_fields(),
        }

    def _chain_fields(self) -> dict[str, Any]:
        if self.via is None:
            return {}
        return {
            "chain": self.via.text(self.flow.method, self.destination.host),
            "transforms": [step.to_json() for step in self.via.carrier.steps],
        }

    def to_json(self) -> dict[str, Any]:
        return {"flow": self.flow.ref, "url": self.flow.url, **self.fields()}


@dataclass(frozen=True)
class TrafficScan:
    transmissions: tuple[Transmission, ...]
    flows_scanned: int
    undecrypted: tuple[Flow, ...]  # TLS failed: contents unknown
    capped: tuple[Flow, ...]  # a decoding budget ran out
    truncated: tuple[Flow, ...]  # the capture side kept only part of the body
    hook_only: tuple[Flow, ...] = ()  # requests read from hooked TLS plaintext, not seen by the proxy
    capture_lost: str | None = None  # the capture died mid-run: later traffic is unknown


def run_canaries(view: RunView) -> list[Canary]:
    found = [replace(c, value=clean_text(c.value)) for c in canaries(view.profile)] if view.profile else []
    known = {c.value.lower() for c in found}
    for event in view.events:
        value = (event.value or "").strip()
        if _observable(event, value) and value.lower() not in known:
            known.add(value.lower())
            found.append(Canary(event.data_type or "", f"observed:{_short_api(event.api)}", value))
    return found


def _observable(event: HookEvent, value: str) -> bool:
    return (
        event.data_type in OBSERVABLE_TYPES
        and event.outcome == "returned"
        and _SINGLE_TOKEN.fullmatch(value) is not None
        and value.lower() not in PLACEHOLDER_VALUES
    )


def _short_api(api: str) -> str:
    return ".".join(api.split(".")[-2:])


def traffic_inputs_missing(view: RunView) -> str | None:
    """Why the traffic of `view` cannot be searched (no flows, no canary values), or None."""
    if view.flows_missing_reason:
        return view.flows_missing_reason
    if view.profile is None:
        return "no profile.json in the run folder: the canary values are unknown"
    return None


def scan_traffic(view: RunView) -> TrafficScan:
    hooked = hook_flows(view.events, view.flows or ())
    flows = (*(view.flows or ()), *hooked)
    profile = view.profile
    location = (
        CoordinateCanary(profile.latitude, profile.longitude, view.coordinate_tolerance) if profile else None
    )
    targets = run_canaries(view)
    carried = transforms.carriers(transforms.transforms_of(view.events), Matcher(targets, location))
    matcher = Matcher(targets, location, outputs=transforms.output_blobs(carried))
    carriers_by_output = transforms.by_output(carried)
    provenance = ProvenanceIndex(view.events, targets, location)
    parties = PartyResolver(view.package, view.first_party)
    found: list[Transmission] = []
    capped: list[Flow] = []
    for flow in flows:
        scan = matcher.scan_flow(flow)
        if scan.capped:
            capped.append(flow)
        destination = parties.resolve(flow.host)
        pairs: list[tuple[Match, Link | None]] = [
            (m, None) for m in scan.matches if m.data_type != OUTPUT_TYPE
        ]
        direct = {(m.canary, m.location) for m, _ in pairs}
        linked = [
            pair
            for m in scan.matches
            if m.data_type == OUTPUT_TYPE
            for pair in _through_transforms(m, carriers_by_output.get(m.canary, []), flow.ts)
        ]
        pairs = [(m, _link_of(m, linked)) for m, _ in pairs]
        pairs += _longest_chains([p for p in linked if (p[0].canary, p[0].location) not in direct])
        for sent, via in pairs:
            collected = provenance.collectors(sent.canary, sent.data_type, flow.ts)
            found.append(Transmission(flow, destination, sent, view.phase(flow.ts), collected, via))
    return TrafficScan(
        transmissions=tuple(found),
        flows_scanned=len(flows),
        undecrypted=tuple(f for f in flows if f.undecrypted),
        capped=tuple(capped),
        truncated=tuple(f for f in flows if f.body_truncated),
        hook_only=tuple(hooked),
        capture_lost=view.capture_lost,
    )


def _through_transforms(match: Match, found: Sequence[Carrier], before: float) -> list[tuple[Match, Link]]:
    """A flow match of a transform's output as matches of the canaries that went into it."""
    linked: list[tuple[Match, Link]] = []
    seen: set[str] = set()
    for carrier in found:
        origin = carrier.origin
        if carrier.last.ts > before + transforms.CLOCK_SKEW_S or origin.canary in seen:
            continue
        seen.add(origin.canary)
        applied = tuple(step.algorithm.lower() for step in reversed(carrier.steps))
        inner = origin.encoding if origin.encoding != ("plain",) else ()
        encoding = tuple(e for e in match.encoding if e != "plain") + applied + inner
        sent = replace(
            match,
            canary=origin.canary,
            data_type=origin.data_type,
            value=origin.value,
            form=origin.form,
            encoding=encoding,
        )
        linked.append((sent, Link(carrier, tuple(e for e in match.encoding if e != "plain"))))
    return linked


def _link_of(direct: Match, linked: Sequence[tuple[Match, Link]]) -> Link | None:
    """The transform chain behind a direct match (the digest of an id that a hooked
    MessageDigest computed): the same occurrence, seen through the transform's output."""
    for match, link in sorted(linked, key=lambda pair: -len(pair[1].carrier.steps)):
        if (
            match.canary == direct.canary
            and match.location == direct.location
            and match.start < direct.end
            and direct.start < match.end
        ):
            return link
    return None


def _longest_chains(linked: list[tuple[Match, Link]]) -> list[tuple[Match, Link]]:
    """One occurrence seen through several transforms (AES's output and the base64 of it): the
    longest chain is kept."""
    kept: list[tuple[Match, Link]] = []
    for match, link in sorted(linked, key=lambda pair: -len(pair[1].carrier.steps)):
        if not any(
            m.canary == match.canary
            and m.location == match.location
            and m.start < match.end
            and match.start < m.end
            for m, _ in kept
        ):
            kept.append((match, link))
    return kept


def grouped_evidence(transmissions: Iterable[Transmission]) -> list[Evidence]:
    """One evidence item per (domain, canary, encoding, location), the first flow, with a count."""
    groups: dict[tuple[object, ...], tuple[Transmission, int]] = {}
    for t in transmissions:
        key = (t.destination.domain, t.match.canary, t.match.encoding, t.match.location)
        first, count = groups.get(key, (t, 0))
        groups[key] = (first, count + 1)
    return [
        Evidence("flow", first.flow.ref, {**first.fields(), "count": count})
        for first, count in groups.values()
    ]


def destinations(transmissions: Sequence[Transmission]) -> list[dict[str, Any]]:
    """Who received personal information, by registrable domain."""
    table: dict[str, dict[str, Any]] = {}
    for t in transmissions:
        d = t.destination
        entry = table.setdefault(
            d.domain,
            {
                "domain": d.domain,
                "party": d.party,
                "owner": d.owner,
                "sdk": d.sdk,
                "hosts": set(),
                "data_types": set(),
                "flows": set(),
            },
        )
        entry["hosts"].add(d.host)
        entry["data_types"].add(t.match.data_type)
        entry["flows"].add(t.flow.ref)
    return [
        {**e, "hosts": sorted(e["hosts"]), "data_types": sorted(e["data_types"]), "flows": len(e["flows"])}
        for e in sorted(table.values(), key=lambda e: str(e["domain"]))
    ]


def collecting_sdks(transmissions: Sequence[Transmission]) -> list[str]:
    return sorted({c.sdk for t in transmissions for c in t.collected_by if c.sdk})


def coverage_note(scan: TrafficScan, flows: Sequence[Flow]) -> str:
    """What could not be searched among `flows`, as a sentence (empty when everything was)."""
    refs = {f.ref for f in flows}
    notes = [scan.capture_lost] if scan.capture_lost else []
    for label, group in (
        ("could not be decrypted", scan.undecrypted),
        ("hit the decoding budget", scan.capped),
        ("had their body truncated by the capture", scan.truncated),
    ):
        count = sum(1 for f in group if f.ref in refs)
        if count:
            notes.append(f"{count} flow(s) {label}")
    return "; ".join(notes)
