"""The library API as a user's script uses it: `from harness import probe_app, …`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import harness
from harness import ExitCode, InputError, ProbeResult, RunOptions, analyze_run, probe_app, render_run
from tests.conftest import EXAMPLES, PROJECT_ROOT

QUICK = RunOptions(scenarios=("first_launch",), duration_s=1.5, capture=False)


@pytest.fixture(scope="module")
def leaky(tmp_path_factory: pytest.TempPathFactory) -> ProbeResult:
    return probe_app(EXAMPLES / "leaky_sdk", tmp_path_factory.mktemp("runs") / "leaky", "sim", QUICK)


def test_importing_harness_loads_none_of_the_api() -> None:
    # mitmdump's addon and the sim's helper processes import harness modules: keep it cheap
    code = (
        "import sys, harness; print(sorted(m for m in sys.modules if m.startswith(('harness.', 'reports'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "[]"


def test_every_exported_name_resolves() -> None:
    assert sorted(harness.__all__) == sorted(["__version__", *harness._EXPORTS])
    for name in harness.__all__:
        assert getattr(harness, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'probe_apps'"):
        _ = harness.probe_apps


def test_a_probed_app_is_recorded_analysed_and_reported(leaky: ProbeResult) -> None:
    assert leaky.error is None and leaky.status == "ok"
    assert leaky.report == leaky.run_dir / "report.html" and leaky.report.is_file()
    on_disk = json.loads((leaky.run_dir / "findings.json").read_text(encoding="utf-8"))
    assert leaky.findings is not None and leaky.findings.to_json() == on_disk
    # the leaky SDK reads the Android ID before any consent: a rule fails, so exit code 1
    assert "pi_access_before_consent" in leaky.failed_rules
    assert leaky.exit_code is ExitCode.FINDINGS


def test_analysing_and_rendering_again_give_the_same_verdicts(leaky: ProbeResult) -> None:
    again = analyze_run(leaky.run_dir)
    assert leaky.findings is not None
    assert [(v.rule, v.status) for v in again.verdicts] == [
        (v.rule, v.status) for v in leaky.findings.verdicts
    ]
    assert render_run(leaky.run_dir) == leaky.report


def test_bad_input_is_refused_before_a_device_is_opened(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        probe_app(tmp_path / "nope", tmp_path / "run", "no-such-serial")
    with pytest.raises(InputError, match="unknown scenario 'dance'"):
        probe_app(
            EXAMPLES / "leaky_sdk", tmp_path / "run", "no-such-serial", RunOptions(scenarios=("dance",))
        )
    assert not (tmp_path / "run").exists()
