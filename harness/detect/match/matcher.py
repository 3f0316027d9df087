"""Searching a flow's URL, headers and body for every canary in every encoding.

One Aho-Corasick automaton (the Rust `aho-corasick` crate through `ahocorasick_rs`, DFA
mode) holds every encoded variant of every canary plus the coordinate triggers, so each
text is scanned once, however many canaries and encodings there are. Each text is a
*view*; the decodable parts of a view (a gzip or zlib stream, base64 runs, line-wrapped base64,
percent-encoded tokens, JSON escapes, protobuf fields, multipart parts — see `layers`) become
child views that are scanned the same way, down to `MatchLimits.max_depth` and within a
per-flow byte and view budget.

A match's `encoding` is the chain from the wire back to the canary, outermost first:
the body's content encoding, "json" for a JSON document, each decoding layer, then the
variant's own chain (`["gzip", "json", "base64"]`; `["plain"]` for the value as is).
When a parent view already matched a canary in the text a child's match was decoded from,
the child's match is dropped: it is the same occurrence seen through a decoding.
The automaton also holds the output heads of transforms that carried a canary (`outputs`, see
`transforms`): their matches have the data type "transform_output".
The headers are searched one value at a time, so a value split across two headers is not
a match.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from ahocorasick_rs import BytesAhoCorasick, Implementation

from harness.detect.match import coords, layers, wire_layers
from harness.detect.match.coords import CoordinateCanary, CoordinateHit, Trigger
from harness.detect.match.encodings import OutputBlob, Variant, expand, output_variants
from harness.detect.view import Flow
from harness.profile import Canary

EXCERPT_CONTEXT = 32
LOCATION_LABEL = "location"


@dataclass(frozen=True)
class MatchLimits:
    max_depth: int = 4  # nested decodings below the recorded text
    max_views: int = 512  # decoded views per flow
    max_decoded_bytes: int = 32 * 1024 * 1024  # decoded bytes per flow
    max_inflated_bytes: int = 16 * 1024 * 1024  # one gzip/zlib stream
    min_base64_chars: int = 16


@dataclass(frozen=True)
class Match:
    canary: str  # the canary's label ("imei", "contact_0_number", "location")
    data_type: str
    value: str
    form: str
    encoding: tuple[str, ...]
    location: str  # "url" | "header:NAME" | "body"
    start: int  # span of the recorded text that holds the occurrence
    end: int
    excerpt: str  # the occurrence and its surroundings, decoded


@dataclass(frozen=True)
class FlowScan:
    matches: tuple[Match, ...]
    capped: bool  # a decoding budget ran out: deeper layers were not searched


@dataclass
class _Budget:
    views: int
    decoded_bytes: int
    capped: bool = False


@dataclass(frozen=True)
class _Location:
    name: str
    data: bytes
    chain: tuple[str, ...] = field(default=())


class Matcher:
    def __init__(
        self,
        canaries: Sequence[Canary],
        location: CoordinateCanary | None = None,
        limits: MatchLimits | None = None,
        outputs: Sequence[OutputBlob] = (),
    ) -> None:
        self.location = location
        self.limits = limits or MatchLimits()
        self.variants = expand(canaries) + [v for blob in outputs for v in output_variants(blob)]
        self.triggers = coords.triggers(location) if location else []
        index: dict[bytes, int] = {}
        self._meta: list[list[Variant | Trigger]] = []
        items: list[Variant | Trigger] = [*self.variants, *self.triggers]
        for item in items:
            slot = index.setdefault(item.pattern, len(index))
            if slot == len(self._meta):
                self._meta.append([])
            self._meta[slot].append(item)
        self.patterns = list(index)
        self._engine = (
            BytesAhoCorasick(self.patterns, implementation=Implementation.DFA) if self.patterns else None
        )

    def scan_flow(self, flow: Flow) -> FlowScan:
        budget = _Budget(self.limits.max_views, self.limits.max_decoded_bytes)
        found: list[Match] = []
        for where in _locations(flow):
            found.extend(self.scan(where.data, where.name, where.chain, budget))
        return FlowScan(tuple(found), budget.capped)

    def scan(
        self, data: bytes, location: str, chain: tuple[str, ...] = (), budget: _Budget | None = None
    ) -> list[Match]:
        """Matches in one recorded text, its spans in `data`'s coordinates."""
        if budget is None:
            budget = _Budget(self.limits.max_views, self.limits.max_decoded_bytes)
        if layers.looks_like_json(data):
            chain = (*chain, "json")
        return self._scan_view(data, location, chain, 0, budget)

    def _scan_view(
        self, data: bytes, location: str, chain: tuple[str, ...], depth: int, budget: _Budget
    ) -> list[Match]:
        found = self._search(data, location, chain)
        if depth >= self.limits.max_depth:
            return found
        for child in self._layers(data, budget):
            child_chain = (*chain, child.name)
            if child.name != "json_escape" and layers.looks_like_json(child.data):
                child_chain = (*child_chain, "json")
            for match in self._scan_view(child.data, location, child_chain, depth + 1, budget):
                start, end = child.source_span(match.start, match.end)
                if not any(m.canary == match.canary and m.start < end and start < m.end for m in found):
                    found.append(replace(match, start=start, end=end))
        return found

    def _layers(self, data: bytes, budget: _Budget) -> Iterator[layers.Layer]:
        """The decodable parts of `data`, while the flow's budget lasts."""
        for child in self._candidates(data, budget):
            if budget.views <= 0 or budget.decoded_bytes < len(child.data):
                budget.capped = True
                return
            budget.views -= 1
            budget.decoded_bytes -= len(child.data)
            yield child

    def _candidates(self, data: bytes, budget: _Budget) -> Iterator[layers.Layer]:
        inflated = layers.inflate(data, min(self.limits.max_inflated_bytes, budget.decoded_bytes))
        if inflated:
            yield inflated
        yield from wire_layers.multipart_parts(data)
        message = wire_layers.protobuf_fields(data)
        if message:
            yield message
        yield from layers.base64_runs(data, self.limits.min_base64_chars)
        wrapped = layers.unwrapped_base64(data)
        if wrapped:
            yield wrapped
        decoded = layers.url_decoded(data)
        if decoded:
            yield decoded
        unescaped = layers.json_unescaped(data)
        if unescaped:
            yield unescaped

    def _search(self, data: bytes, location: str, chain: tuple[str, ...]) -> list[Match]:
        if self._engine is None or not data:
            return []
        matches: list[Match] = []
        fixes: list[CoordinateHit] = []
        for slot, start, end in self._engine.find_matches_as_indexes(data, overlapping=True):
            for item in self._meta[slot]:
                if isinstance(item, Variant):
                    if _edges_match(item, data, start, end):
                        matches.append(_match(item, data, location, chain, start, end))
                elif self.location is not None:
                    hit = coords.read_at(data, start, item, self.location)
                    if hit is not None:
                        fixes.append(hit)
        location_match = self._location_match(fixes, data, location, chain)
        if location_match is not None:
            matches.append(location_match)
        return _without_contained(matches)

    def _location_match(
        self, fixes: list[CoordinateHit], data: bytes, location: str, chain: tuple[str, ...]
    ) -> Match | None:
        latitude = next((h for h in fixes if h.axis == "latitude"), None)
        longitude = next((h for h in fixes if h.axis == "longitude"), None)
        if self.location is None or latitude is None or longitude is None:
            return None
        start, end = min(latitude.start, longitude.start), max(latitude.end, longitude.end)
        notations = sorted({latitude.notation, longitude.notation})
        return Match(
            canary=LOCATION_LABEL,
            data_type="location",
            value=f"{self.location.latitude},{self.location.longitude}",
            form="+".join(notations),
            encoding=(*chain, "e6") if notations == ["e6"] else chain or ("plain",),
            location=location,
            start=start,
            end=end,
            excerpt=_excerpt(data, start, end),
        )


