"""`not_applicable` verdicts end to end: exit code, run and catalog pages, CSV/XLSX, junit."""

from __future__ import annotations

import csv
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from openpyxl import load_workbook

from harness.analysis import exit_code_for
from harness.documents import Findings
from reports.render import render_catalog, render_run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"
NOT_APPLICABLE = ("account_cancellation_missing", "account_cancellation_obstructed")
WHY = "not applicable: none of the 3 screen(s) reachable in the app shows registration, sign-in or an account"


@pytest.fixture
def run(tmp_path: Path) -> Path:
    run = tmp_path / "clean"
    shutil.copytree(FIXTURES / "clean", run)
    findings = json.loads((run / "findings.json").read_text(encoding="utf-8"))
    for verdict in findings["verdicts"]:
        if verdict["rule"] in NOT_APPLICABLE:
            verdict["status"], verdict["summary"] = "not_applicable", WHY
    (run / "findings.json").write_text(json.dumps(findings), encoding="utf-8")
    return run


def _findings(run: Path) -> dict[str, object]:
    findings: dict[str, object] = json.loads((run / "findings.json").read_text(encoding="utf-8"))
    return findings


def test_not_applicable_exits_like_a_pass_and_a_fail_still_fails(run: Path) -> None:
    findings = _findings(run)
    assert exit_code_for(Findings.from_json(findings)) == 0
    verdicts = findings["verdicts"]
    assert isinstance(verdicts, list)
    verdicts[0]["status"] = "fail"
    assert exit_code_for(Findings.from_json(findings)) == 1


def test_run_page_and_exports_show_not_applicable(run: Path) -> None:
    html = render_run(run).read_text(encoding="utf-8")
    assert '<span class="status status-not_applicable">NOT APPLICABLE</span>' in html
    assert 'data-status-filter="verdict-table" value="not_applicable"' in html
    assert '<tr data-status="not_applicable"' in html
    rows = list(csv.DictReader((run / "findings.csv").read_bytes().decode("utf-8-sig").splitlines()))
    assert {r["rule"]: r["status"] for r in rows if r["rule"] in NOT_APPLICABLE} == dict.fromkeys(
        NOT_APPLICABLE, "not_applicable"
    )
    sheet = load_workbook(run / "findings.xlsx")["Findings"]
    header = [c.value for c in sheet[1]]
    statuses = {
        row[header.index("rule")]: row[header.index("status")]
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert [statuses[r] for r in NOT_APPLICABLE] == ["not_applicable"] * 2


def test_junit_skips_not_applicable_with_its_reason_and_catalog_counts_it(run: Path) -> None:
    index = render_catalog(run.parent).read_text(encoding="utf-8")
    assert "NOT APPLICABLE" in index and "status-not_applicable" in index
    suite = ET.parse(run.parent / "junit.xml").getroot().find("testsuite")
    assert suite is not None
    for rule in NOT_APPLICABLE:
        skipped = suite.find(f"testcase[@name='{rule}']/skipped")
        assert skipped is not None and skipped.get("message") == WHY
    not_tested = sum(v["status"] == "not_tested" for v in _findings(run)["verdicts"])  # type: ignore[attr-defined]
    assert suite.get("skipped") == str(not_tested + 2) and suite.get("failures") == "0"
