"""Linking what an SDK encrypted, hashed, compressed or encoded to the flow that carried the result.

The agent's transform hooks (hooks/src/transforms.ts) record one `kind: "transform"` event per
finished operation: the algorithm, the input (the first 64 KiB) and the head of the output. A
*carrier* is a transform whose input holds a canary in any encoding, or the output of an earlier
carrier (AES over deflated JSON, base64 over AES). The heads of carriers' outputs are searched in
flows like canary values (see `encodings.output_variants`), and a hit is the canary's transmission
with its chain: "imei → AES/CBC/PKCS5Padding by com.umeng → base64 → POST alog.umeng.com".
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from harness.detect.match.encodings import OutputBlob
from harness.detect.match.matcher import Match, Matcher
from harness.detect.view import event_ref
from harness.records import HookEvent

TRANSFORM_KIND = "transform"
OUTPUT_LABEL_PREFIX = "transform:"
MIN_LINK_BYTES = 12  # shorter output heads could occur by chance in an unrelated input or flow
MAX_CARRIERS = 4096
CLOCK_SKEW_S = 1.0


@dataclass(frozen=True)
class Transform:
    ref: str
    ts: float
    api: str
    family: str  # "cipher" | "mac" | "digest" | "deflate" | "base64"
    algorithm: str
    sdk: str | None
    input: bytes
    input_size: int
    output_head: bytes
    output_size: int

    @property
    def label(self) -> str:
        return f"{OUTPUT_LABEL_PREFIX}{self.ref}"

    @property
    def step(self) -> str:
        return self.algorithm if self.sdk is None else f"{self.algorithm} by {self.sdk}"

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "ts": self.ts,
            "api": self.api,
            "algorithm": self.algorithm,
            "sdk": self.sdk,
            "input_size": self.input_size,
            "output_size": self.output_size,
        }


@dataclass(frozen=True)
class Carrier:
    """A transform whose output holds a canary: `origin` is the canary in the first input."""

    origin: Match
    steps: tuple[Transform, ...]  # in the order they were applied; the last made the output

    @property
    def last(self) -> Transform:
        return self.steps[-1]


def transform_of(event: HookEvent) -> Transform | None:
    """The transform an event recorded, or None for other events and malformed values."""
    if event.kind != TRANSFORM_KIND or not event.value:
        return None
    try:
        value = json.loads(event.value)
        data = base64.b64decode(str(value.get("input") or ""), validate=True)
        head = bytes.fromhex(str(value.get("output_head") or ""))
        algorithm = str(value.get("algorithm") or "")
        family = str(value.get("family") or "")
        input_size = int(value.get("input_size") or 0)
        output_size = int(value.get("output_size") or 0)
    except (ValueError, TypeError, AttributeError, binascii.Error):
        return None
    if family == "base64":
        algorithm = "base64"
    return Transform(
        event_ref(event),
        event.ts,
        event.api,
        family,
        algorithm,
        event.sdk,
        data,
        input_size,
        head,
        output_size,
    )


def transforms_of(events: Sequence[HookEvent]) -> list[Transform]:
    return sorted((t for e in events if (t := transform_of(e))), key=lambda t: t.ts)


def carriers(transforms: Sequence[Transform], canary_matcher: Matcher) -> list[Carrier]:
    """Every transform that carried a canary, directly or through earlier transforms' outputs."""
    found: list[Carrier] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for transform in transforms:
        if not transform.input:
            continue
        new: list[Carrier] = []
        for match in canary_matcher.scan(transform.input, "transform_input"):
            new.append(Carrier(match, (transform,)))
        for earlier in found:
            head = earlier.last.output_head
            if (
                earlier.last.ts <= transform.ts + CLOCK_SKEW_S
                and earlier.last is not transform
                and len(head) >= MIN_LINK_BYTES
                and head in transform.input
            ):
                new.append(Carrier(earlier.origin, (*earlier.steps, transform)))
        for carrier in new:
            key = (carrier.origin.canary, tuple(step.ref for step in carrier.steps))
            if key not in seen and len(found) < MAX_CARRIERS:
                seen.add(key)
                found.append(carrier)
    return found


def output_blobs(found: Sequence[Carrier]) -> list[OutputBlob]:
    """The output heads to search flows for, one per carrying transform."""
    blobs: dict[str, OutputBlob] = {}
    for carrier in found:
        last = carrier.last
        if len(last.output_head) >= MIN_LINK_BYTES and last.label not in blobs:
            complete = last.output_size <= len(last.output_head)
            blobs[last.label] = OutputBlob(last.label, last.output_head, last.family == "base64", complete)
    return list(blobs.values())


def by_output(found: Sequence[Carrier]) -> dict[str, list[Carrier]]:
    table: dict[str, list[Carrier]] = {}
    for carrier in found:
        table.setdefault(carrier.last.label, []).append(carrier)
    return table


@dataclass(frozen=True)
class Link:
    """How a transmitted canary got to the wire: its carrier, then the flow-side encodings."""

    carrier: Carrier
    wire: tuple[str, ...]  # from the wire back to the last transform's output, outermost first

    def text(self, method: str, host: str) -> str:
        """ "imei → AES/CBC/PKCS5Padding by com.umeng → base64 → POST alog.umeng.com"."""
        steps = [self.carrier.origin.canary, *(step.step for step in self.carrier.steps)]
        steps += [name for name in reversed(self.wire) if name != "json"]
        steps.append(f"{method} {host}".strip())
        return " → ".join(steps)
