"""consent_not_explicit: the privacy dialog takes consent by non-explicit means (认定方法 三.4).

Judged on the first privacy-consent dialog a fresh launch showed before the harness touched
anything (re-read from the recorded UI dump). It fails when (a) a consent checkbox was ticked
before the user touched it (Planet49), (b) the only affirmative answer is an acknowledgement
such as "我知道了" / "好的" / "OK" (SPRINGER 1.1-7), or (c) there is no way to refuse (不同意 /
拒绝 / 暂不使用 / Disagree …, or 仅浏览 / basic mode; on a sign-in form with a consent checkbox,
leaving the box unticked is the refusal). A dialog whose controls are ambiguous is
`inconclusive` (coverage `consent_ambiguous`), never judged on a guess. Example:
每日快讯's dialog with "☑ 我已阅读并同意《隐私政策》" and a single "我知道了" button
fails (a), (b) and (c). Known limits: a refuse control that is an unlabeled icon, or consent
asked on a later screen than the ones recorded, is not seen.
"""

from __future__ import annotations

from collections.abc import Iterator

from harness.detect.engine import Evidence, Outcome, detector
from harness.detect.plan import load_screen, not_run, step_evidence, ui_evidence
from harness.detect.view import RunView
from harness.records import Step
from harness.steps import StepAction
from harness.ui.find import control_label
from harness.ui.recognise import ConsentDialog, consent_dialog

CONSENT_SCENARIOS = ("first_launch", "consent_reject", "permission_denial", "permission_grant")
INTERACTIONS = frozenset({StepAction.TAP, StepAction.BACK, StepAction.HOME, StepAction.CONSENT})


def _untouched_screens(view: RunView) -> Iterator[Step]:
    """`screen` steps recorded after a fresh launch and before any input."""
    untouched = False
    for step in view.steps:
        if step.action == StepAction.LAUNCH:
            untouched = step.detail.get("fresh") is True
        elif step.action in INTERACTIONS:
            untouched = False
        elif step.action == StepAction.SCREEN and untouched:
            yield step


def _findings(dialog: ConsentDialog) -> list[str]:
    problems = []
    ticked = [control_label(box) for box in dialog.checkboxes if box.checked]
    if ticked:
        problems.append(f"the consent box {ticked[0]!r} was ticked before the user touched it")
    if dialog.accept is None and dialog.acknowledge is not None:
        ack = control_label(dialog.acknowledge)
        problems.append(f"the only affirmative control is the acknowledgement {ack!r}")
    # on a sign-in form, leaving the consent box unticked is the refusal
    if dialog.refusal is None and dialog.kind != "checkbox_form":
        problems.append("there is no control to refuse")
    return problems


@detector("consent_not_explicit")
def consent_not_explicit(view: RunView) -> Outcome:
    if (skipped := not_run(view, *CONSENT_SCENARIOS)) is not None:
        return skipped
    looked = 0
    for step in _untouched_screens(view):
        screen = load_screen(view, step.detail.get("ui"))
        if screen is None:
            continue
        looked += 1
        dialog = consent_dialog(screen)
        if dialog is None:
            continue
        ref = str(step.detail.get("ui"))
        details = {
            "accept": control_label(dialog.accept) if dialog.accept else None,
            "acknowledge": control_label(dialog.acknowledge) if dialog.acknowledge else None,
            "refuse": control_label(dialog.refuse) if dialog.refuse else None,
            "basic_mode": control_label(dialog.basic_mode) if dialog.basic_mode else None,
            "checkboxes": [{"label": control_label(b), "checked": b.checked} for b in dialog.checkboxes],
            "form": dialog.kind,
            "choices": [c.to_json() for c in dialog.choices],
        }
        evidence: list[Evidence] = [ui_evidence(ref, **details), step_evidence(step, scenario=step.scenario)]
        if dialog.ambiguity is not None:
            return Outcome(
                "inconclusive",
                f"privacy dialog ({ref}) recognised, but its controls are ambiguous ({dialog.ambiguity}), "
                "so how it asks cannot be judged",
                evidence=evidence,
                extra={"coverage": "consent_ambiguous"},
            )
        problems = _findings(dialog)
        if problems:
            return Outcome("fail", f"privacy dialog ({ref}): {'; '.join(problems)}", evidence=evidence)
        refusal = details["basic_mode"] or details["refuse"]
        if dialog.kind == "checkbox_form":
            how = f"an unticked consent box and {details['accept']!r} (leaving the box unticked refuses)"
        else:
            how = f"affirmative {details['accept']!r}, refuse {refusal!r}, no pre-ticked box"
        return Outcome("pass", f"privacy dialog ({ref}) asks explicitly: {how}", evidence=evidence)
    if looked == 0:
        return Outcome("not_tested", "no screen of a fresh, untouched launch was recorded")
    return Outcome(
        "inconclusive",
        f"none of the {looked} screen(s) recorded after fresh launches showed a privacy-consent dialog, "
        "so there is no consent form to judge",
    )
