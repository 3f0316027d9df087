"""store_listing_incomplete (应用分发平台上的APP信息明示不到位; 164号文 class 9, T/TAF 078.9, 26号文):
an app's store or download page must show the developer, the version and its update date, what
the app does, the privacy-policy link and the permissions it uses with their purposes (the
Douyin Lite case: app information not clearly shown in the store).

Input: the listing as the user gives it (`run --store-listing FILE`, JSON or CSV), normalised
into the run folder as store_listing.json. The rule fails when an item is missing, when a
listed permission has no purpose, when a runtime permission the APK declares is not listed,
or when the listed version is not the version that ran; `not_tested` without a listing. The
listing's formats are in harness/detect/store_listing.py.
"""

from __future__ import annotations

import json
from typing import Any

from harness.apk.scan import SCAN_FILE
from harness.detect.declared_observed import is_runtime_permission
from harness.detect.engine import Evidence, Outcome, detector
from harness.detect.store_listing import LISTING_FILE, REQUIRED_TEXT, read_listing
from harness.detect.view import RunView
from harness.errors import InputError


def _declared(view: RunView) -> tuple[list[dict[str, Any]], str | None]:
    """The app's permissions and version: from the APK scan when there is one, else the manifest."""
    path = view.path / SCAN_FILE
    if path.is_file():
        try:
            scan = json.loads(path.read_text("utf-8"))
            return list(scan.get("permissions") or []), scan.get("version_name")
        except (OSError, ValueError, AttributeError):
            pass
    names = view.app.permissions or []
    return [{"name": n, "protection_level": None} for n in names], view.app.version or None


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
