"""exit_on_policy_refusal: the app exits, closes or stays blocked when the privacy policy is
refused — its own finding, distinct from exit_on_permission_denial (a refused permission).

Judged on the consent_reject scenario's `consent_refusal_end` step (harness/interact/consent.py
`refusal_end`), after the scenario refused all the way (a second "are you sure" dialog too,
basic mode where offered). It fails when the refusal ended with the app's process gone
("app_exited"), the app no longer in front ("app_closed") or still asking / nothing left to use
("blocked"): the basic function must not be refused because the user does not consent to
non-necessary personal information (必要个人信息范围规定 第四条; the 2021 MIIT draft: no forced
exit on refusal). For an app whose category needs personal information for its basic function
an exit may be lawful; the verdict names the end and leaves that reading to the reviewer [INF].
It passes when the app stayed usable (in basic mode or fully).
"""

from __future__ import annotations

from harness.detect.engine import Outcome, detector
from harness.detect.plan import not_run, scenario_run, step_evidence
from harness.detect.view import RunView
from harness.steps import ConsentChoice, StepAction

SCENARIO = "consent_reject"
FAILING_ENDS = {
    "app_exited": "the app's process ended",
    "app_closed": "the app left the screen",
    "blocked": "the app kept asking or left nothing to use",
}


@detector("exit_on_policy_refusal")
def exit_on_policy_refusal(view: RunView) -> Outcome:
    if (skipped := not_run(view, SCENARIO)) is not None:
        return skipped
    run = scenario_run(view, SCENARIO)
    assert run is not None
    end = run.first(StepAction.CONSENT_REFUSAL_END)
    refusals = [s for s in run.actions(StepAction.CONSENT) if s.detail.get("choice") == ConsentChoice.REJECT]
    if end is None:
        if run.first(StepAction.CONSENT_DIALOG_NOT_FOUND) is not None or not refusals:
            return Outcome("inconclusive", "no privacy dialog was refused, so refusal could not be tested")
        return Outcome("inconclusive", "the privacy policy was refused but where it ended was not recorded")
    outcome = str(end.detail.get("outcome"))
    controls = " → ".join(str(s.detail.get("control")) for s in refusals)
    evidence = [step_evidence(s, control=s.detail.get("control"), via=s.detail.get("via")) for s in refusals]
    evidence.append(step_evidence(end, outcome=outcome, ui=end.detail.get("ui")))
    if outcome in FAILING_ENDS:
        return Outcome(
            "fail",
            f"after refusing the privacy policy ({controls}) {FAILING_ENDS[outcome]}",
            evidence=evidence,
            extra={"refusal_end": outcome},
        )
    mode = "in basic mode" if outcome == "basic_mode" else "fully"
    return Outcome(
        "pass",
        f"after refusing the privacy policy ({controls}) the app stayed usable {mode}",
        evidence=evidence,
        extra={"refusal_end": outcome},
    )
