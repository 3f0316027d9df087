"""Declared vs observed: what the app says it holds or uses against what the run saw it do.

The findings section `declared_vs_observed`:

    permissions_declared_never_requested  runtime ("dangerous") permissions in the manifest that
                                          the app never asked for in this run
    permissions_requested_not_declared    permissions the app asked for without declaring them
    sdks_shipped_never_active             SDKs in the APK's code (scan.json) whose code made no
                                          hooked call in this run; null without a scan
    sdks_active_not_declared              SDKs whose code ran, missing from the app's own list of
                                          third-party SDKs (sdk_list.txt: the list or the privacy
                                          policy text the user gave); null without a list
    scenarios                             what the run covered: "never" means "not in this run"

Only runtime permissions can be requested (normal ones are granted at install:
developer.android.com/guide/topics/permissions/overview#runtime), so only those are compared.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from harness.apk.manifest import platform_protection_level
from harness.apk.scan import SCAN_FILE
from harness.detect.view import RunView
from harness.sdk import load_sdk_table

SDK_LIST_FILE = "sdk_list.txt"
MAX_INPUT_BYTES = 4 * 1024 * 1024
REQUEST_KINDS = ("permission_request",)
# calls that show an SDK at work; "transform" events (compression, hashing…) also come from the
# runtime's own machinery and do not by themselves make an SDK active
ACTIVITY_KINDS = frozenset({"data", "permission_request", "permission_check"})
REQUEST_API = "android.app.Activity.requestPermissions"
_NAME_PARTS = re.compile(r"[A-Za-z][A-Za-z0-9.+-]{2,}|[\u4e00-\u9fff]{2,}")
_GENERIC_NAME_WORDS = frozenset({"sdk", "push", "android", "services", "analytics", "ads", "mobile", "the"})


def _read_json(view: RunView, name: str) -> dict[str, Any] | None:
    path = view.path / name
    if not path.is_file() or path.stat().st_size > MAX_INPUT_BYTES:
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def read_sdk_list(view: RunView) -> str | None:
    path = view.path / SDK_LIST_FILE
    if not path.is_file():
        return None
    with path.open("rb") as file:
        return file.read(MAX_INPUT_BYTES).decode("utf-8", errors="replace")


def requested_permissions(view: RunView) -> set[str]:
    names: set[str] = set()
    for event in view.events:
        if (event.kind in REQUEST_KINDS or event.api.startswith(REQUEST_API)) and event.args:
            names.update(n.strip() for n in event.args[0].split(",") if n.strip())
    return names


def is_runtime_permission(permission: dict[str, Any]) -> bool:
    level = permission.get("protection_level")
    if level is None:
        level = platform_protection_level(str(permission["name"]))
    return "dangerous" in (level or "")


def sdk_mentioned(prefix: str, name: str, text: str) -> bool:
    """Whether the user's SDK list or policy names this SDK: its package prefix, or a distinctive
    word of its name ("Umeng (友盟)" → "Umeng", "友盟")."""
    lowered = text.lower()
    if prefix.lower() in lowered:
        return True
    words = [w for w in _NAME_PARTS.findall(name) if w.lower() not in _GENERIC_NAME_WORDS]
    return any(word.lower() in lowered for word in words)


def declared_vs_observed(view: RunView) -> dict[str, Any]:
    scan = _read_json(view, SCAN_FILE)
    if scan is not None and isinstance(scan.get("permissions"), list):
        declared = [p for p in scan["permissions"] if isinstance(p, dict) and isinstance(p.get("name"), str)]
        source = SCAN_FILE
    else:
        declared = [{"name": n, "protection_level": None} for n in view.app.permissions or []]
        source = "manifest.json"
    requested = requested_permissions(view)
    runtime = [p for p in declared if is_runtime_permission(p)]
    declared_names = {p["name"] for p in declared}
    table = load_sdk_table()
    active = Counter(e.sdk for e in view.events if e.sdk and e.kind in ACTIVITY_KINDS)

    def sdk_name(prefix: str) -> str:
        sdk = table.by_prefix(prefix)
        return sdk.name if sdk else prefix

    shipped_never_active = None
    if scan is not None and isinstance(scan.get("sdks"), list):
        shipped_never_active = [
            {"prefix": s["prefix"], "name": s.get("name") or s["prefix"]}
            for s in scan["sdks"]
            if isinstance(s, dict) and s.get("prefix") and s["prefix"] not in active
        ]
    sdk_list = read_sdk_list(view)
    active_not_declared = None
    if sdk_list is not None:
        active_not_declared = [
            {"prefix": prefix, "name": sdk_name(prefix), "events": count}
            for prefix, count in sorted(active.items())
            if not sdk_mentioned(prefix, sdk_name(prefix), sdk_list)
        ]
    return {
        "source": source,
        "scenarios": view.scenarios,
        "permissions_declared_never_requested": [
            {"name": p["name"], "protection_level": p.get("protection_level") or "dangerous"}
            for p in runtime
            if p["name"] not in requested
        ],
        "permissions_requested_not_declared": sorted(requested - declared_names),
        "sdks_active": [{"prefix": p, "name": sdk_name(p), "events": c} for p, c in sorted(active.items())],
        "sdks_shipped_never_active": shipped_never_active,
        "sdks_active_not_declared": active_not_declared,
        "sdk_list": SDK_LIST_FILE if sdk_list is not None else None,
    }
