"""Attributing a hooked call to the SDK whose code made it, from the call's stack."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Sdk:
    prefix: str
    name: str
    vendor: str
    category: str


@dataclass(frozen=True)
class Signature:
    """Fingerprints of an SDK's code that does not live under its package prefix (sdk_signatures.json):
    class names outside the prefix, strings its code carries, domains it talks to."""

    sdk: str
    classes: re.Pattern[str] | None
    strings: frozenset[str] = frozenset()
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class SdkTable:
    framework_prefixes: tuple[str, ...]
    sdks: tuple[Sdk, ...]  # longest prefix first
    signatures: tuple[Signature, ...] = ()

    def is_framework(self, frame: str) -> bool:
        return frame.startswith(self.framework_prefixes)

    def match(self, frame: str) -> Sdk | None:
        for sdk in self.sdks:
            if frame == sdk.prefix or frame.startswith(sdk.prefix + "."):
                return sdk
        return None

    def match_signature(self, frame: str) -> str | None:
        return next((s.sdk for s in self.signatures if s.classes and s.classes.search(frame)), None)

    def by_prefix(self, prefix: str) -> Sdk | None:
        return next((sdk for sdk in self.sdks if sdk.prefix == prefix), None)


def _read_data(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(resources.files("harness.data").joinpath(name).read_text("utf-8"))
    return data


@lru_cache(maxsize=1)
def load_sdk_table() -> SdkTable:
    raw = _read_data("sdk_prefixes.json")
    entries = raw["sdks"]
    assert isinstance(entries, list)
    sdks = sorted((Sdk(**entry) for entry in entries), key=lambda s: -len(s.prefix))
    signed = _read_data("sdk_signatures.json")["signatures"]
    assert isinstance(signed, list)
    signatures = tuple(
        Signature(
            sdk=s["sdk"],
            classes=re.compile("|".join(s["classes"])) if s.get("classes") else None,
            strings=frozenset(s.get("strings") or ()),
            domains=tuple(d.lower() for d in s.get("domains") or ()),
        )
        for s in signed
    )
    framework = raw["framework_prefixes"]
    assert isinstance(framework, list)
    return SdkTable(framework_prefixes=tuple(framework), sdks=tuple(sdks), signatures=signatures)


def _app_namespace(package: str) -> str:
    """com.example.app → com.example: code under the owner's namespace counts as the app's own."""
    labels = package.split(".")
    return ".".join(labels[:2]) if len(labels) > 2 else package


def _unknown_library_prefix(frame: str) -> str:
    labels = frame.split(".")[:-2]  # drop "Class.method"
    return ".".join(labels[:3]) if labels else frame


def _class_of(frame: str) -> str:
    return frame.rsplit(".", 1)[0]


# Frames that are nobody's own code: dynamic proxies ($Proxy12 in com.sun.proxy / jdk.proxyN /
# the default package on Android) and the synthetic classes behind lambdas and method references
# (javac/HotSpot "$$Lambda$", D8 "-$$Lambda$" and "$$ExternalSyntheticLambda"). Reflection frames
# (java.lang.reflect, jdk.internal.reflect, sun.reflect) are framework frames already.
_SYNTHETIC = re.compile(r"(^|[.$])\$Proxy\d+$|\$\$Lambda|-\$\$Lambda\$|\$\$ExternalSyntheticLambda")


def _is_synthetic(frame: str) -> bool:
    return _SYNTHETIC.search(_class_of(frame)) is not None


def is_obfuscated_class(class_name: str) -> bool:
    """a.a.b.c / com.x.y.a: a minified class (one or two letters) in a package with a minified label."""
    labels = class_name.split(".")
    return len(labels) >= 2 and len(labels[-1]) <= 2 and any(len(label) <= 2 for label in labels[:-1])


def obfuscated_root(class_name: str) -> str:
    """The package root an obfuscated SDK is grouped under: its labels up to the first minified one."""
    labels = class_name.split(".")[:-1]
    for i, label in enumerate(labels):
        if len(label) <= 2:
            return ".".join(labels[: max(i + 1, 2)])
    return ".".join(labels[:3])


def is_own_code(class_name: str, app_package: str) -> bool:
    namespace = _app_namespace(app_package)
    return class_name.startswith(app_package + ".") or class_name.startswith(namespace + ".")


def attribute_sdk(
    stack: list[str], app_package: str, table: SdkTable | None = None, posted_from: list[str] | None = None
) -> str | None:
    """The innermost frame that is neither framework nor the app's own code decides.

    Known SDKs are reported by their table prefix ("com.umeng"), or by a class fingerprint
    (sdk_signatures.json); minified code ("a.a.b.c") by the first known SDK further out in the
    stack (the SDK's kept entry point that called it), else as the unknown SDK "<package root>"
    ("a.a"); an unknown third-party library by its first three package labels. Frames of
    reflection, proxies and lambdas are skipped. A call whose stack holds only framework frames
    (work run by a Thread, Handler or Executor) is attributed by `posted_from`, the stack that
    posted that work. Calls made by the app's own code → None.
    """
    table = table or load_sdk_table()
    namespace = _app_namespace(app_package)
    own = False
    obfuscated: str | None = None
    for frame in stack:
        if table.is_framework(frame) or _is_synthetic(frame):
            continue
        sdk = table.match(frame)
        if sdk is not None:
            return sdk.prefix
        signed = table.match_signature(frame)
        if signed is not None:
            return signed
        if frame.startswith(app_package + ".") or frame.startswith(namespace + "."):
            own = True
            continue
        if is_obfuscated_class(_class_of(frame)):
            obfuscated = obfuscated or obfuscated_root(_class_of(frame))
            continue
        if obfuscated is not None:
            break
        if "." in frame.rsplit(".", 2)[0]:
            return _unknown_library_prefix(frame)
    if obfuscated is not None:
        return obfuscated
    if not own and posted_from:
        return attribute_sdk(posted_from, app_package, table)
    return None
