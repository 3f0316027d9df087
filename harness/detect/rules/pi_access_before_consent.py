"""pi_access_before_consent: a hook read personal information before the user consented.

Flags every hook event with a personal-information data type (all but `sensor`) of kind
"data" or "permission_request" whose time is before consent was accepted. An attempt that
Android refused with a SecurityException counts too: the app tried to collect. A run in
which consent was never given counts every event as before consent, unless the privacy dialog
was left unanswered because its controls were ambiguous: then only events before the harness
touched the app count, and finding none is inconclusive, never a pass. Example: Umeng's
`TelephonyManager.getDeviceId` at t+0.4 s, consent at t+3 s. Known false positives: an
app whose first screen legitimately needs no consent (none are listed in 认定方法 三.1).
"""

from __future__ import annotations

from harness.detect.consent_ambiguity import consent_note, unconfirmed_consent_note, untouched
from harness.detect.engine import Evidence, Outcome, detector
from harness.detect.view import RunView, event_ref
from harness.records import DATA_TYPES, HookEvent

PI_DATA_TYPES = frozenset(DATA_TYPES) - {"sensor"}
ACCESS_KINDS = frozenset({"data", "permission_request"})
SUMMARY_ITEMS = 5


def _is_access(event: HookEvent) -> bool:
    return event.data_type in PI_DATA_TYPES and event.kind in ACCESS_KINDS


@detector("pi_access_before_consent")
def pi_access_before_consent(view: RunView) -> Outcome:
    missing = view.events_missing_reason
    if missing:
        return Outcome("not_tested", missing)
    early = [e for e in view.events if _is_access(e) and view.phase(e.ts) == "before_consent"]
    if unconfirmed_consent_note(view) is not None:
        uncertain = len(early)
        early = [e for e in early if untouched(view, e.ts)]
        if not early:
            return Outcome(
                "inconclusive",
                f"no personal-information access before the harness touched the app "
                f"({uncertain} after); {consent_note(view)}",
            )
    if not early:
        return Outcome(
            "pass",
            f"no personal-information access before consent among {len(view.events)} hook "
            f"events; {consent_note(view)}",
        )
    groups: dict[tuple[str, str | None, str | None, str], list[HookEvent]] = {}
    for event in early:
        groups.setdefault((event.api, event.sdk, event.data_type, event.outcome), []).append(event)
    evidence = [
        Evidence(
            "event",
            event_ref(events[0]),
            {
                "sdk": events[0].sdk,
                "api": events[0].api,
                "data_type": events[0].data_type,
                "outcome": events[0].outcome,
                "attempt_only": events[0].outcome != "returned",
                "ts": events[0].ts,
                "phase": "before_consent",
                "count": len(events),
            },
        )
        for events in groups.values()
    ]
    items = [
        f"{data_type} via {api.rsplit('.', 2)[-2]}.{api.rsplit('.', 1)[-1]} by "
        f"{sdk or 'app code'}{' (refused: ' + outcome + ')' if outcome != 'returned' else ''}"
        f" x{len(events)}"
        for (api, sdk, data_type, outcome), events in groups.items()
    ]
    more = f" and {len(items) - SUMMARY_ITEMS} more" if len(items) > SUMMARY_ITEMS else ""
    return Outcome(
        "fail",
        f"{len(early)} personal-information access(es) before consent: "
        f"{'; '.join(items[:SUMMARY_ITEMS])}{more}; {consent_note(view)}",
        data_types=[e.data_type for e in early if e.data_type],
        evidence=evidence,
    )
