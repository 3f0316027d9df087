"""The whole default plan on the simulated device — real JVM, real Frida, real mitmdump — on the
well-behaved app and on the edge cases: an app with no consent dialog, a privacy dialog that
never goes away, an app that crashes on launch. Each app's plan runs once per module."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import scenarios
from harness.analysis import analyze_run
from harness.detect import load_rules
from harness.records import read_jsonl
from harness.session import RunConfig, RunResult, run_app
from harness.sim.device import SimDevice
from harness.steps import StepAction
from tests.conftest import EXAMPLES, PROJECT_ROOT
from tests.test_steps_vocabulary import off_vocabulary

FIXTURE_APPS = PROJECT_ROOT / "tests" / "fixtures" / "scenario_apps"
DURATION_S = 2.0
ALL_PASS = {
    "pi_access_before_consent": "pass",
    "pi_transmitted_before_consent": "pass",
    "pi_shared_with_third_party": "pass",
    "consent_not_explicit": "pass",
    "exit_on_permission_denial": "pass",
    "frequent_reprompt_after_refusal": "pass",
    "high_frequency_collection": "pass",
    "background_collection": "pass",
    "beyond_necessary_scope": "pass",
    "popup_harassment": "pass",
    "ad_window_not_closable": "pass",
    "shake_redirect_too_sensitive": "pass",
    "account_cancellation_missing": "pass",
    "account_cancellation_obstructed": "pass",
    "exit_on_policy_refusal": "pass",
    "permission_prompt_misleading": "pass",
    "store_listing_incomplete": "not_tested",  # no store listing is given to these runs
}


@dataclass(frozen=True)
class PlanRun:
    result: RunResult
    findings: dict[str, Any]

    @property
    def statuses(self) -> dict[str, str]:
        return {v["rule"]: v["status"] for v in self.findings["verdicts"]}

    def verdict(self, rule: str) -> dict[str, Any]:
        return next(v for v in self.findings["verdicts"] if v["rule"] == rule)

    def steps(self, action: StepAction | None = None, scenario: str | None = None) -> list[dict[str, Any]]:
        records = read_jsonl(self.result.run_dir / "steps.jsonl")
        return [
            s
            for s in records
            if (action is None or s["action"] == action) and (scenario is None or s["scenario"] == scenario)
        ]


def run_plan(
    app: Path,
    out: Path,
    plan: Sequence[str] = scenarios.AVAILABLE,
    *,
    category: str | None = None,
    options: dict[str, Any] | None = None,
) -> PlanRun:
    device = SimDevice()
    try:
        config = RunConfig(
            app=app,
            out=out / app.name,
            scenarios=tuple(plan),
            duration_s=DURATION_S,
            category=category,
            options=options or {},
        )
        result = run_app(config, device)
    finally:
        device.close()
    return PlanRun(result, analyze_run(result.run_dir).to_json())


def expect(**changes: str) -> dict[str, str]:
    return {**ALL_PASS, **changes}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(EXAMPLES / "clean_notes", tmp_path_factory.mktemp("plan"), category="实用工具类")


@pytest.fixture(scope="module")
def no_consent(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    options = {"consent_wait": 1.5}  # how long each fresh launch waits for a dialog that never comes
    return run_plan(
        FIXTURE_APPS / "no_consent", tmp_path_factory.mktemp("plan"), category="38", options=options
    )


@pytest.fixture(scope="module")
def stuck(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    plan = ("first_launch", "consent_reject", "permission_grant", "popup_watch", "account_cancellation")
    return run_plan(FIXTURE_APPS / "stuck_dialog", tmp_path_factory.mktemp("plan"), plan)


def test_the_well_behaved_app_passes_every_rule(clean: PlanRun) -> None:
    assert clean.result.manifest.status == "ok"
    assert clean.findings["coverage"]["scenarios"] == dict.fromkeys(scenarios.AVAILABLE, "ran")
    assert clean.statuses == ALL_PASS
    assert clean.verdict("account_cancellation_obstructed")["summary"] == (
        "cancellation reached in 3 operation(s) (Settings → Account → Delete account); "
        "flow outcome: confirmation reached"
    )


def test_the_audit_paths_are_all_walked(clean: PlanRun) -> None:
    consents = [(s["scenario"], s["detail"]["choice"]) for s in clean.steps(StepAction.CONSENT)]
    assert consents == [
        ("consent_reject", "reject"),
        ("permission_denial", "accept"),
        ("permission_grant", "accept"),
    ]
    launches = [(s["scenario"], s["detail"]["fresh"]) for s in clean.steps(StepAction.LAUNCH)]
    assert launches == [
        ("first_launch", True),
        ("permission_denial", True),
        ("permission_denial", False),
        ("permission_grant", True),
        ("popup_watch", False),
    ]
    assert clean.steps(StepAction.BACKGROUND_START, "background") and clean.steps(
        StepAction.WATCH_START, "popup_watch"
    )
    assert [s["detail"]["reason"] for s in clean.steps(StepAction.SHAKE_SKIPPED)] == [
        "the app registered no accelerometer listener"
    ]
    entry = clean.steps(StepAction.CANCELLATION_ENTRY)
    assert [s["detail"]["path"] for s in entry] == [["Settings", "Account", "Delete account"]]


def test_the_consent_time_is_taken_just_before_the_tap(clean: PlanRun) -> None:
    accept = next(s for s in clean.steps(StepAction.CONSENT) if s["detail"]["choice"] == "accept")
    tap = next(
        s for s in clean.steps(StepAction.TAP) if s["detail"]["purpose"] == "accept the privacy policy"
    )
    assert accept["ts"] == tap["ts"]
    assert clean.findings["consent"]["ts"] == accept["ts"]


def test_every_observation_has_a_dump_and_a_screenshot(clean: PlanRun) -> None:
    screens = clean.steps(StepAction.SCREEN)
    assert len(screens) >= 15
    for step in screens:
        xml = clean.result.run_dir / step["detail"]["ui"]
        png = clean.result.run_dir / step["detail"]["screenshot"]
        assert xml.read_text(encoding="utf-8").startswith("<?xml")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(step["detail"]["hash"]) == 16


def test_an_app_without_any_consent_dialog(no_consent: PlanRun) -> None:
    assert no_consent.result.manifest.status == "ok"
    assert no_consent.statuses == expect(
        consent_not_explicit="inconclusive",
        exit_on_policy_refusal="inconclusive",  # there was no policy to refuse
        account_cancellation_missing="not_applicable",  # no sign-in or account anywhere
        account_cancellation_obstructed="not_applicable",
    )
    assert {s["scenario"] for s in no_consent.steps(StepAction.CONSENT_DIALOG_NOT_FOUND)} == {
        "consent_reject",
        "permission_denial",
        "permission_grant",
    }
    assert no_consent.findings["consent"] is None
    assert no_consent.verdict("account_cancellation_missing")["summary"].startswith("not applicable")


def test_a_privacy_dialog_that_never_goes_away(stuck: PlanRun) -> None:
    assert stuck.result.manifest.status == "ok"
    assert stuck.statuses == expect(
        frequent_reprompt_after_refusal="fail",
        exit_on_policy_refusal="fail",  # still asking after every refusal: blocked
        beyond_necessary_scope="not_tested",
        account_cancellation_missing="not_applicable",
        account_cancellation_obstructed="not_applicable",
        exit_on_permission_denial="not_tested",
        background_collection="not_tested",
        shake_redirect_too_sensitive="not_tested",
    )
    assert stuck.steps(StepAction.CONSENT_STILL_ASKED, "consent_reject")
    assert stuck.steps(StepAction.CONSENT_DIALOG_PERSISTS)
    assert not stuck.steps(StepAction.POPUP)  # the privacy dialog is never taken for an ad


def test_every_step_the_plan_writes_is_in_the_vocabulary(
    clean: PlanRun, no_consent: PlanRun, stuck: PlanRun
) -> None:
    runs = {"clean": clean, "no_consent": no_consent, "stuck": stuck}
    assert {name: problems for name, run in runs.items() if (problems := off_vocabulary(run.steps()))} == {}
    written = {s["action"] for run in runs.values() for s in run.steps()}
    # the three runs between them walk every scenario, the consent edge cases included
    assert len(written) >= len(StepAction) * 2 // 3
    edge_cases = {StepAction.CONSENT_DIALOG_NOT_FOUND, StepAction.CONSENT_STILL_ASKED, StepAction.EXPLORE_END}
    assert edge_cases <= written


def test_an_app_that_crashes_on_launch(tmp_path: Path) -> None:
    crash = run_plan(PROJECT_ROOT / "tests" / "fixtures" / "simapps" / "crash_app", tmp_path)
    assert crash.result.manifest.status == "failed"
    assert crash.result.manifest.error_kind == "AppCrashed"
    statuses = crash.statuses
    assert set(statuses) == {rule.id for rule in load_rules()}
    scenario_rules = set(ALL_PASS) - {
        "store_listing_incomplete",
        "pi_access_before_consent",
        "pi_transmitted_before_consent",
        "pi_shared_with_third_party",
    }
    assert {statuses[rule] for rule in scenario_rules} == {"not_tested"}
    assert "first_launch: error" in crash.verdict("consent_not_explicit")["summary"]
