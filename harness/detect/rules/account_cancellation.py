"""account_cancellation_missing and account_cancellation_obstructed, from the
account_cancellation scenario (breadth-first exploration from the main screen, then the flow
behind the entry up to its final confirmation).

account_cancellation_missing (认定方法 六.1, 337号文 账号注销难, 电子商务法 24) fails when a complete
exploration (every screen reachable within the depth limit) found no 注销账号 / 删除账号 /
Delete account / Close account / Deactivate… entry in an app that has accounts. An app with no
sign of registration, sign-in or accounts on any screen of a complete exploration gets
`not_applicable` (both rules); an exploration cut short by its time budget or screen limit is
inconclusive.

account_cancellation_obstructed (认定方法 六.2/六.3, 网络数据安全管理条例 23) fails when reaching the
entry takes more than MAX_OPERATIONS taps from the main screen (the 4-operation yardstick of
认定方法 一.3, applied by analogy [INF]), or when a screen of the flow — re-read from its recorded
dump — leaves no way on but says cancellation is offline only (线下营业厅 / in person), customer
service only (联系客服 / call us) or not supported (暂不支持注销). Example: 惠生活 sends users to a
service hall with their ID card.
"""

from __future__ import annotations

from harness.detect.engine import Evidence, Outcome, detector
from harness.detect.plan import (
    ScenarioRun,
    load_screen,
    not_run,
    scenario_run,
    step_evidence,
    ui_evidence,
)
from harness.detect.view import RunView
from harness.ui.recognise import cancellation_step
from harness.ui.vocabulary import ACCOUNT_PRESENCE

SCENARIO = "account_cancellation"
MAX_OPERATIONS = 4


def _explored(view: RunView) -> ScenarioRun | Outcome:
    if (skipped := not_run(view, SCENARIO)) is not None:
        return skipped
    run = scenario_run(view, SCENARIO)
    assert run is not None
    if run.first("explore_end") is None:
        exits = run.actions("app_exited")
        why = "the app's process ended during the exploration" if exits else "the exploration did not finish"
        return Outcome("inconclusive", why, evidence=[step_evidence(s) for s in exits])
    return run


def _has_accounts(view: RunView, run: ScenarioRun) -> bool:
    for step in run.actions("screen"):
        screen = load_screen(view, step.detail.get("ui"))
        if (
            screen is not None
            and screen.package == view.package
            and ACCOUNT_PRESENCE.match(" ".join(screen.texts()))
        ):
            return True
    return False


def _no_accounts(screens: object, evidence: list[Evidence]) -> Outcome:
    """A complete exploration that met no registration, login or account screen anywhere."""
    return Outcome(
        "not_applicable",
        f"not applicable: none of the {screens} screen(s) reachable in the app shows registration, "
        "sign-in or an account",
        evidence=evidence,
    )


@detector("account_cancellation_missing")
def account_cancellation_missing(view: RunView) -> Outcome:
    explored = _explored(view)
    if isinstance(explored, Outcome):
        return explored
    run = explored
    end = run.first("explore_end")
    assert end is not None
    screens = end.detail.get("screens")
    entry = run.first("cancellation_entry")
    if entry is not None:
        path = " → ".join(str(p) for p in entry.detail.get("path") or [])
        return Outcome(
            "pass",
            f"account cancellation found in the app: {path}",
            evidence=[step_evidence(entry, ui=entry.detail.get("ui"), ops=entry.detail.get("ops"))],
        )
    evidence = [step_evidence(end, screens=screens, complete=end.detail.get("complete"))]
    if end.detail.get("complete") is not True:
        return Outcome(
            "inconclusive",
            f"no cancellation entry on the {screens} screen(s) explored before the exploration stopped "
            f"({end.detail.get('stopped')})",
            evidence=evidence,
        )
    if not _has_accounts(view, run):
        return _no_accounts(screens, evidence)
    start = run.first("explore_start")
    depth = start.detail.get("max_depth") if start is not None else None
    return Outcome(
        "fail",
        f"no account cancellation entry on any of the {screens} screen(s) reachable within {depth} taps",
        evidence=evidence,
    )


@detector("account_cancellation_obstructed")
def account_cancellation_obstructed(view: RunView) -> Outcome:
    explored = _explored(view)
    if isinstance(explored, Outcome):
        return explored
    run = explored
    entry = run.first("cancellation_entry")
    if entry is None:
        end = run.first("explore_end")
        assert end is not None
        if end.detail.get("complete") is True and not _has_accounts(view, run):
            screens = end.detail.get("screens")
            return _no_accounts(screens, [step_evidence(end, screens=screens, complete=True)])
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
    for step in run.actions("cancellation_flow"):
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
