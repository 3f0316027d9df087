"""Naming an obfuscated SDK from what its code carries and where it talks, not from its class names.

R8/ProGuard rename an SDK's packages (`a.a.b`, `com.x.y.a`), so neither its package prefix
(sdk_prefixes.json) nor a class fingerprint finds it; the agent then groups its calls under the
package root ("a.a"). Two kinds of evidence survive renaming and are kept beside the class
fingerprints in harness/data/sdk_signatures.json:

- `strings`: constants the SDK's code carries (its endpoint URLs, log tags, manifest meta-data
  keys). R8 does not rewrite string constants. A root is that SDK when its classes carry at least
  MIN_STRINGS of them, each equal to a whole constant (a string that merely contains or resembles
  one does not count), and no other SDK's strings tie with it. Read by the static scan, per class.
- `domains`: where the SDK sends. A root whose code wrote TLS plaintext (hooks/src/plaintext.ts,
  an event stack like any other) to a host under one SDK's domains, and to no other SDK's, is
  that SDK.

Anything else stays "unknown SDK <root>", never the app. Roots inside the app's own namespace are
the app's code and are not fingerprinted.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from harness.records import HookEvent
from harness.sdk import SdkTable, is_obfuscated_class, is_own_code, load_sdk_table, obfuscated_root

SCAN_FILE = "scan.json"  # harness.apk.scan.SCAN_FILE (not imported: it loads androguard)
MIN_STRINGS = 2
MAX_EVIDENCE = 8
PLAINTEXT_SENT = "javax.net.ssl.SSLSocket.write"


@dataclass(frozen=True)
class RootAttribution:
    root: str  # "a.a": the package root the agent attributed the calls to
    sdk: str  # the SDK prefix it is ("com.umeng")
    by: str  # "strings" | "domains"
    evidence: tuple[str, ...]  # the fingerprint strings found, or the hosts contacted

    def to_json(self) -> dict[str, Any]:
        return {"root": self.root, "sdk": self.sdk, "by": self.by, "evidence": list(self.evidence)}

    @classmethod
    def from_json(cls, raw: Any) -> RootAttribution | None:
        if not isinstance(raw, dict):
            return None
        root, sdk, by, evidence = raw.get("root"), raw.get("sdk"), raw.get("by"), raw.get("evidence")
        if not (isinstance(root, str) and isinstance(sdk, str) and isinstance(by, str)):
            return None
        items = tuple(str(e) for e in evidence[:MAX_EVIDENCE]) if isinstance(evidence, list) else ()
        return cls(root, sdk, by, items)


def is_obfuscated_root(sdk: str) -> bool:
    """What the agent names an unknown obfuscated SDK: a root with a minified label ("a.a", "com.x")."""
    return any(len(label) <= 2 for label in sdk.split("."))


def _unique_best(scores: Mapping[str, Sequence[str]], minimum: int) -> str | None:
    """The one SDK with the most evidence (at least `minimum` items); None when two tie."""
    ranked = sorted(scores.items(), key=lambda item: -len(item[1]))
    if not ranked or len(ranked[0][1]) < minimum:
        return None
    if len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1]):
        return None
    return ranked[0][0]


def is_fingerprint_candidate(class_name: str, app_package: str, table: SdkTable | None = None) -> bool:
    """A minified class that no prefix or class fingerprint names and that is not the app's own."""
    table = table or load_sdk_table()
    return not (
        not is_obfuscated_class(class_name)
        or table.is_framework(class_name)
        or table.match(class_name)
        or table.match_signature(class_name)
        or is_own_code(class_name, app_package)
    )


def fingerprint_code(
    strings_by_class: Iterable[tuple[str, Iterable[str]]], app_package: str, table: SdkTable | None = None
) -> tuple[RootAttribution, ...]:
    """The obfuscated roots of an app's code that carry an SDK's string fingerprints.

    `strings_by_class`: (class name, the string constants its code uses) for every class."""
    table = table or load_sdk_table()
    fingerprints = [s for s in table.signatures if s.strings]
    carried: dict[str, set[str]] = defaultdict(set)
    for class_name, strings in strings_by_class:
        if is_fingerprint_candidate(class_name, app_package, table):
            carried[obfuscated_root(class_name)].update(strings)
    found = []
    for root, strings in sorted(carried.items()):
        scores: dict[str, list[str]] = defaultdict(list)
        for signature in fingerprints:
            scores[signature.sdk].extend(sorted(signature.strings & strings))
        sdk = _unique_best(scores, MIN_STRINGS)
        if sdk is not None:
            found.append(RootAttribution(root, sdk, "strings", tuple(scores[sdk][:MAX_EVIDENCE])))
    return tuple(found)


def _domain_sdk(host: str, table: SdkTable) -> str | None:
    host = host.rstrip(".").lower()
    owners = {s.sdk for s in table.signatures for d in s.domains if host == d or host.endswith("." + d)}
    return owners.pop() if len(owners) == 1 else None


def _peer_host(event: HookEvent) -> str | None:
    if event.kind != "plaintext" or event.api != PLAINTEXT_SENT or not event.value:
        return None
    try:
        value = json.loads(event.value)
    except ValueError:
        return None
    host = value.get("peer_host") if isinstance(value, dict) else None
    return host if isinstance(host, str) and host else None


def fingerprint_traffic(
    events: Iterable[HookEvent], table: SdkTable | None = None
) -> tuple[RootAttribution, ...]:
    """The obfuscated roots whose code sent (TLS plaintext) to one SDK's domains only."""
    table = table or load_sdk_table()
    contacted: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        root = event.sdk
        host = _peer_host(event)
        if root is None or host is None or table.by_prefix(root) or not is_obfuscated_root(root):
            continue
        sdk = _domain_sdk(host, table)
        hosts = contacted[root][sdk or ""]
        if host not in hosts:
            hosts.append(host)
    found = []
    for root, by_sdk in sorted(contacted.items()):
        if len(by_sdk) == 1 and "" not in by_sdk:
            ((sdk, hosts),) = by_sdk.items()
            found.append(RootAttribution(root, sdk, "domains", tuple(hosts[:MAX_EVIDENCE])))
    return tuple(found)


def scan_attributions(scan: Any) -> tuple[RootAttribution, ...]:
    """The string attributions a scan document (scan.json) recorded."""
    raw = scan.get("sdk_fingerprints") if isinstance(scan, dict) else None
    if not isinstance(raw, list):
        return ()
    return tuple(a for item in raw if (a := RootAttribution.from_json(item)) is not None)


def attributions_for_run(events: Sequence[HookEvent], scan: Any) -> tuple[RootAttribution, ...]:
    """String evidence first (it names the code itself); domains for the roots strings left unknown."""
    by_strings = scan_attributions(scan)
    named = {a.root for a in by_strings}
    return by_strings + tuple(a for a in fingerprint_traffic(events) if a.root not in named)


def reattribute(events: Sequence[HookEvent], attributions: Iterable[RootAttribution]) -> list[HookEvent]:
    """`events` with the calls of each fingerprinted root attributed to its SDK."""
    sdk_of = {a.root: a.sdk for a in attributions}
    if not sdk_of:
        return list(events)
    return [replace(e, sdk=sdk_of[e.sdk]) if e.sdk in sdk_of else e for e in events]


def reattribute_run(run_dir: Path, events: Sequence[HookEvent]) -> list[HookEvent]:
    """The run's events with its fingerprinted obfuscated roots named (scan.json + TLS plaintext)."""
    try:
        scan = json.loads((run_dir / SCAN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        scan = None
    return reattribute(events, attributions_for_run(events, scan))
