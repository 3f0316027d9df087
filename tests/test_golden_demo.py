"""Same verdicts and reports on the demo catalog before and after a change (tests/golden.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.golden import EXPECTED, differences, observe, unpack


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return unpack(tmp_path_factory.mktemp("golden"))


def test_every_demo_app_is_recorded(recorded: dict[str, Path]) -> None:
    catalog = Path(__file__).parents[1] / "examples" / "catalog.csv"
    apps = {line.split(",")[0] for line in catalog.read_text(encoding="utf-8").splitlines()[2:] if line}
    assert set(recorded) == apps == {path.stem for path in EXPECTED.glob("*.json")}


@pytest.mark.parametrize("app", sorted(path.stem for path in EXPECTED.glob("*.json")))
def test_findings_and_report_unchanged(recorded: dict[str, Path], app: str) -> None:
    expected = json.loads((EXPECTED / f"{app}.json").read_text(encoding="utf-8"))
    observed = observe(recorded[app])
    assert differences(expected["findings"], observed["findings"]) == []
    assert observed["report_text"] == expected["report_text"]
    assert observed["csv"] == expected["csv"]


def test_a_changed_verdict_is_a_difference() -> None:
    expected = {"verdicts": [{"rule": "r", "status": "fail", "evidence": [{"ref": "flows.jsonl#0"}]}]}
    assert differences(
        expected, {"verdicts": [{"rule": "r", "status": "pass", "evidence": [{"ref": "flows.jsonl#0"}]}]}
    )
    assert differences(expected, {"verdicts": [{"rule": "r", "status": "fail", "evidence": []}]})
    assert (
        differences(
            expected,
            {"verdicts": [{"rule": "r", "status": "fail", "evidence": [{"ref": "flows.jsonl#0"}], "new": 1}]},
        )
        == []
    )
