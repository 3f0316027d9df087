"""permission_prompt_misleading: deceiving, misleading or forcing the user into turning a
permission on (MIIT 164号文 (三) 欺骗误导; 认定方法 三.7 以欺诈诱骗误导方式…打开可收集个人信息的权限;
the Huya case).

Judged from the app's `requestPermissions` calls (hook events), the tap that triggered each
one (the last `tap` step within TRIGGER_WINDOW_S before it, with the dump of the screen it was
made on), the permission answers and the app's `startActivity` calls. It fails when:

(a) no way to refuse: the app's own screen before the request names the permission but offers
    only a way on (开启 / 去授权 / OK) — no 拒绝 / 以后再说 / close control;
(b) sent to settings unasked: after a permission was denied, the app opens its page in the
    system settings (ACTION_APPLICATION_DETAILS_SETTINGS) without a user tap in between
    (Settings.java: ACTION_APPLICATION_DETAILS_SETTINGS = "android.settings.APPLICATION_DETAILS_SETTINGS");
(c) purpose mismatch: the screen states a purpose for one kind of permission (天气 → location)
    while the request is for another (contacts);
(d) disguised: a tap on a generic control (OK / 开始 / 继续) triggers a request for a permission
    the screen never named.

A request made without a preceding tap (at launch) is judged only by (b). Passes when requests
were seen and none of these held, or when the app requested no permission at all (as
exit_on_permission_denial does).
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.detect.engine import Evidence, Outcome, detector
from harness.detect.permission_words import (
    GENERIC_CONTROLS,
    PERMISSION_WORDS,
    REFUSE_WORDS,
    USER_ASKED_SETTINGS,
    groups_of,
    named_groups,
)
from harness.detect.plan import event_evidence, load_screen, not_run, step_evidence
from harness.detect.view import RunView
from harness.records import HookEvent, Step
from harness.steps import PermissionChoice, StepAction
from harness.ui import vocabulary
from harness.ui.find import control_label
from harness.ui.recognise import close_controls, consent_dialog, is_permission_package

SCENARIOS = ("permission_denial", "permission_grant", "account_cancellation", "popup_watch")
REQUEST_API = "android.app.Activity.requestPermissions"
START_ACTIVITY_API = "android.app.Activity.startActivity"
DETAILS_SETTINGS = "android.settings.APPLICATION_DETAILS_SETTINGS"
TRIGGER_WINDOW_S = 2.0


@dataclass(frozen=True)
class Request:
    event: HookEvent
    groups: frozenset[str]
    names: tuple[str, ...]


def _requests(view: RunView) -> list[Request]:
    found = []
    for event in view.events:
        if not event.api.startswith(REQUEST_API) or not event.args:
            continue
        names = [n.strip() for n in event.args[0].split(",") if n.strip().startswith("android.")]
        if names:
            found.append(Request(event, groups_of(names), tuple(n.rsplit(".", 1)[-1] for n in names)))
    return found


def _trigger(view: RunView, ts: float) -> Step | None:
    """The tap that triggered a request: the last tap shortly before it, on an app screen."""
    taps = [s for s in view.steps if s.action == StepAction.TAP and ts - TRIGGER_WINDOW_S <= s.ts <= ts]
    return taps[-1] if taps else None


def _judge_triggered(view: RunView, request: Request, tap: Step) -> tuple[str, Evidence] | None:
    screen = load_screen(view, tap.detail.get("screen"))
    # a privacy policy names many kinds of data; a request right after consent is judged by the
    # consent and permission rules, not as a pre-permission screen
    if screen is None or is_permission_package(screen.package) or consent_dialog(screen) is not None:
        return None
    label = str(tap.detail.get("label") or "")
    asked = ", ".join(request.names)
    named = named_groups(screen)
    mentions_permission = bool(named) or PERMISSION_WORDS.match(" ".join(screen.texts())) is not None
    evidence = step_evidence(tap, label=label, screen=tap.detail.get("screen"), requested=list(request.names))
    if not named and GENERIC_CONTROLS.match(label):
        return (
            f"a tap on {label!r} requested {asked}, which the screen never named (disguised request)",
            evidence,
        )
    if named and request.groups and not (request.groups & named):
        said = ", ".join(sorted(named))
        return (
            f"the screen's stated purpose is about {said}, but the tap on {label!r} requested {asked}",
            evidence,
        )
    refusable = any(
        REFUSE_WORDS.match(label) or vocabulary.REFUSE.match(label)
        for label in (control_label(n) for n in screen.nodes() if n.clickable and n.enabled)
    )
    if mentions_permission and not refusable and not close_controls(screen):
        return (
            f"the app's screen before the {asked} request offers only {label!r}, no way to refuse",
            evidence,
        )
    return None


def _settings_redirects(view: RunView) -> list[tuple[str, Evidence]]:
    """The app's page in Settings opened after a denial, with no user tap asking for it."""
    denials = [
        s
        for s in view.steps
        if s.action == StepAction.PERMISSION_ANSWER and s.detail.get("choice") == PermissionChoice.DENY
    ]
    found = []
    for event in view.events:
        if not event.api.startswith(START_ACTIVITY_API) or not any(DETAILS_SETTINGS in a for a in event.args):
            continue
        before = [d for d in denials if d.ts <= event.ts]
        if not before:
            continue
        taps = [
            s
            for s in view.steps
            if s.action == StepAction.TAP
            and before[-1].ts < s.ts <= event.ts
            and USER_ASKED_SETTINGS.match(str(s.detail.get("label") or ""))
        ]
        if taps:
            continue
        found.append(
            (
                f"the app opened its system settings page {event.ts - before[-1].ts:.1f} s after a "
                "permission was denied, without the user asking",
                event_evidence(event),
            )
        )
    return found


@detector("permission_prompt_misleading")
def permission_prompt_misleading(view: RunView) -> Outcome:
    if (skipped := not_run(view, *SCENARIOS)) is not None:
        return skipped
    requests = _requests(view)
    problems: list[tuple[str, Evidence]] = []
    judged = 0
    for request in requests:
        tap = _trigger(view, request.event.ts)
        if tap is None:
            continue
        judged += 1
        if (problem := _judge_triggered(view, request, tap)) is not None:
            problems.append((problem[0], problem[1]))
            problems.append(("", event_evidence(request.event)))
    redirects = _settings_redirects(view)
    problems.extend(redirects)
    texts = [text for text, _ in problems if text]
    if texts:
        return Outcome("fail", "; ".join(dict.fromkeys(texts)), evidence=[e for _, e in problems])
    if not requests:
        return Outcome("pass", "the app made no permission request, so none could mislead")
    return Outcome(
        "pass",
        f"{len(requests)} permission request(s), {judged} after a tap on the app's own screen: each named "
        "what it asked for and could be refused; no unasked trip to the settings page",
    )
