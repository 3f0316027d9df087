"""Finding where a transmitted value sits, so the report can mark it for the reader.

A flow's evidence names the canary (its label), where in the request it was found and the
decoding chain, but not the byte span. The report runs the project's own matcher again, for
that one canary over that one part of the request, to mark the span in the recorded text,
and looks for the canary's encoded forms in the matcher's decoded excerpt.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from harness.detect.match.coords import CoordinateCanary, find_in
from harness.detect.match.encodings import expand
from harness.detect.match.matcher import LOCATION_LABEL, Matcher
from harness.profile import Canary, DeviceProfile, canaries
from harness.rundir import PROFILE


@dataclass
class CanaryBook:
    """The run's canaries by label: the profile's, plus values the hooks observed."""

    by_label: dict[str, Canary]
    location: CoordinateCanary | None
    _matchers: dict[str, Matcher | None] = field(default_factory=dict)

    def matcher(self, label: str) -> Matcher | None:
        if label not in self._matchers:
            if label == LOCATION_LABEL:
                found = Matcher([], self.location) if self.location else None
            else:
                canary = self.by_label.get(label)
                found = Matcher([canary]) if canary else None
            self._matchers[label] = found
        return self._matchers[label]

    def patterns(self, label: str) -> list[str]:
        """The canary's encoded forms as text, longest first (what a decoded excerpt shows)."""
        canary = self.by_label.get(label)
        if canary is None:
            return []
        texts = {v.pattern.decode("utf-8", errors="replace") for v in expand([canary])}
        return sorted(texts, key=len, reverse=True)


def read_book(run_dir: Path, observed: Mapping[str, str]) -> CanaryBook:
    """`observed`: label → value of canaries the analysis took from hook events."""
    by_label: dict[str, Canary] = {}
    location = None
    try:
        profile = DeviceProfile.from_json(json.loads((run_dir / PROFILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, AttributeError):
        profile = None  # without the profile nothing can be marked; the report says so per item
    if profile is not None:
        by_label = {c.label: c for c in canaries(profile)}
        location = CoordinateCanary(profile.latitude, profile.longitude)
    for label, value in observed.items():
        by_label.setdefault(label, Canary("", label, value))
    return CanaryBook(by_label, location)


def locate(book: CanaryBook, label: str, data: bytes, encoding: Sequence[str]) -> tuple[int, int] | None:
    """The span of `data` holding the canary, preferring a match with the recorded chain."""
    matcher = book.matcher(label)
    if matcher is None:
        return None
    matches = [m for m in matcher.scan(data, "report") if m.canary == label]
    if not matches:
        return None
    wanted = tuple(encoding)
    same = [m for m in matches if wanted[-len(m.encoding) :] == m.encoding]
    best = (same or matches)[0]
    return best.start, best.end


def spans_in_excerpt(book: CanaryBook, label: str, excerpt: str) -> list[tuple[int, int]]:
    """Character spans of the canary's forms in a decoded excerpt (non-overlapping, in order)."""
    spans: list[tuple[int, int]] = []
    if label == LOCATION_LABEL and book.location is not None:
        data = excerpt.encode("utf-8")
        for hit in find_in(data, book.location):
            start = len(data[: hit.start].decode("utf-8", errors="replace"))
            end = start + len(data[hit.start : hit.end].decode("utf-8", errors="replace"))
            spans.append((start, end))
    else:
        for pattern in book.patterns(label):
            if pattern:
                found = re.finditer(re.escape(pattern), excerpt, flags=re.IGNORECASE)
                spans += [(m.start(), m.end()) for m in found]
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept
