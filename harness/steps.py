"""The step vocabulary: every `action` a step of steps.jsonl may carry, and the choices some carry.

Scenarios and the harness write steps with these names; detectors, triage and reports read them
back. Both sides use the enum, never a literal, so a rename is one edit here and a misspelt name
is a type error, not a `fail` silently turning into a `pass`. The values are the strings written
to steps.jsonl: old run folders keep loading.
"""

from __future__ import annotations

from enum import StrEnum


class StepAction(StrEnum):
    # the app's life, driven by the harness
    CLEAR_DATA = "clear_data"
    LAUNCH = "launch"
    LAUNCHED = "launched"
    STOP = "stop"
    RESUME = "resume"
    DWELL = "dwell"
    CLOCK = "clock"  # the sim's app clock was fast-forwarded
    SCREEN = "screen"  # a UI dump (and screenshot) was taken
    APP_EXITED = "app_exited"
    APP_LEFT = "app_left"
    APP_KILLED = "app_killed"
    SCENARIO_ERROR = "scenario_error"
    # input
    TAP = "tap"
    BACK = "back"
    HOME = "home"
    # consent (harness/interact/consent.py: the consent contract detectors rely on)
    CONSENT = "consent"
    CONSENT_DIALOG_NOT_FOUND = "consent_dialog_not_found"
    CONSENT_DIALOG_PERSISTS = "consent_dialog_persists"
    CONSENT_AMBIGUOUS = "consent_ambiguous"
    CONSENT_STILL_ASKED = "consent_still_asked"
    CONSENT_REFUSAL_END = "consent_refusal_end"
    REFUSE_NOT_OFFERED = "refuse_not_offered"
    # runtime permissions
    PERMISSION_DIALOG = "permission_dialog"
    PERMISSION_ANSWER = "permission_answer"
    MAIN_UI = "main_ui"
    # background, pop-ups, shake
    BACKGROUND_START = "background_start"
    BACKGROUND_END = "background_end"
    WATCH_START = "watch_start"
    WATCH_END = "watch_end"
    POPUP = "popup"
    SHAKE_TRACE = "shake_trace"
    SHAKE_SKIPPED = "shake_skipped"
    # exploration and account cancellation
    EXPLORE_START = "explore_start"
    EXPLORE_SCREEN = "explore_screen"
    EXPLORE_END = "explore_end"
    CANCELLATION_ENTRY = "cancellation_entry"
    CANCELLATION_FLOW = "cancellation_flow"


class ConsentChoice(StrEnum):
    """`choice` of a `consent` step."""

    ACCEPT = "accept"
    REJECT = "reject"


class PermissionChoice(StrEnum):
    """`choice` of a `permission_answer` step: what was really pressed."""

    ALLOW = "allow"
    DENY = "deny"
    DISMISS = "dismiss"
