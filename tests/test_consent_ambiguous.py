"""A privacy dialog left unanswered because its controls were ambiguous: recorded in the
findings coverage, triaged `consent_ambiguous`, and never a pass of the consent-time rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from harness.analysis import analyze_run
from harness.batch.triage import CONSENT_AMBIGUOUS, LABELS, AttemptFacts, classify
from harness.detect.consent_ambiguity import ambiguous_consent_screens
from reports.render import render_catalog, render_run
from tests.test_rules_windows import RunBuilder, verdict_of

ACCESS = "pi_access_before_consent"
API = "android.location.LocationManager.getLastKnownLocation"
RUNS = Path(__file__).parent / "fixtures" / "runs"
WHY = "accept: two different controls read as affirmative"


def run(tmp_path: Path, *, ambiguous: bool = True) -> RunBuilder:
    builder = RunBuilder(tmp_path).launch(0, "permission_grant", fresh=True)
    if ambiguous:
        builder.step(2, "permission_grant", "consent_ambiguous", reason=WHY, ui="ui/0001-dialog.xml")
    return builder.step(3, "permission_grant", "tap", control="同意")


def test_access_before_the_harness_touched_the_app_still_fails(tmp_path: Path) -> None:
    view = run(tmp_path).event(1, API, "location").event(4, API, "location").view()
    verdict = verdict_of(view, ACCESS)
    assert verdict["status"] == "fail"
    assert verdict["summary"].startswith("1 personal-information access(es) before consent")
    assert "controls are ambiguous (accept: two different controls" in verdict["summary"]


def test_access_only_after_a_tap_is_inconclusive_not_before_consent(tmp_path: Path) -> None:
    verdict = verdict_of(run(tmp_path).event(4, API, "location").view(), ACCESS)
    assert verdict["status"] == "inconclusive"
    assert verdict["summary"].startswith(
        "no personal-information access before the harness touched the app (1 after)"
    )


def test_no_access_at_all_is_inconclusive_not_pass(tmp_path: Path) -> None:
    assert verdict_of(run(tmp_path).view(), ACCESS)["status"] == "inconclusive"


def test_without_ambiguity_a_run_with_no_consent_counts_everything(tmp_path: Path) -> None:
    assert (
        verdict_of(run(tmp_path, ambiguous=False).event(4, API, "location").view(), ACCESS)["status"]
        == "fail"
    )
    assert verdict_of(run(tmp_path / "quiet", ambiguous=False).view(), ACCESS)["status"] == "pass"


def test_given_consent_makes_the_ambiguity_irrelevant(tmp_path: Path) -> None:
    builder = run(tmp_path).step(3.5, "permission_grant", "consent", choice="accept", control="同意")
    verdict = verdict_of(builder.event(4, API, "location").view(), ACCESS)
    assert verdict["status"] == "pass" and "consent was given at" in verdict["summary"]


def test_coverage_lists_each_unanswered_dialog(tmp_path: Path) -> None:
    builder = run(tmp_path).step(5, "consent_reject", "refuse_not_offered", ui="ui/0002.xml", ambiguity=WHY)
    builder.step(6, "consent_reject", "refuse_not_offered", ui="ui/0003.xml", ambiguity=None)
    assert ambiguous_consent_screens(builder.view()) == [
        {"scenario": "permission_grant", "ui": "ui/0001-dialog.xml", "reason": WHY},
        {"scenario": "consent_reject", "ui": "ui/0002.xml", "reason": WHY},
    ]
    assert ambiguous_consent_screens(run(tmp_path / "clear", ambiguous=False).view()) == []


def _folder(tmp_path: Path, steps: list[tuple[str, dict[str, object]]]) -> Path:
    manifest = {"run_id": "r1", "status": "ok", "stages": [], "coverage": {}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    lines = [
        json.dumps({"ts": float(i), "scenario": "permission_grant", "action": a, "detail": d})
        for i, (a, d) in enumerate([("launch", {}), ("launched", {}), ("screen", {}), ("tap", {}), *steps])
    ]
    (tmp_path / "steps.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return tmp_path


def test_triage_labels_an_unanswered_dialog_and_keeps_the_run_done(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [("consent_ambiguous", {"ui": "ui/0001.xml", "reason": WHY})])
    triage = classify(folder, json.loads((folder / "manifest.json").read_text()), AttemptFacts())
    assert CONSENT_AMBIGUOUS in LABELS
    assert triage.label == "consent_ambiguous" and triage.completed and not triage.infrastructure
    assert (
        triage.detail
        == f"the consent dialog (ui/0001.xml) was left unanswered: its controls are ambiguous ({WHY})"
    )


def test_triage_ignores_a_refusal_missing_for_no_ambiguity(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [("refuse_not_offered", {"ui": "ui/0001.xml", "ambiguity": None})])
    triage = classify(folder, json.loads((folder / "manifest.json").read_text()), AttemptFacts())
    assert triage.label is None


def _recorded_run(tmp_path: Path, steps: list[tuple[float, str, dict[str, object]]]) -> Path:
    """The recorded clean_app run (a location canary sent at t+6.5 s) with other steps."""
    run = Path(shutil.copytree(RUNS / "clean_app", tmp_path / "clean_app"))
    lines = [
        json.dumps({"ts": 1000.0 + at, "scenario": "permission_grant", "action": a, "detail": d, "seq": i})
        for i, (at, a, d) in enumerate(steps)
    ]
    (run / "steps.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return run


def test_transmissions_after_an_unanswered_dialog_are_inconclusive_and_in_coverage(tmp_path: Path) -> None:
    ambiguous: dict[str, object] = {"reason": WHY, "ui": "ui/0001-dialog.xml"}
    run = _recorded_run(tmp_path, [(0, "launch", {}), (1.2, "consent_ambiguous", ambiguous), (3, "tap", {})])
    findings = analyze_run(run).to_json()
    verdict = next(v for v in findings["verdicts"] if v["rule"] == "pi_transmitted_before_consent")
    assert verdict["status"] == "inconclusive"
    assert verdict["summary"].startswith("no canary in 1 flow(s) before consent; the privacy dialog")
    assert findings["coverage"]["consent_ambiguous"] == [
        {"scenario": "permission_grant", "ui": "ui/0001-dialog.xml", "reason": WHY}
    ]


def test_without_ambiguity_the_late_canary_counts_as_before_consent(tmp_path: Path) -> None:
    findings = analyze_run(_recorded_run(tmp_path, [(0, "launch", {}), (3, "tap", {})])).to_json()
    verdict = next(v for v in findings["verdicts"] if v["rule"] == "pi_transmitted_before_consent")
    assert verdict["status"] == "fail" and findings["coverage"]["consent_ambiguous"] == []


def test_the_run_report_warns_of_the_unanswered_dialog(tmp_path: Path) -> None:
    ambiguous: dict[str, object] = {"reason": WHY, "ui": "ui/0001-dialog.xml"}
    run = _recorded_run(tmp_path, [(0, "launch", {}), (1.2, "consent_ambiguous", ambiguous), (3, "tap", {})])
    analyze_run(run)
    html = render_run(run).read_text(encoding="utf-8")
    assert (
        "The privacy dialog (ui/0001-dialog.xml) was left unanswered: its controls are ambiguous "
        "(accept: two different controls read as affirmative), so no consent time is known."
    ) in html


def test_the_catalog_shows_the_triage_label(tmp_path: Path) -> None:
    shutil.copytree(Path(__file__).parent / "fixtures" / "reports" / "clean", tmp_path / "notes")
    detail = f"the consent dialog (ui/0001.xml) was left unanswered: its controls are ambiguous ({WHY})"
    app = {
        "line": 2, "app": "x", "category": "tools", "exit_code": 0, "citations": [], "app_id": "notes",
        "name": "Notes", "status": "done", "run_dir": "notes", "triage": CONSENT_AMBIGUOUS, "detail": detail,
    }  # fmt: skip
    index = {
        "schema": 1,
        "complete": True,
        "totals": {"apps": 1, "done": 1, "failed": 0, "pending": 0, "with_findings": 0},
        "triage": {CONSENT_AMBIGUOUS: 1},
        "citations": {"reproduced": 0, "not_reproduced": 0, "not_testable": 0, "reproduction_rate": None},
        "apps": [app],
    }
    (tmp_path / "batch.json").write_text(json.dumps(index), encoding="utf-8")
    text = render_catalog(tmp_path).read_text(encoding="utf-8")
    assert f"consent_ambiguous: {detail}" in text
