"""store_listing_incomplete (应用分发平台上的APP信息明示不到位; 164号文 class 9, T/TAF 078.9, 26号文):
an app's store or download page must show the developer, the version and its update date, what
the app does, the privacy-policy link and the permissions it uses with their purposes (the
Douyin Lite case: app information not clearly shown in the store).

Input: the listing as the user gives it (`run --store-listing FILE`, JSON or CSV), normalised
into the run folder as store_listing.json. The rule fails when an item is missing, when a
listed permission has no purpose, when a runtime permission the APK declares is not listed,
or when the listed version is not the version that ran; `not_tested` without a listing.

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

from harness.apk.scan import SCAN_FILE
from harness.detect.declared_observed import is_runtime_permission
from harness.detect.engine import Evidence, Outcome, detector
from harness.detect.view import RunView
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


def _declared(view: RunView) -> tuple[list[dict[str, Any]], str | None]:
    """The app's permissions and version: from the APK scan when there is one, else the manifest."""
    path = view.path / SCAN_FILE
    if path.is_file():
        try:
            scan = json.loads(path.read_text("utf-8"))
            return list(scan.get("permissions") or []), scan.get("version_name")
        except (OSError, ValueError, AttributeError):
            pass
    names = view.app.get("permissions") or []
    return [{"name": n, "protection_level": None} for n in names], view.app.get("version") or None


def listing_problems(
    listing: dict[str, Any], declared: list[dict[str, Any]], version: str | None
) -> list[str]:
    problems = [f"no {label}" for field, label in REQUIRED_TEXT.items() if not listing.get(field)]
    url = listing.get("privacy_policy_url") or ""
    if url and not url.lower().startswith(("http://", "https://")):
        problems.append(f"the privacy-policy link is not a web address ({url[:80]})")
    listed = listing.get("permissions")
    if listed is None:
        problems.append("no permission list")
        return problems
    problems += [f"no purpose given for {p['name']}" for p in listed if not p.get("purpose")]
    shown = {p["name"] for p in listed}
    problems += [
        f"{p['name']} is requested by the app but not listed"
        for p in declared
        if is_runtime_permission(p) and p["name"] not in shown
    ]
    if version and listing.get("version") and listing["version"] != version:
        problems.append(f"the listing shows version {listing['version']}, the app is {version}")
    return problems


@detector("store_listing_incomplete")
def store_listing_incomplete(view: RunView) -> Outcome:
    path = view.path / LISTING_FILE
    if not path.is_file():
        return Outcome("not_tested", "no store listing was given (run --store-listing FILE)")
    try:
        listing = read_listing(path)
    except InputError as error:
        return Outcome("inconclusive", f"the store listing could not be read: {error}")
    declared, version = _declared(view)
    problems = listing_problems(listing, declared, version)
    evidence = [Evidence("step", LISTING_FILE, {"problems": problems})] if problems else []
    if problems:
        return Outcome("fail", "store listing incomplete: " + "; ".join(problems), evidence=evidence)
    return Outcome(
        "pass",
        "the store listing shows the developer, version, update date, description, privacy-policy "
        "link and every runtime permission with its purpose",
    )
