"""The runtime-permission dialogs of the permission_denial scenario (accept consent, deny every
runtime permission, relaunch, deny again), each paired with the answer the harness gave it —
what exit_on_permission_denial and frequent_reprompt_after_refusal both read.

Pressing BACK on a dialog cancels it without denying (`permission_answer` choice "dismiss"), so
a dismissed dialog is no denial.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.detect.plan import ScenarioRun
from harness.records import Step
from harness.steps import PermissionChoice, StepAction

SCENARIO = "permission_denial"


@dataclass(frozen=True)
class Prompt:
    dialog: Step  # the permission_dialog step
    answer: Step | None  # its permission_answer step
    launch: int  # which launch of the scenario it belongs to

    @property
    def message(self) -> str:
        return str(self.dialog.detail.get("message") or "")

    @property
    def denied(self) -> bool:
        return self.answer is not None and self.answer.detail.get("choice") == PermissionChoice.DENY


def prompts(run: ScenarioRun) -> list[Prompt]:
    found: list[Prompt] = []
    launch = 0
    pending: Step | None = None
    for step in run.steps:
        if step.action == StepAction.LAUNCH:
            launch += 1
        elif step.action == StepAction.PERMISSION_DIALOG:
            if pending is not None:
                found.append(Prompt(pending, None, launch))
            pending = step
        elif step.action == StepAction.PERMISSION_ANSWER and pending is not None:
            found.append(Prompt(pending, step, launch))
            pending = None
    if pending is not None:
        found.append(Prompt(pending, None, launch))
    return found
