"""pi_transmitted_before_consent: a canary left the device before the user consented.

Flags every flow, timed before consent was accepted (or in a run where it never was), whose
URL, a header or the decoded body carries a canary value in any encoding (see `matcher`).
Example: `log.umeng.com` receiving the MD5 of the IMEI inside a gzip'd JSON body at t+0.8 s.
Inconclusive instead of pass when some of those flows could not be decrypted, or when consent
was never given because the privacy dialog's controls were ambiguous (then only flows before the
harness touched the app count). Known false
positives: a canary value that happens to occur in unrelated data (values are chosen to
be unique, so this needs a random collision of 8+ characters).
"""

from __future__ import annotations

from harness.detect.consent_ambiguity import consent_note, unconfirmed_consent_note, untouched
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


@detector("pi_transmitted_before_consent")
def pi_transmitted_before_consent(view: RunView) -> Outcome:
    missing = traffic_inputs_missing(view)
    if missing:
        return Outcome("not_tested", missing)
    scan = view.derive(scan_traffic)
    early = [t for t in scan.transmissions if t.phase == "before_consent"]
    early_flows = [f for f in view.flows or () if view.phase(f.ts) == "before_consent"]
    unconfirmed = unconfirmed_consent_note(view) is not None
    if unconfirmed:  # only what left before the harness touched the app is surely before consent
        early = [t for t in early if untouched(view, t.flow.ts)]
        early_flows = [f for f in early_flows if untouched(view, f.ts)]
    gaps = coverage_note(scan, early_flows)
    if early:
        kinds = sorted({t.match.data_type for t in early})
        hosts = sorted({t.destination.host for t in early})
        return Outcome(
            "fail",
            f"{len(early)} transmission(s) of {', '.join(kinds)} before consent to "
            f"{', '.join(hosts)}; {consent_note(view)}" + (f"; {gaps}" if gaps else ""),
            data_types=kinds,
            evidence=grouped_evidence(early),
            extra={"destinations": destinations(early), "sdks": collecting_sdks(early)},
        )
    searched = f"no canary in {len(early_flows)} flow(s) before consent; {consent_note(view)}"
    if gaps:
        return Outcome("inconclusive", f"{searched}; but {gaps}")
    if unconfirmed:
        return Outcome("inconclusive", searched)
    return Outcome("pass", searched)
