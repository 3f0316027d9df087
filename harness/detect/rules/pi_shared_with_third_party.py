"""pi_shared_with_third_party: a canary was sent to a domain that is not the app's own.

Flags every flow to a third-party registrable domain (see `domains`: not listed as first
party and not named like the app's package) carrying a canary in any encoding, before or
after consent; the verdict lists the recipients (tracker owner and SDK where known) and the
SDKs that read the values. Separate consent naming the recipient (PIPL 23) is not checked
in this version, so every such transmission fails. Example: the GPS fix as E6 integers to
`mobads.baidu.com`. Known false positives: the app's own backend on a domain that neither
matches its package name nor was passed with --first-party.
"""

from __future__ import annotations

from harness.detect.engine import Outcome, detector
from harness.detect.match.transmissions import (
    collecting_sdks,
    coverage_note,
    destinations,
    grouped_evidence,
    scan_traffic,
    traffic_inputs_missing,
)
from harness.detect.view import RunView


@detector("pi_shared_with_third_party")
def pi_shared_with_third_party(view: RunView) -> Outcome:
    missing = traffic_inputs_missing(view)
    if missing:
        return Outcome("not_tested", missing)
    scan = view.derive(scan_traffic)
    shared = [t for t in scan.transmissions if t.destination.party == "third"]
    gaps = coverage_note(scan, view.flows or ())
    if shared:
        kinds = sorted({t.match.data_type for t in shared})
        receivers = destinations(shared)
        names = [f"{d['domain']} ({d['owner']})" if d["owner"] else d["domain"] for d in receivers]
        return Outcome(
            "fail",
            f"{', '.join(kinds)} sent to {len(receivers)} third-party domain(s): "
            f"{', '.join(names)}" + (f"; {gaps}" if gaps else ""),
            data_types=kinds,
            evidence=grouped_evidence(shared),
            extra={"destinations": receivers, "sdks": collecting_sdks(shared)},
        )
    searched = f"no canary sent to a third party in {scan.flows_scanned} flow(s)"
    if gaps:
        return Outcome("inconclusive", f"{searched}; but {gaps}")
    return Outcome("pass", searched)
