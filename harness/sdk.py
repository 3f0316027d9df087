"""Attributing a hooked call to the SDK whose code made it, from the call's stack."""

from __future__ import annotations

import json
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
class SdkTable:
    framework_prefixes: tuple[str, ...]
    sdks: tuple[Sdk, ...]  # longest prefix first

    def is_framework(self, frame: str) -> bool:
        return frame.startswith(self.framework_prefixes)

    def match(self, frame: str) -> Sdk | None:
        for sdk in self.sdks:
            if frame == sdk.prefix or frame.startswith(sdk.prefix + "."):
                return sdk
        return None

    def by_prefix(self, prefix: str) -> Sdk | None:
        return next((sdk for sdk in self.sdks if sdk.prefix == prefix), None)


@lru_cache(maxsize=1)
def load_sdk_table() -> SdkTable:
    raw = json.loads(resources.files("harness.data").joinpath("sdk_prefixes.json").read_text("utf-8"))
    sdks = sorted((Sdk(**entry) for entry in raw["sdks"]), key=lambda s: -len(s.prefix))
    return SdkTable(framework_prefixes=tuple(raw["framework_prefixes"]), sdks=tuple(sdks))


def _app_namespace(package: str) -> str:
    """com.example.app → com.example: code under the owner's namespace counts as the app's own."""
    labels = package.split(".")
    return ".".join(labels[:2]) if len(labels) > 2 else package


def _unknown_library_prefix(frame: str) -> str:
    labels = frame.split(".")[:-2]  # drop "Class.method"
    return ".".join(labels[:3]) if labels else frame


def attribute_sdk(stack: list[str], app_package: str, table: SdkTable | None = None) -> str | None:
    """The innermost frame that is neither framework nor the app's own code decides.

    Known SDKs are reported by their table prefix ("com.umeng"); an unknown third-party
    library by its first three package labels. Calls made by the app's own code → None.
    """
    table = table or load_sdk_table()
    namespace = _app_namespace(app_package)
    for frame in stack:
        if table.is_framework(frame):
            continue
        sdk = table.match(frame)
        if sdk is not None:
            return sdk.prefix
        if frame.startswith(app_package + ".") or frame.startswith(namespace + "."):
            continue
        if "." in frame.rsplit(".", 2)[0]:
            return _unknown_library_prefix(frame)
    return None
