"""MIIT bulletin labels → rule ids, and reproduced / not reproduced / not testable per citation."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from harness.batch.citations import evaluate_citation, label_table, normalise_label, summarise

PROJECT_RULES = {
    rule["id"]
    for rule in json.loads(resources.files("harness.data").joinpath("rules.json").read_text("utf-8"))["rules"]
}


def test_every_bulletin_label_of_the_reference_is_known() -> None:
    table = label_table()
    assert len(table.entries) == 11  # the rows of regulatory-rules.md §6
    for label in ("违规收集个人信息", "私自共享给第三方", "不给权限不让用", "乱跳转", "账号注销难"):
        assert table.lookup(label) is not None, label


def test_aliases_point_at_real_rules_and_every_project_rule_is_reachable() -> None:
    raw = json.loads(resources.files("harness.data").joinpath("miit_labels.json").read_text("utf-8"))
    assert set(raw["rule_for_test"].values()) <= PROJECT_RULES
    mapped = {rule for entry in label_table().entries for rule in entry.rules}
    assert mapped >= PROJECT_RULES


def test_labels_match_in_full_width_spacing_and_app_prefix_variants() -> None:
    assert normalise_label(" APP 强制、频繁、过度索取权限 ") == normalise_label("强制、频繁、过度索取权限")
    assert label_table().lookup("App频繁自启动和关联启动") is not None
    assert label_table().lookup("違規收集") is None


LABEL = "违规收集个人信息"  # → pi_access_before_consent, pi_transmitted_before_consent, consent_not_explicit


@pytest.mark.parametrize(
    ("verdicts", "completed", "result"),
    [
        ({"pi_access_before_consent": "fail", "consent_not_explicit": "pass"}, True, "reproduced"),
        ({"pi_access_before_consent": "fail"}, False, "reproduced"),  # evidence from a partial run counts
        ({"pi_access_before_consent": "pass", "consent_not_explicit": "not_tested"}, True, "not_reproduced"),
        ({"pi_access_before_consent": "pass"}, False, "not_testable"),  # a partial run proves no absence
        (
            {"pi_access_before_consent": "inconclusive", "consent_not_explicit": "not_tested"},
            True,
            "not_testable",
        ),
        ({"popup_harassment": "fail"}, True, "not_testable"),  # no mapped rule in the findings
        (None, True, "not_testable"),
    ],
)
def test_citation_outcomes(verdicts: dict[str, str] | None, completed: bool, result: str) -> None:
    citation = evaluate_citation(LABEL, verdicts, completed, "crashed_on_launch")
    assert citation.result == result
    assert citation.reason


def test_label_without_any_implemented_rule_is_not_testable() -> None:
    every_rule_passes = dict.fromkeys(PROJECT_RULES, "pass")
    citation = evaluate_citation("强制用户使用定向推送功能", every_rule_passes, True)
    assert citation.result == "not_testable"
    assert "personalization_no_optout" in citation.reason


def test_reproduction_rate_ignores_untestable_citations() -> None:
    results = [
        evaluate_citation(LABEL, {"pi_access_before_consent": "fail"}, True),
        evaluate_citation(LABEL, {"pi_access_before_consent": "pass"}, True),
        evaluate_citation(LABEL, {"pi_access_before_consent": "fail"}, True),
        evaluate_citation("强制用户使用定向推送功能", {}, True),
    ]
    summary = summarise(results)
    assert (summary.reproduced, summary.not_reproduced, summary.not_testable) == (2, 1, 1)
    assert summary.rate == pytest.approx(2 / 3)
    assert summarise([]).rate is None
