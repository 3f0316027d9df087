"""account_cancellation_missing (认定方法 六.1, 337号文 账号注销难, 电子商务法 24), from the
account_cancellation scenario (see harness/detect/cancellation.py).

Fails when a complete exploration (every screen reachable within the depth limit) found no
注销账号 / 删除账号 / Delete account / Close account / Deactivate… entry in an app that has
accounts. An app with no sign of registration, sign-in or accounts on any screen of a complete
exploration gets `not_applicable`; an exploration cut short by its time budget or screen limit
is inconclusive.
"""

from __future__ import annotations

from harness.detect.cancellation import explored, has_accounts, no_accounts
from harness.detect.engine import Outcome, detector
from harness.detect.plan import step_evidence
from harness.detect.view import RunView
from harness.steps import StepAction


@detector("account_cancellation_missing")
def account_cancellation_missing(view: RunView) -> Outcome:
    run = explored(view)
    if isinstance(run, Outcome):
        return run
    end = run.first(StepAction.EXPLORE_END)
    assert end is not None
    screens = end.detail.get("screens")
    entry = run.first(StepAction.CANCELLATION_ENTRY)
    if entry is not None:
        path = " → ".join(str(p) for p in entry.detail.get("path") or [])
        return Outcome(
            "pass",
            f"account cancellation found in the app: {path}",
            evidence=[step_evidence(entry, ui=entry.detail.get("ui"), ops=entry.detail.get("ops"))],
        )
    evidence = [step_evidence(end, screens=screens, complete=end.detail.get("complete"))]
    if end.detail.get("complete") is not True:
        return Outcome(
            "inconclusive",
            f"no cancellation entry on the {screens} screen(s) explored before the exploration stopped "
            f"({end.detail.get('stopped')})",
            evidence=evidence,
        )
    if not has_accounts(view, run):
        return no_accounts(screens, evidence)
    start = run.first(StepAction.EXPLORE_START)
    depth = start.detail.get("max_depth") if start is not None else None
    return Outcome(
        "fail",
        f"no account cancellation entry on any of the {screens} screen(s) reachable within {depth} taps",
        evidence=evidence,
    )
