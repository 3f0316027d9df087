"""What the app's code carries: the SDKs it ships, the URLs and hosts it names, its privacy policy.

SDKs are recognised from the class names referenced in the dex with the same signature table
(harness/data/sdk_prefixes.json) that attributes runtime calls to SDKs, so "shipped" and
"active" name SDKs the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

from harness.sdk import SdkTable, load_sdk_table

URL = re.compile(r"https?://[A-Za-z0-9\-._~%:@\[\]]+(?:[/?#][^\s\"'<>\\{}|^`]*)?")
BARE_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,6}[a-z]{2,6}")
# A bare string is taken as a host only under the top-level domains apps' servers mostly use:
# many newer TLDs are ordinary words ("os.name", "vm.info"), and Java package names read like
# reversed host names ("com.google.gson"), so both would flood the list with non-hosts.
BARE_HOST_TLDS = frozenset({"com", "net", "org", "cn", "io", "co", "me", "tv", "cc", "top", "xyz", "biz"})
CODE_NAMESPACE_LABELS = frozenset(
    {"com", "org", "net", "cn", "io", "java", "javax", "jdk", "sun", "android", "androidx", "kotlin",
     "kotlinx", "dalvik", "libcore", "os", "user", "file", "line", "http", "https", "me"}
)  # fmt: skip
POLICY_WORDS = ("privacy", "policy", "yinsi", "隐私", "privacidad", "datenschutz")
MAX_URLS = 2000
MAX_URL_LENGTH = 2048
# hosts that only name a format or a schema, never a server the app talks to
SCHEMA_HOSTS = frozenset({"schemas.android.com", "www.w3.org", "xml.org", "ns.adobe.com", "localhost"})


@dataclass(frozen=True)
class ShippedSdk:
    prefix: str
    name: str
    vendor: str
    category: str
    classes: int  # how many of its classes the dex references


@dataclass(frozen=True)
class CodeFacts:
    sdks: tuple[ShippedSdk, ...]
    urls: tuple[str, ...]
    domains: tuple[str, ...]  # hosts named in URLs or as bare host names
    privacy_policy_url: str | None


@lru_cache(maxsize=1)
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()


def shipped_sdks(class_names: Iterable[str], table: SdkTable | None = None) -> tuple[ShippedSdk, ...]:
    table = table or load_sdk_table()
    counts: Counter[str] = Counter()
    for name in set(class_names):
        if table.is_framework(name):
            continue
        sdk = table.match(name)
        if sdk is not None:
            counts[sdk.prefix] += 1
    found = []
    for prefix, count in sorted(counts.items()):
        sdk = table.by_prefix(prefix)
        if sdk is not None:
            found.append(ShippedSdk(sdk.prefix, sdk.name, sdk.vendor, sdk.category, count))
    return tuple(found)


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


def _is_public_host(host: str) -> bool:
    if host in SCHEMA_HOSTS:
        return False
    if re.fullmatch(r"[\d.]+", host):
        return True
    suffix = _suffixes().publicsuffix(host, accept_unknown=False)
    return suffix is not None and suffix != host


def _bare_host(text: str, packages: frozenset[str]) -> bool:
    if not BARE_HOST.fullmatch(text) or text in packages:
        return False
    labels = text.split(".")
    if labels[0] in CODE_NAMESPACE_LABELS or labels[-1] not in BARE_HOST_TLDS:
        return False
    return _is_public_host(text)


def _package_prefixes(class_names: Iterable[str]) -> frozenset[str]:
    """com.example.net.Api → {com.example, com.example.net}: such strings name code, not hosts."""
    prefixes: set[str] = set()
    for name in class_names:
        labels = name.split(".")[:-1]
        prefixes.update(".".join(labels[:k]) for k in range(2, len(labels) + 1))
    return frozenset(prefixes)


def code_facts(
    strings: Iterable[str], class_names: Iterable[str], table: SdkTable | None = None
) -> CodeFacts:
    names = list(class_names)
    packages = _package_prefixes(names)
    urls: list[str] = []
    hosts: set[str] = set()
    for text in strings:
        if len(urls) < MAX_URLS and "://" in text:
            for match in URL.finditer(text[: MAX_URL_LENGTH * 4]):
                url = match.group(0).rstrip(".,;)")[:MAX_URL_LENGTH]
                host = _host(url)
                if host and _is_public_host(host):
                    urls.append(url)
                    hosts.add(host)
        elif _bare_host(text, packages):
            hosts.add(text)
    unique_urls = tuple(dict.fromkeys(urls))
    return CodeFacts(
        sdks=shipped_sdks(names, table),
        urls=unique_urls,
        domains=tuple(sorted(hosts)),
        privacy_policy_url=privacy_policy_link(unique_urls),
    )


def privacy_policy_link(urls: Iterable[str]) -> str | None:
    """The first URL whose path or host names a privacy policy."""
    for url in urls:
        lowered = url.lower()
        if any(word in lowered for word in POLICY_WORDS):
            return url
    return None
