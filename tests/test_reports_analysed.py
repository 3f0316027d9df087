"""The report over findings.json as `privacy-probe analyze` really writes it (not hand-written)."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

from harness.analysis import analyze_run
from reports.render import render_run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"


def test_report_renders_the_analysis_of_a_recorded_run(tmp_path: Path) -> None:
    run = shutil.copytree(FIXTURES / "leaky_hostile", tmp_path / "leaky")
    (run / "findings.json").unlink()
    findings = analyze_run(run)
    statuses = {v.rule: v.status for v in findings.verdicts}
    assert statuses["pi_access_before_consent"] == "fail"
    assert statuses["pi_transmitted_before_consent"] == "fail"

    text = render_run(run).read_text(encoding="utf-8")
    for rule, status in statuses.items():
        row = f'<tr data-status="{status}" class="verdict-row">\n<td class="rule">'
        assert f'{row}<span class="rule-id">{rule}</span>' in text
    imei_b64 = base64.b64encode(b"864231057719348").decode()
    assert f"<mark>{imei_b64}</mark>" in text  # the IMEI inside base64 in a JSON body
    assert "<mark>9c4f2b7e1a38d650</mark>" in text
    assert "TelephonyManager.getDeviceId by com.umeng" in text  # who read the value that was sent
