"""findings.json's report_inputs: what the analysis derives for the report, and that the report
renders it as written (harness.analysis.report_inputs, marks, dataflow)."""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from harness.analysis import analyze_run
from harness.analysis.marks import marks
from harness.analysis.report_inputs import REPORT_INPUTS_VERSION, current, report_inputs
from reports.render import render_run

LEAKY = Path(__file__).resolve().parent / "fixtures" / "reports" / "leaky_hostile"
IMEI = "864231057719348"
Analysed = tuple[Path, dict[str, Any]]
GENERATED = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC by privacy-probe \S+")


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Analysed:
    run = shutil.copytree(LEAKY, tmp_path_factory.mktemp("inputs") / "leaky")
    (run / "findings.json").unlink()
    return run, analyze_run(run).to_json()


def _spot(inputs: dict[str, Any], canary: str) -> dict[str, Any]:
    return next(s for s in inputs["marks"]["spots"] if s["canary"] == canary)


def test_analysis_writes_the_marks_of_each_value_sent(analysed: Analysed) -> None:
    run, findings = analysed
    inputs = findings["report_inputs"]
    assert inputs == json.loads((run / "findings.json").read_text(encoding="utf-8"))["report_inputs"]
    assert current(findings) is findings["report_inputs"]
    imei = _spot(inputs, "imei")
    assert (imei["ref"], imei["location"], imei["encoding"]) == ("flows.jsonl#0", "body", ["json", "base64"])
    body = json.loads((run / "flows.jsonl").read_text(encoding="utf-8").splitlines()[0])["request_body"]
    start, end = imei["wire"]
    assert body.encode()[start:end] == base64.b64encode(IMEI.encode())
    (first, last),  = imei["excerpt_spans"]  # fmt: skip
    assert imei["excerpt"][first:last] == base64.b64encode(IMEI.encode()).decode()
    location = _spot(inputs, "location")
    assert [location["excerpt"][a:b] for a, b in location["excerpt_spans"]] == ["31.230416", "121.473701"]
    assert inputs["marks"]["canary_values"] == {"imei": IMEI, "android_id": "9c4f2b7e1a38d650"}


def test_analysis_writes_dataflow_consent_domains_and_capture(analysed: Analysed) -> None:
    inputs = analysed[1]["report_inputs"]
    assert inputs["consent"] == {"ts": 1763830004.0, "ref": "steps.jsonl#3"}
    assert inputs["flow_domains"]["ulogs.umeng.com"] == "umeng.com"
    rows = {(r["sdk"], r["data_type"]): r for r in inputs["dataflow"]}
    umeng = rows[("com.umeng", "device_id")]
    assert (umeng["sdk_name"], umeng["reads"], umeng["reads_before_consent"]) == ("Umeng (友盟)", 2, 2)
    assert umeng["destinations"] == [
        {"domain": "umeng.com", "party": "third", "owner": "Alibaba (Umeng 友盟+)", "flows": 1}
    ]
    sensor = rows[("com.umeng", "sensor")]
    assert (sensor["reads"], sensor["reads_before_consent"], sensor["destinations"]) == (20, 0, [])
    assert [r["sdk"] for r in inputs["dataflow"]][-1] == ""  # unattributed reads come last
    assert inputs["capture"]["flows_undecrypted"] == 1


def test_a_value_not_in_the_request_part_is_not_marked(analysed: Analysed) -> None:
    run = analysed[0]
    item = {
        "kind": "flow",
        "ref": "flows.jsonl#0",
        "canary": "imei",
        "location": "url",
        "encoding": ["plain"],
    }
    found = marks(run, {"verdicts": [{"evidence": [{**item, "excerpt": "nothing here"}]}]})
    (spot,) = found["spots"]
    assert (spot["wire"], spot["excerpt_spans"]) == (None, [])
    unknown = marks(run, {"verdicts": [{"evidence": [{**item, "canary": "no_such_canary"}]}]})
    assert unknown["spots"][0]["wire"] is None and unknown["canary_values"] == {}


