"""exit_on_policy_refusal on recorded runs: exiting, closing or blocking after the privacy
policy is refused fails; staying usable (fully or in basic mode) passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_rules_windows import RunBuilder, verdict_of

RULE = "exit_on_policy_refusal"


def refused(tmp_path: Path, outcome: str, *, via: str = "refuse") -> RunBuilder:
    run = RunBuilder(tmp_path)
    run.launch(0, "consent_reject", fresh=True)
    run.step(1, "consent_reject", "consent", choice="reject", control="不同意", via="refuse", round=1)
    run.step(2, "consent_reject", "consent", choice="reject", control="仅浏览", via=via, round=2)
    run.step(4, "consent_reject", "consent_refusal_end", outcome=outcome, refusals=2)
    return run


@pytest.mark.parametrize("outcome", ["app_exited", "app_closed", "blocked"])
def test_exit_close_or_block_after_refusal_fails(tmp_path: Path, outcome: str) -> None:
    verdict = verdict_of(refused(tmp_path, outcome).view(), RULE)
    assert verdict["status"] == "fail"
    assert verdict["summary"].startswith("after refusing the privacy policy (不同意 → 仅浏览)")


def test_basic_mode_and_usable_pass(tmp_path: Path) -> None:
    verdict = verdict_of(refused(tmp_path, "basic_mode", via="basic_mode").view(), RULE)
    assert verdict["status"] == "pass" and "basic mode" in verdict["summary"]
    (tmp_path / "u").mkdir()
    assert verdict_of(refused(tmp_path / "u", "usable").view(), RULE)["status"] == "pass"


def test_no_dialog_refused_is_inconclusive(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path)
    run.launch(0, "consent_reject", fresh=True)
    run.step(1, "consent_reject", "consent_dialog_not_found", waited_s=3)
    assert verdict_of(run.view(), RULE)["status"] == "inconclusive"
