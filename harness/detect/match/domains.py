"""Who receives a flow: registrable domain, first or third party, and the tracker owner.

- Registrable domain ("eTLD+1") from the Public Suffix List shipped inside the
  `publicsuffixlist` package (no network at run time): `api.x.com.cn` → `x.com.cn`.
- First party: a host under a domain listed for the app (manifest `first_party_domains`,
  CLI `--first-party`, a catalog column), or whose registrable domain's own label equals a
  distinctive label of the app's package name (`com.example.shop` → `example.com`,
  `shop.cn`). Everything else is third party.
- Owner: `harness/data/trackers.json`, longest matching domain suffix; it names the
  company and SDK behind a host but does not by itself make a host third party.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from publicsuffixlist import PublicSuffixList

Party = Literal["first", "third"]

# Package labels too common to identify an owner ("com.example.app" → only "example" counts).
GENERIC_PACKAGE_LABEL = re.compile(
    r"com|cn|net|org|io|co|me|app|apps|android|mobile|client|lite|free|pro|hd|www|main|demo"
    r"|sdk|test|debug|release|official|global|intl"
)


@dataclass(frozen=True)
class Tracker:
    domain: str
    owner: str
    sdk: str
    category: str


@dataclass(frozen=True)
class Destination:
    host: str
    domain: str
    party: Party
    owner: str | None
    sdk: str | None
    category: str | None


@lru_cache(maxsize=1)
def _suffix_list() -> PublicSuffixList:
    return PublicSuffixList()


@lru_cache(maxsize=1)
def load_trackers() -> dict[str, Tracker]:
    raw = json.loads(resources.files("harness.data").joinpath("trackers.json").read_text("utf-8"))
    return {t["domain"]: Tracker(**t) for t in raw["trackers"]}


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def normalise_host(host: str) -> str:
    return host.strip().lower().rstrip(".")


def registrable_domain(host: str) -> str:
    """eTLD+1 of a host; an IP address, a bare public suffix or a single label stays as is."""
    host = normalise_host(host)
    if not host or _is_ip(host):
        return host
    return _suffix_list().privatesuffix(host) or host


def _own_label(domain: str) -> str:
    suffix = _suffix_list().publicsuffix(domain) or ""
    return domain[: -len(suffix) - 1] if suffix and domain != suffix else domain


def _under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def tracker_for(host: str) -> Tracker | None:
    host = normalise_host(host)
    trackers = load_trackers()
    labels = host.split(".")
    for i in range(len(labels)):
        tracker = trackers.get(".".join(labels[i:]))
        if tracker is not None:
            return tracker
    return None


class PartyResolver:
    """Classifies hosts for one app; results are cached per host."""

    def __init__(self, package: str, first_party_domains: Sequence[str] = ()) -> None:
        self.package_labels = frozenset(
            label
            for label in package.lower().split(".")
            if len(label) >= 3 and not GENERIC_PACKAGE_LABEL.fullmatch(label)
        )
        self.first_party_domains = tuple(
            d for d in (normalise_host(x).lstrip("*.") for x in first_party_domains) if d
        )
        self._cache: dict[str, Destination] = {}

    def party(self, host: str, domain: str) -> Party:
        if any(_under(host, listed) for listed in self.first_party_domains):
            return "first"
        if _is_ip(host):
            return "third"
        own = _own_label(domain)
        if own in self.package_labels or own.replace("-", "") in self.package_labels:
            return "first"
        return "third"

    def resolve(self, host: str) -> Destination:
        host = normalise_host(host)
        cached = self._cache.get(host)
        if cached is None:
            domain = registrable_domain(host)
            tracker = tracker_for(host)
            cached = Destination(
                host=host,
                domain=domain,
                party=self.party(host, domain),
                owner=tracker.owner if tracker else None,
                sdk=tracker.sdk if tracker else None,
                category=tracker.category if tracker else None,
            )
            self._cache[host] = cached
        return cached