def _locations(flow: Flow) -> list[_Location]:
    found = [_Location("url", flow.url.encode("utf-8", errors="surrogatepass"))]
    for name, value in flow.request_headers:
        found.append(_Location(f"header:{name}", value.encode("utf-8", errors="surrogatepass")))
    if flow.request_body:
        # the capture side undid the content encoding unless it says it could not
        encoding = "" if flow.decode_error else (flow.content_encoding or "").lower()
        decoded = tuple(e.strip() for e in encoding.split(",") if e.strip() not in ("", "identity"))
        found.append(_Location("body", flow.request_body, decoded))
    return found


_SEXTETS = {
    c: i for i, c in enumerate(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
} | {ord("-"): 62, ord("_"): 63}


def _edges_match(variant: Variant, data: bytes, start: int, end: int) -> bool:
    """For a base64 core: the neighbouring characters carry the rest of the value's bits."""
    if variant.lead is not None:
        count, bits = variant.lead
        sextet = _SEXTETS.get(data[start - 1]) if start > 0 else None
        if sextet is None or sextet & ((1 << count) - 1) != bits:
            return False
    if variant.tail is not None:
        count, bits = variant.tail
        sextet = _SEXTETS.get(data[end]) if end < len(data) else None
        if sextet is None or sextet >> (6 - count) != bits:
            return False
    return True


def _match(
    variant: Variant, data: bytes, location: str, chain: tuple[str, ...], start: int, end: int
) -> Match:
    return Match(
        canary=variant.canary.label,
        data_type=variant.canary.data_type,
        value=variant.canary.value,
        form=variant.form,
        encoding=(*chain, *variant.chain) or ("plain",),
        location=location,
        start=start,
        end=end,
        excerpt=_excerpt(data, start, end),
    )


def _without_contained(matches: list[Match]) -> list[Match]:
    """Drop a match inside a longer match of the same canary, and repeats of one encoding."""
    kept: list[Match] = []
    seen: set[tuple[str, tuple[str, ...], str]] = set()
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if any(_contains(k, match) for k in kept):
            continue
        key = (match.canary, match.encoding, match.form)
        if key in seen:
            continue
        seen.add(key)
        kept.append(match)
    return kept


def _contains(outer: Match, inner: Match) -> bool:
    return outer.canary == inner.canary and outer.start <= inner.start and inner.end <= outer.end


def _excerpt(data: bytes, start: int, end: int) -> str:
    window = data[max(0, start - EXCERPT_CONTEXT) : end + EXCERPT_CONTEXT]
    text = window.decode("utf-8", errors="replace")
    return "".join(ch if ch.isprintable() else "·" for ch in text)
