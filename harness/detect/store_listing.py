"""The app's store listing as the user gives it (`run --store-listing FILE`, JSON or CSV), read,
capped and normalised; kept in the run folder as store_listing.json for store_listing_incomplete.

JSON:  {"developer", "version", "updated", "description", "privacy_policy_url",
        "permissions": [{"name", "purpose"}]}
CSV:   field,value,purpose  — rows developer, version, updated, description,
       privacy_policy_url, and one `permission` row per permission (value = name).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from harness.errors import InputError

LISTING_FILE = "store_listing.json"
MAX_LISTING_BYTES = 1024 * 1024
REQUIRED_TEXT = {
    "developer": "developer name",
    "version": "version",
    "updated": "update date",
    "description": "function description",
    "privacy_policy_url": "privacy-policy link",
}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _permissions(value: Any, where: str) -> list[dict[str, str]] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise InputError(f"{where}: permissions must be a list of {{name, purpose}}")
    listed = []
    for item in value:
        if isinstance(item, str):
            listed.append({"name": item.strip(), "purpose": ""})
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            listed.append({"name": item["name"].strip(), "purpose": _text(item.get("purpose"))})
        else:
            raise InputError(f"{where}: a permission entry is neither a name nor {{name, purpose}}")
    return listed


def _from_csv(text: str, where: str) -> dict[str, Any]:
    listing: dict[str, Any] = {}
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip().lower() for c in rows[0][:2]] != ["field", "value"]:
        raise InputError(f"{where}: a store-listing CSV starts with the header field,value,purpose")
    for row in rows[1:]:
        if not row or not row[0].strip():
            continue
        field, value = row[0].strip(), row[1].strip() if len(row) > 1 else ""
        if field == "permission":
            purpose = row[2].strip() if len(row) > 2 else ""
            listing.setdefault("permissions", []).append({"name": value, "purpose": purpose})
        elif field in REQUIRED_TEXT:
            listing[field] = value
        else:
            raise InputError(f"{where}: unknown store-listing field {field[:40]!r}")
    return listing


def read_listing(path: Path) -> dict[str, Any]:
    """A store listing file (JSON or CSV) → the normalised listing; bad input → InputError."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read the store listing ({error.strerror})") from None
    if len(raw) > MAX_LISTING_BYTES:
        raise InputError(f"{path}: a store listing over {MAX_LISTING_BYTES} bytes is not a listing")
    text = raw.decode("utf-8-sig", errors="replace")
    if path.suffix.lower() == ".csv":
        data = _from_csv(text, str(path))
    else:
        try:
            data = json.loads(text)
        except ValueError as error:
            raise InputError(f"{path}: not valid JSON ({error})") from None
        if not isinstance(data, dict):
            raise InputError(f"{path}: a store listing is a JSON object")
    listing: dict[str, Any] = {field: _text(data.get(field)) for field in REQUIRED_TEXT}
    listing["permissions"] = _permissions(data.get("permissions"), str(path))
    return listing
