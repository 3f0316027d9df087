"""The typed run documents: today's run folders load and write back the same JSON; a file that
is not a run document is a one-line InputError."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.documents import Findings, Manifest, Stage, Verdict
from harness.errors import InputError
from tests.golden import EXPECTED, unpack


@pytest.fixture(scope="module")
def golden_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return unpack(tmp_path_factory.mktemp("golden"))


def test_manifests_of_recorded_runs_round_trip(golden_runs: dict[str, Path]) -> None:
    assert len(golden_runs) == 12
    for run_dir in golden_runs.values():
        raw = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
        manifest = Manifest.from_json(raw)
        assert manifest.to_json() == raw
        assert manifest.status == "ok" and manifest.app.package and manifest.coverage.scenarios
        assert manifest.coverage.flows_total is not None and manifest.coverage.capture_errors == []
        assert all(isinstance(stage, Stage) and stage.status == "ok" for stage in manifest.stages)


def test_findings_of_recorded_runs_round_trip() -> None:
    for path in sorted(EXPECTED.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))["findings"]
        findings = Findings.from_json(raw)
        assert findings.to_json() == raw
        assert all(isinstance(v, Verdict) for v in findings.verdicts)
        assert findings.result == ("fail" if any(v.status == "fail" for v in findings.verdicts) else "pass")


def test_unknown_fields_are_kept_and_missing_ones_defaulted() -> None:
    manifest = Manifest.from_json(
        {"run_id": "r", "status": "ok", "later_field": [1], "app": {"package": "p"}}
    )
    assert manifest.to_json()["later_field"] == [1]
    assert manifest.app.package == "p" and manifest.stages == [] and manifest.ended is None
    findings = Findings.from_json({"verdicts": [{"rule": "r1", "status": "fail", "sdks": ["x"]}]})
    assert findings.result == "fail" and findings.consent is None
    assert findings.verdicts[0].extra == {"sdks": ["x"]}
    assert findings.to_json()["verdicts"][0]["sdks"] == ["x"]


@pytest.mark.parametrize(
    ("document", "raw", "message"),
    [
        (Manifest, [1, 2], "manifest.json: expected a JSON object, got a list"),
        (Manifest, {"status": "done"}, "manifest.json: status: 'done' is not one of"),
        (Manifest, {"stages": [{"name": 3}]}, "manifest.json: stages[0].name: expected text, got a number"),
        (Findings, {"app": {}}, "findings.json: verdicts: missing or not a list"),
        (Findings, {"verdicts": [{"status": "fail"}]}, "findings.json: verdicts[0].rule: a verdict without"),
        (
            Findings,
            {"verdicts": [{"rule": "r", "status": "bad"}]},
            "findings.json: verdicts[0].status: 'bad'",
        ),
        (
            Findings,
            {"verdicts": [{"rule": "r", "status": "fail", "evidence": [{"kind": "rumour", "ref": "x"}]}]},
            "findings.json: verdicts[0].evidence[0].kind: 'rumour' is not one of",
        ),
        (
            Findings,
            {"verdicts": [], "coverage": {"flows_total": "7"}},
            "findings.json: coverage.flows_total: expected a whole",
        ),
    ],
)
def test_a_document_that_is_not_one_is_a_one_line_input_error(
    document: type[Manifest] | type[Findings], raw: object, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        document.from_json(raw)
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)
