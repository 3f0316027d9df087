"""Why an app's attempt did not give a complete run, and whether another device could do better.

Labels (a run that completed needs none):

    install_failed           the app could not be installed (a device refusal is retried)
    crashed_on_launch        the app's first process ended on its own before any interaction,
                             and it also dies when launched without Frida
    anti_instrumentation     it ended on its own under Frida but keeps running without it
                             (the app detected the instrumentation and quit)
    hook_failed              Frida could not attach, the agent did not start, or the app's
                             process crashed natively under Frida only (retried)
    no_consent_dialog_found  a consent scenario found no consent dialog to act on; the run
                             completed, so its verdicts stand (a label of a done app)
    consent_ambiguous        a consent dialog was recognised but its controls were ambiguous, so
                             it was left unanswered; the run completed, its consent-based
                             verdicts are inconclusive where consent mattered (a done app)
    incomplete               the run ended but part of it was not observed (the traffic
                             capture died, the app's process was killed from outside): its
                             verdicts cannot all be trusted (retried)
    timeout                  the attempt exceeded the per-app time budget
    device_lost              the device went away or failed an operation (retried)
    harness_error            privacy-probe itself failed (a bug or a missing tool on the host)

An infrastructure failure (`infrastructure=True`) says nothing about the app: the batch
retries it on another device. A finding about the app is never retried.

Scenario contract relied on here: a scenario records a step `app_exited` when the app's
process ended by itself, `consent_dialog_not_found` when it looked for a consent dialog
and found none, and `consent_ambiguous` when it found one it could not answer with confidence.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from harness.records import read_jsonl
from harness.rundir import STEPS
from harness.steps import PASSIVE_ACTIONS, StepAction

INSTALL_FAILED = "install_failed"
CRASHED_ON_LAUNCH = "crashed_on_launch"
ANTI_INSTRUMENTATION = "anti_instrumentation"
HOOK_FAILED = "hook_failed"
NO_CONSENT_DIALOG_FOUND = "no_consent_dialog_found"
CONSENT_AMBIGUOUS = "consent_ambiguous"
INCOMPLETE = "incomplete"
TIMEOUT = "timeout"
DEVICE_LOST = "device_lost"
HARNESS_ERROR = "harness_error"
LABELS = (
    INSTALL_FAILED, CRASHED_ON_LAUNCH, ANTI_INSTRUMENTATION, HOOK_FAILED,
    NO_CONSENT_DIALOG_FOUND, CONSENT_AMBIGUOUS, INCOMPLETE, TIMEOUT, DEVICE_LOST, HARNESS_ERROR,
)  # fmt: skip

# steps of a dialog left unanswered; `refuse_not_offered` only when it carries an ambiguity
_AMBIGUOUS_STEPS = (StepAction.CONSENT_AMBIGUOUS, StepAction.REFUSE_NOT_OFFERED)

_DEVICE_ERRORS = ("DeviceError", "AppCrashed")  # AppCrashed: the process died while starting
# Signals a process sends itself or gets from outside when told to quit; any other signal
# ending it is a native crash, which under Frida is most often Frida's own.
_QUIT_SIGNALS = (signal.SIGKILL, signal.SIGTERM, signal.SIGINT)

ControlLaunch = Literal["survived", "died"]


@dataclass(frozen=True)
class AttemptFacts:
    """What the runner knows about one attempt besides the run folder."""

    timed_out: bool = False
    device_healthy: bool = True
    device_error: str | None = None  # the device could not be opened or refused to talk
    runner_error: str | None = None  # the runner process failed before reporting
    control_launch: ControlLaunch | None = None  # the app launched without Frida, if that was tried
    exit_status: int | None = None  # of the app's process that ended, when the device reports it


@dataclass(frozen=True)
class Triage:
    label: str | None  # None: the run completed without remark
    infrastructure: bool
    detail: str

    @property
    def completed(self) -> bool:
        return self.label in (None, NO_CONSENT_DIALOG_FOUND, CONSENT_AMBIGUOUS)


def died_on_launch(run_dir: Path, manifest: dict[str, Any]) -> bool:
    """Did the app's first process end on its own before the harness interacted with it?"""
    actions = [step.get("action") for step in read_jsonl(run_dir / STEPS)]
    started = StepAction.LAUNCH in actions and StepAction.LAUNCHED not in actions
    if manifest.get("error_kind") in _DEVICE_ERRORS and started:
        return True
    for action in actions:
        if action == StepAction.APP_EXITED:
            return True
        if action not in PASSIVE_ACTIONS:  # the harness touched the app: an exit now is behaviour
            return False
    return False