def test_an_observed_value_is_taken_from_the_event_that_read_it(
    analysed: Analysed,
) -> None:
    run = analysed[0]
    read = {"ref": "events.jsonl#1", "link": "value"}
    item = {"kind": "flow", "ref": "flows.jsonl#0", "canary": "observed:Secure.getString", "location": "body"}
    found = marks(run, {"verdicts": [{"evidence": [{**item, "collected_by": [read]}]}]})
    assert found["canary_values"] == {"observed:Secure.getString": "9c4f2b7e1a38d650"}
    assert found["spots"][0]["wire"] is not None
    by_type = marks(run, {"verdicts": [{"evidence": [{**item, "collected_by": [{**read, "link": "type"}]}]}]})
    assert by_type["canary_values"] == {} and by_type["spots"][0]["wire"] is None


def test_report_renders_the_inputs_as_written(analysed: Analysed, tmp_path: Path) -> None:
    run = shutil.copytree(analysed[0], tmp_path / "edited")
    findings = json.loads((run / "findings.json").read_text(encoding="utf-8"))
    inputs = findings["report_inputs"]
    inputs["dataflow"][0]["destinations"][0]["owner"] = "Owner As Analysed"
    inputs["marks"]["canary_values"]["imei"] = "value-as-analysed"
    _spot(inputs, "imei")["wire"] = [2, 8]  # the report marks what the analysis says, not its own search
    (run / "findings.json").write_text(json.dumps(findings), encoding="utf-8")
    text = render_run(run).read_text(encoding="utf-8")
    assert "Owner As Analysed" in text and "value-as-analysed" in text
    assert "<mark>header</mark>" in text


def test_old_findings_render_as_if_analysed_today(analysed: Analysed, tmp_path: Path) -> None:
    run = analysed[0]
    today = GENERATED.sub("", render_run(run).read_text(encoding="utf-8"))
    old = shutil.copytree(run, tmp_path / "old")
    findings = json.loads((old / "findings.json").read_text(encoding="utf-8"))
    del findings["report_inputs"]
    (old / "findings.json").write_text(json.dumps(findings), encoding="utf-8")
    assert GENERATED.sub("", render_run(old).read_text(encoding="utf-8")) == today
    assert "report_inputs" not in json.loads((old / "findings.json").read_text(encoding="utf-8"))
    assert (
        current({"report_inputs": {**analysed[1]["report_inputs"], "version": REPORT_INPUTS_VERSION + 1}})
        is None
    )
    assert current(None) is None


def test_an_unanalysed_run_takes_consent_from_its_steps(analysed: Analysed) -> None:
    run = analysed[0]
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    inputs = report_inputs(run, manifest, None)
    assert inputs["consent"] == {"ts": 1763830004.0, "ref": "steps.jsonl#3"}
    assert inputs["marks"]["spots"] == [] and inputs["dataflow"][0]["destinations"] == []
    assert report_inputs(run, manifest, {"verdicts": [], "consent": None})["consent"] is None


HOSTILE_INPUTS: dict[str, Any] = {
    "version": REPORT_INPUTS_VERSION,
    "consent": {"ts": "soon", "ref": 7},
    "capture": ["<script>alert(1)</script>"],
    "flow_domains": {"ulogs.umeng.com": "<script>alert(2)</script>\u202e"},
    "dataflow": [1, {"sdk": ["x"], "data_type": "<b>x</b>", "reads": "many", "destinations": "x"}],
    "marks": {
        "canary_values": {"imei": "\x00<img src=x onerror=alert(3)>"},
        "spots": [
            {"ref": "flows.jsonl#0", "location": "body", "canary": "imei", "encoding": ["json", "base64"],
             "wire": [10_000, 20_000], "excerpt": 5, "excerpt_spans": [[9, 2], ["a"], [0, 10_000]]},
            {"ref": 3, "wire": [-1, 2]},
            "not a spot",
        ],
    },
}  # fmt: skip


def test_hostile_report_inputs_render_inert(analysed: Analysed, tmp_path: Path) -> None:
    from tests.test_reports_render import assert_inert

    run = shutil.copytree(analysed[0], tmp_path / "hostile")
    findings = json.loads((run / "findings.json").read_text(encoding="utf-8"))
    findings["report_inputs"] = HOSTILE_INPUTS
    (run / "findings.json").write_text(json.dumps(findings), encoding="utf-8")
    text = assert_inert(render_run(run))
    assert "sent to: &lt;script&gt;alert(2)&lt;/script&gt;…" in text  # the lane label, cut
    assert "[U+0000]&lt;img src=x onerror=alert(3)&gt;" in text
    assert "the value could not be located again here" in text  # a span past the recorded body
