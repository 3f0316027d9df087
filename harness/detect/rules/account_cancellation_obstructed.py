"""account_cancellation_obstructed (认定方法 六.2/六.3, 网络数据安全管理条例 23), from the
account_cancellation scenario (see harness/detect/cancellation.py).

Fails when reaching the cancellation entry takes more than MAX_OPERATIONS taps from the main
screen (the 4-operation yardstick of 认定方法 一.3, applied by analogy [INF]), or when a screen of
the flow — re-read from its recorded dump — leaves no way on but says cancellation is offline
only (线下营业厅 / in person), customer service only (联系客服 / call us) or not supported
(暂不支持注销). Example: 惠生活 sends users to a service hall with their ID card.
"""

from __future__ import annotations

from harness.detect.cancellation import explored, has_accounts, no_accounts
from harness.detect.engine import Evidence, Outcome, detector
from harness.detect.plan import load_screen, step_evidence, ui_evidence
from harness.detect.view import RunView
from harness.steps import StepAction
from harness.ui.recognise import cancellation_step

MAX_OPERATIONS = 4


@detector("account_cancellation_obstructed")
def account_cancellation_obstructed(view: RunView) -> Outcome:
    run = explored(view)
    if isinstance(run, Outcome):
        return run
    entry = run.first(StepAction.CANCELLATION_ENTRY)
    if entry is None:
        end = run.first(StepAction.EXPLORE_END)
        assert end is not None
        if end.detail.get("complete") is True and not has_accounts(view, run):
            screens = end.detail.get("screens")
            return no_accounts(screens, [step_evidence(end, screens=screens, complete=True)])
        return Outcome(
            "not_tested", "no cancellation entry was found to follow (see account_cancellation_missing)"
        )
    ops = entry.detail.get("ops")
    path = " → ".join(str(p) for p in entry.detail.get("path") or [])
    problems = []
    evidence: list[Evidence] = [step_evidence(entry, ui=entry.detail.get("ui"), ops=ops)]
    if isinstance(ops, int) and ops > MAX_OPERATIONS:
        problems.append(f"reaching it takes {ops} operations (more than {MAX_OPERATIONS}): {path}")
    outcomes = []
    for step in run.actions(StepAction.CANCELLATION_FLOW):
        outcomes.append(str(step.detail.get("outcome")))
        screen = load_screen(view, step.detail.get("ui"))
        if screen is None:
            continue
        obstruction = cancellation_step(screen).obstruction
        if obstruction is not None:
            ref = str(step.detail.get("ui"))
            problems.append(f"the flow ends at a screen saying cancellation is {obstruction} ({ref})")
            evidence.append(ui_evidence(ref, obstruction=obstruction, texts=screen.texts()[:8]))
    if problems:
        return Outcome("fail", "; ".join(problems), evidence=evidence)
    if "left_app" in outcomes:
        return Outcome("inconclusive", f"the cancellation flow left the app after {path}", evidence=evidence)
    last = outcomes[-1] if outcomes else "not followed"
    return Outcome(
        "pass",
        f"cancellation reached in {ops} operation(s) ({path}); flow outcome: {last.replace('_', ' ')}",
        evidence=evidence,
    )
