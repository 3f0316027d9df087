"""What the steps recorded so far (in this scenario and the run's earlier ones) say about the
app's current process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from harness.records import read_jsonl
from harness.steps import PASSIVE_ACTIONS, StepAction


@dataclass(frozen=True)
class ProcessState:
    """What steps.jsonl says about the app's current process."""

    launched: bool  # a process was started in this run and not stopped since
    fresh: bool  # it was started on cleared data
    interacted: bool  # something other than passive steps happened since


def recorded_process_state(steps: Path) -> ProcessState:
    """The current process as steps.jsonl has it (`launched` does not say whether it still runs)."""
    launched = fresh = interacted = False
    for record in read_jsonl(steps):
        action = record.get("action")
        if action == StepAction.LAUNCH:
            detail = record.get("detail")
            launched, interacted = True, False
            fresh = isinstance(detail, dict) and detail.get("fresh") is True
        elif action in (StepAction.STOP, StepAction.APP_EXITED):
            launched = False
        elif action not in PASSIVE_ACTIONS:
            interacted = True
    return ProcessState(launched, fresh, interacted)


def had_launched(steps: Path) -> bool:
    """A process of the app was started (and its agent ready) earlier in the run."""
    return any(r.get("action") == StepAction.LAUNCHED for r in read_jsonl(steps))
