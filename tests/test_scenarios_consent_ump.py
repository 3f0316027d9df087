"""An English consent message shaped like Google UMP (Consent / Do not consent / Manage options)
on the sim: refusing taps "Do not consent", consenting taps "Consent", never "Manage options"."""

from __future__ import annotations

import pytest

from harness.steps import StepAction
from tests.test_scenarios_plan import FIXTURE_APPS, PlanRun, run_plan

PLAN = ("consent_reject", "permission_grant")


@pytest.fixture(scope="module")
def ump(tmp_path_factory: pytest.TempPathFactory) -> PlanRun:
    return run_plan(
        FIXTURE_APPS / "consent_ump_en", tmp_path_factory.mktemp("ump"), PLAN, category="实用工具类"
    )


def test_refusing_taps_do_not_consent(ump: PlanRun) -> None:
    refusals = ump.steps(StepAction.CONSENT, "consent_reject")
    assert [(s["detail"]["choice"], s["detail"]["control"]) for s in refusals] == [
        ("reject", "Do not consent")
    ]
    assert [s["detail"]["outcome"] for s in ump.steps(StepAction.CONSENT_REFUSAL_END)] == ["usable"]


def test_consenting_taps_consent(ump: PlanRun) -> None:
    accepts = ump.steps(StepAction.CONSENT, "permission_grant")
    assert [(s["detail"]["choice"], s["detail"]["control"]) for s in accepts] == [("accept", "Consent")]
    assert ump.findings["consent"]["ts"] == accepts[0]["ts"]
    assert not ump.steps(StepAction.CONSENT_AMBIGUOUS)