def classify(run_dir: Path | None, manifest: dict[str, Any] | None, facts: AttemptFacts) -> Triage:
    if not facts.device_healthy:
        return Triage(DEVICE_LOST, True, "the device went away during the attempt")
    if facts.timed_out:
        return Triage(TIMEOUT, False, "the attempt exceeded the per-app time budget and was stopped")
    if facts.device_error is not None:
        return Triage(DEVICE_LOST, True, facts.device_error)
    if facts.runner_error is not None or run_dir is None or not manifest:
        return Triage(HARNESS_ERROR, True, facts.runner_error or "the run left no manifest")
    if manifest.get("status") == "failed":
        return _failed_run(run_dir, manifest, facts)
    lost = [str(reason) for reason in manifest.get("incomplete") or []]
    if lost:
        return Triage(INCOMPLETE, True, "; ".join(lost))
    if died_on_launch(run_dir, manifest):
        return _died(facts, "the app's process ended right after launch")
    steps = list(read_jsonl(run_dir / STEPS))
    ambiguous = [s.get("detail") or {} for s in steps if s.get("action") in _AMBIGUOUS_STEPS]
    reasons = [(d.get("ui"), d.get("reason") or d.get("ambiguity")) for d in ambiguous]
    if (unanswered := next(((ui, why) for ui, why in reasons if why), None)) is not None:
        ui, why = unanswered
        detail = f"the consent dialog ({ui}) was left unanswered: its controls are ambiguous ({why})"
        return Triage(CONSENT_AMBIGUOUS, False, detail)
    if any(step.get("action") == StepAction.CONSENT_DIALOG_NOT_FOUND for step in steps):
        return Triage(NO_CONSENT_DIALOG_FOUND, False, "no consent dialog was found to act on")
    return Triage(None, False, "")


def _failed_run(run_dir: Path, manifest: dict[str, Any], facts: AttemptFacts) -> Triage:
    kind = str(manifest.get("error_kind") or "")
    error = str(manifest.get("error") or "the run failed")
    stage = _failed_stage(manifest) or ""
    if stage == "install":
        return Triage(INSTALL_FAILED, kind == "DeviceError", error)
    if stage == "agent":
        return Triage(HOOK_FAILED, True, f"the Frida agent could not be built: {error}")
    if kind == "InstrumentationError":
        return Triage(HOOK_FAILED, True, error)
    if kind in _DEVICE_ERRORS:
        if died_on_launch(run_dir, manifest):
            return _died(facts, error)
        return Triage(DEVICE_LOST, True, f"the device failed: {error}")
    if kind == "EnvironmentProblem":
        return Triage(HARNESS_ERROR, True, error)
    return Triage(HARNESS_ERROR, False, error)


def _died(facts: AttemptFacts, detail: str) -> Triage:
    crash_signal = -facts.exit_status if facts.exit_status is not None and facts.exit_status < 0 else None
    if facts.control_launch == "survived" and crash_signal and crash_signal not in _QUIT_SIGNALS:
        why = f"{detail}; it crashed natively under Frida (signal {crash_signal}) but runs without it"
        return Triage(HOOK_FAILED, True, why)
    if facts.control_launch == "survived":
        return Triage(ANTI_INSTRUMENTATION, False, f"{detail}; without Frida it keeps running")
    if facts.control_launch == "died":
        return Triage(CRASHED_ON_LAUNCH, False, f"{detail}; it also dies without Frida")
    return Triage(CRASHED_ON_LAUNCH, False, detail)


def _failed_stage(manifest: dict[str, Any]) -> str | None:
    for stage in manifest.get("stages") or []:
        if isinstance(stage, dict) and stage.get("status") == "failed":
            return str(stage.get("name"))
    return None
