"""Which hook events read a value before it was sent: the SDK that collected it.

A transmitted canary is linked to the hook events that returned the same value earlier
(compared in any of its written forms: digits only for phone numbers, hex only for MACs,
numerically for the GPS fix). When no event shows the value — the hook recorded no return
value, or the value came from an API without a hook — the earlier successful reads of the
same data type are linked instead, marked `link: "data_type"`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from harness.detect.match import coords
from harness.detect.match.coords import CoordinateCanary
from harness.detect.match.encodings import MAC_SHAPE, is_phone_number, value_forms
from harness.detect.match.matcher import LOCATION_LABEL
from harness.detect.view import event_ref
from harness.profile import Canary
from harness.records import HookEvent

CLOCK_SKEW_S = 1.0  # the hook and proxy clocks may disagree slightly (device vs host)
MAX_LINKS = 5


@dataclass(frozen=True)
class Collection:
    ref: str
    ts: float
    api: str
    sdk: str | None
    data_type: str | None
    link: Literal["value", "data_type"]

    def to_json(self) -> dict[str, object]:
        return {
            "ref": self.ref,
            "ts": self.ts,
            "api": self.api,
            "sdk": self.sdk,
            "data_type": self.data_type,
            "link": self.link,
        }


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _hex(text: str) -> str:
    return re.sub(r"[^0-9a-f]", "", text.lower())


def reads_value(value: str, canary: Canary) -> bool:
    """Whether an event's returned text contains the canary in any written form."""
    lowered = value.lower()
    if any(form.lower() in lowered for form in value_forms(canary).values()):
        return True
    if is_phone_number(canary):
        national = value_forms(canary).get("national", "")
        return len(national) >= 7 and national in _digits(value)
    if MAC_SHAPE.fullmatch(canary.value):
        return _hex(canary.value) in _hex(value)
    return False


class ProvenanceIndex:
    def __init__(
        self,
        events: Sequence[HookEvent],
        canaries: Sequence[Canary],
        location: CoordinateCanary | None,
    ) -> None:
        self._by_canary: dict[str, list[HookEvent]] = {}
        self._by_type: dict[str, list[HookEvent]] = {}
        for event in events:
            if event.kind == "transform":
                continue  # what an SDK encrypted or hashed is not a read of personal data
            if event.data_type and event.outcome == "returned":
                self._by_type.setdefault(event.data_type, []).append(event)
            if not event.value:
                continue
            for canary in canaries:
                if reads_value(event.value, canary):
                    self._by_canary.setdefault(canary.label, []).append(event)
            if location is not None and coords.mentions_fix(event.value.encode(), location):
                self._by_canary.setdefault(LOCATION_LABEL, []).append(event)

    def collectors(self, canary: str, data_type: str, before: float) -> tuple[Collection, ...]:
        """The events that read the value (or, failing that, its data type) by `before`."""
        by_value = _earlier(self._by_canary.get(canary, []), before)
        if by_value:
            return _links(by_value, "value")
        return _links(_earlier(self._by_type.get(data_type, []), before), "data_type")


def _earlier(events: list[HookEvent], before: float) -> list[HookEvent]:
    return [e for e in events if e.ts <= before + CLOCK_SKEW_S]


def _links(events: list[HookEvent], link: Literal["value", "data_type"]) -> tuple[Collection, ...]:
    """One link per (API, SDK), earliest first, at most MAX_LINKS."""
    links: dict[tuple[str, str | None], Collection] = {}
    for event in events:
        key = (event.api, event.sdk)
        if key not in links:
            links[key] = Collection(event_ref(event), event.ts, event.api, event.sdk, event.data_type, link)
    return tuple(list(links.values())[:MAX_LINKS])
