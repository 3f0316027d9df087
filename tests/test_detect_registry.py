"""Rules as data, detector registration and crash isolation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from harness.detect import RunView, evaluate, load_rules, registered_detectors
from harness.detect.engine import NO_DETECTOR, Outcome, detector

FIXTURES = Path(__file__).parent / "fixtures" / "runs"
DESIGN_RULES = {
    "pi_access_before_consent",
    "pi_transmitted_before_consent",
    "pi_shared_with_third_party",
    "consent_not_explicit",
    "exit_on_permission_denial",
    "frequent_reprompt_after_refusal",
    "high_frequency_collection",
    "background_collection",
    "beyond_necessary_scope",
    "popup_harassment",
    "ad_window_not_closable",
    "shake_redirect_too_sensitive",
    "account_cancellation_missing",
    "account_cancellation_obstructed",
    "store_listing_incomplete",
    "permission_prompt_misleading",
    "exit_on_policy_refusal",
}


@pytest.fixture
def view(tmp_path: Path) -> RunView:
    shutil.copytree(FIXTURES / "leaky_sdk", tmp_path / "run")
    return RunView.load(tmp_path / "run")


def test_rules_json_lists_every_rule_of_the_design_once() -> None:
    ids = [rule.id for rule in load_rules()]
    assert sorted(ids) == sorted(DESIGN_RULES)
    for rule in load_rules():
        assert rule.severity in {"high", "medium", "low"}
        assert rule.title and rule.title_zh and rule.clauses


def test_the_transmission_and_access_rules_cite_their_core_clauses() -> None:
    clauses = {rule.id: rule.clauses for rule in load_rules()}
    assert "认定方法 三.1" in clauses["pi_access_before_consent"]
    assert "PIPL 23" in clauses["pi_shared_with_third_party"]
    assert any(c.startswith("164号文") for c in clauses["pi_transmitted_before_consent"])
    assert any(c.startswith("GDPR") for c in clauses["pi_shared_with_third_party"])


def test_every_rule_has_a_builtin_detector() -> None:
    assert set(registered_detectors()) == {rule.id for rule in load_rules()}


def test_a_crashing_detector_is_isolated_and_reported(view: RunView) -> None:
    def boom(_view: RunView) -> Outcome:
        raise RuntimeError("boom")

    table = {**registered_detectors(), "pi_access_before_consent": boom}
    evaluation = evaluate(view, table)
    verdicts = {v.rule: v.to_json() for v in evaluation.verdicts}
    assert verdicts["pi_access_before_consent"]["status"] == "inconclusive"
    assert verdicts["pi_access_before_consent"]["summary"] == "detector crashed: RuntimeError: boom"
    assert verdicts["pi_shared_with_third_party"]["status"] == "fail"  # the others still ran
    (error,) = evaluation.detector_errors
    assert error.rule == "pi_access_before_consent" and "RuntimeError: boom" in error.traceback


def test_rules_without_a_detector_are_not_tested(view: RunView) -> None:
    verdicts = evaluate(view, {}).verdicts
    assert [v.rule for v in verdicts] == [rule.id for rule in load_rules()]
    assert {v.status for v in verdicts} == {"not_tested"}
    assert {v.summary for v in verdicts} == {NO_DETECTOR}


def test_verdicts_carry_the_rule_metadata(view: RunView) -> None:
    verdict = next(v.to_json() for v in evaluate(view).verdicts if v.rule == "consent_not_explicit")
    assert verdict["severity"] == "high" and "认定方法 三.4" in verdict["clauses"]
    assert set(verdict) >= {"rule", "status", "severity", "data_types", "clauses", "summary", "evidence"}


def test_registration_rejects_unknown_and_duplicate_rules() -> None:
    with pytest.raises(ValueError, match="no such rule"):
        detector("no_such_rule")
    with pytest.raises(ValueError, match="already registered"):
        detector("pi_access_before_consent")(lambda _view: Outcome("pass", ""))
