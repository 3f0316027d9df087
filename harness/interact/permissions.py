"""Answering runtime-permission dialogs (and the app's permission page in Settings) as they come.

A step `permission_dialog` records each one shown and `permission_answer` what was pressed.
"""

from __future__ import annotations

import time

from harness.scenario import ScenarioContext, now
from harness.steps import PermissionChoice, StepAction
from harness.ui.recognise import PermissionPrompt, permission_prompt

PERMISSION_QUIET_S = 1.0
MAX_PERMISSION_DIALOGS = 8


def answer_permissions(
    ctx: ScenarioContext,
    *,
    allow: bool,
    quiet_s: float = PERMISSION_QUIET_S,
    limit: int = MAX_PERMISSION_DIALOGS,
) -> int:
    """Answer every runtime-permission dialog until none has come for `quiet_s` (a dialog on
    screen now is always answered); returns how many were answered."""
    answered = 0
    quiet_until = time.monotonic() + ctx.ui.budget(quiet_s)
    while answered < limit:
        if not ctx.running():
            ctx.record_exit("answering permission dialogs")
            break
        if permission_prompt(ctx.ui.dump()) is not None:
            if answer_permission(ctx, allow=allow):
                answered += 1
            quiet_until = time.monotonic() + ctx.ui.budget(quiet_s)
            continue
        if time.monotonic() >= quiet_until:
            break
        time.sleep(ctx.ui.settings.interval_s)
    return answered


def answer_permission(ctx: ScenarioContext, *, allow: bool) -> bool:
    """Answer the permission dialog (or the app's permission page in Settings) in front,
    recording `permission_dialog` and `permission_answer`.

    `permission_answer` says what was really pressed: `choice` is "allow" or "deny" only when
    such a button was tapped (`button`: its id), "dismiss" when there was none and BACK was
    pressed — BACK cancels the dialog without denying (GrantPermissionsViewModel CANCELED), and
    on the Settings page BACK only returns to the app, keeping whatever the page shows.
    """
    observation = ctx.observe("permission dialog")
    prompt = permission_prompt(observation.screen)
    if prompt is None:
        return False
    page = "settings" if prompt.settings_page else "dialog"
    ctx.step(StepAction.PERMISSION_DIALOG, message=prompt.message, ui=observation.ui, page=page)
    button = prompt.allow if allow else prompt.deny
    wanted = PermissionChoice.ALLOW if allow else PermissionChoice.DENY
    if button is None:
        ts = now()
        ctx.back(f"leave the permission {page} (no {wanted} button found)")
        ctx.step_at(
            ts,
            StepAction.PERMISSION_ANSWER,
            choice=PermissionChoice.DISMISS,
            button=None,
            page=page,
            message=prompt.message,
        )
        return True
    ts = ctx.tap(button, f"{wanted} the permission", on=observation)
    ctx.step_at(
        ts,
        StepAction.PERMISSION_ANSWER,
        choice=wanted,
        button=PermissionPrompt.button_name(button),
        page=page,
        message=prompt.message,
    )
    if prompt.settings_page:
        ctx.back("return to the app from the permission settings page")
    return True
