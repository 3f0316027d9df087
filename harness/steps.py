"""The step vocabulary: every `action` a step of steps.jsonl may carry, and the choices some carry.

Scenarios and the harness write steps with these names; detectors, triage and reports read them
back. Both sides use the enum, never a literal, so a rename is one edit here and a misspelt name
is a type error, not a `fail` silently turning into a `pass`. The values are the strings written
to steps.jsonl: old run folders keep loading. Each member's comment lists the `detail` its steps
carry (the writer named after it: the context is harness/scenario/context.py).
"""

from __future__ import annotations

from enum import StrEnum


class StepAction(StrEnum):
    # the app's life, driven by the harness (context)
    CLEAR_DATA = "clear_data"
    LAUNCH = "launch"  # {fresh}
    LAUNCHED = "launched"  # {pid, attach_s, hooks}: the agent is ready in the new process
    STOP = "stop"
    RESUME = "resume"  # brought to the front without a new process
    DWELL = "dwell"  # {seconds, why}
    # {rate, dumps}: the app's clock now runs at rate × wall time (sim only; a new process starts at 1)
    CLOCK = "clock"
    # {label, ui, screenshot, hash, package, overlay, dumps, dump_s}: a UI dump (and screenshot)
    SCREEN = "screen"
    APP_EXITED = "app_exited"  # {during, reason, crash[, error]}: the app's process ended by itself
    APP_LEFT = "app_left"  # {package, during, ui}: another app (or the launcher) came to the front
    # {during, signal}: killed from outside (not by the app, not by the harness); the run ends
    APP_KILLED = "app_killed"
    SCENARIO_ERROR = "scenario_error"  # {error} (harness/session.py)
    # input: {purpose, target, label, resource_id, x, y, screen, feature}; BACK and HOME {purpose}
    TAP = "tap"
    BACK = "back"
    HOME = "home"
    # consent (harness/interact/consent.py: the consent contract detectors rely on)
    # {choice: ConsentChoice, control, reason, ui}; accept adds {acknowledgement_only, form},
    # reject adds {round, via: "refuse" | "basic_mode", second_ask}
    CONSENT = "consent"
    CONSENT_DIALOG_NOT_FOUND = "consent_dialog_not_found"  # {ui, waited_s}
    CONSENT_DIALOG_PERSISTS = "consent_dialog_persists"  # {ui}
    CONSENT_AMBIGUOUS = "consent_ambiguous"  # {reason, ui}: not answered
    CONSENT_STILL_ASKED = "consent_still_asked"  # {ui, refusals}
    CONSENT_REFUSAL_END = "consent_refusal_end"  # {outcome, refusals, ui}
    REFUSE_NOT_OFFERED = "refuse_not_offered"  # {ui, ambiguity}
    # runtime permissions (harness/interact/permissions.py)
    PERMISSION_DIALOG = "permission_dialog"  # {message, ui, page: "dialog" | "settings"}
    PERMISSION_ANSWER = "permission_answer"  # {choice: PermissionChoice, button, page, message}
    MAIN_UI = "main_ui"  # {session, reachable, reason, ui} (scenarios/permission_denial.py)
    # background, pop-ups, shake (scenarios/background.py, popup_watch.py, shake.py)
    BACKGROUND_START = "background_start"  # {seconds}
    BACKGROUND_END = "background_end"  # {app_seconds, dumps}
    WATCH_START = "watch_start"  # {seconds, max_per_minute}
    WATCH_END = "watch_end"  # {app_seconds, dumps}
    # {ui, hash, close_control, closed_by, reappeared, another_beneath, after}
    POPUP = "popup"
    SHAKE_TRACE = "shake_trace"  # the trace's parameters, {samples, before, after, redirected}
    SHAKE_SKIPPED = "shake_skipped"  # {reason}
    # exploration and account cancellation (harness/interact/explorer.py, scenarios/account_cancellation.py)
    EXPLORE_START = "explore_start"  # {max_depth, budget_s, max_screens}
    EXPLORE_SCREEN = "explore_screen"  # {depth, path, hash, ui}
    EXPLORE_END = "explore_end"  # {screens, taps, complete, stopped, found}
    CANCELLATION_ENTRY = "cancellation_entry"  # {ops, path, ui}
    CANCELLATION_FLOW = "cancellation_flow"  # {index, outcome, ui}


# Steps that leave the app as it was: a process with only these since launch is untouched.
PASSIVE_ACTIONS = frozenset(
    {
        StepAction.CLEAR_DATA,
        StepAction.LAUNCH,
        StepAction.LAUNCHED,
        StepAction.SCREEN,
        StepAction.DWELL,
        StepAction.STOP,
        StepAction.RESUME,
    }
)


class ConsentChoice(StrEnum):
    """`choice` of a `consent` step."""

    ACCEPT = "accept"
    REJECT = "reject"


class PermissionChoice(StrEnum):
    """`choice` of a `permission_answer` step: what was really pressed."""

    ALLOW = "allow"
    DENY = "deny"
    DISMISS = "dismiss"
