"""`privacy-probe report RUN_DIR|OUT`: the subcommand, its output and its exit codes."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from harness.analysis import exit_code_for
from harness.documents import Findings
from harness.errors import ExitCode, InputError
from reports.cli import register

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="privacy-probe")
    handlers = register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return handlers[args.command](args)


def test_report_of_a_run_prints_its_path_and_fails_on_a_failed_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = shutil.copytree(FIXTURES / "leaky_hostile", tmp_path / "leaky")
    assert _run(["report", str(run)]) == 1
    assert capsys.readouterr().out == f"report: {run.resolve() / 'report.html'}\n"
    assert (run / "findings.csv").is_file() and (run / "junit.xml").is_file()


def test_report_of_a_clean_run_exits_zero(tmp_path: Path) -> None:
    run = shutil.copytree(FIXTURES / "clean", tmp_path / "clean")
    assert _run(["report", str(run)]) == 0


def test_report_of_an_output_folder_renders_the_catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("clean", "garbled"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    assert _run(["report", str(tmp_path)]) == 2  # one run could not be reported
    captured = capsys.readouterr()
    assert captured.out == f"report: {tmp_path.resolve() / 'index.html'}\n"
    assert captured.err.startswith("privacy-probe: error: garbled: ")
    assert len(captured.err.splitlines()) == 1
    assert (tmp_path / "clean" / "report.html").is_file()


def test_report_of_an_unanalysed_run_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = shutil.copytree(FIXTURES / "unanalysed", tmp_path / "killed")
    assert _run(["report", str(run)]) == 2
    assert capsys.readouterr().err == "privacy-probe: error: com.ppdemo.killed: no verdicts (not analysed)\n"
    assert (run / "report.html").is_file()


def test_report_of_an_incomplete_run_exits_two_as_analyze_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = shutil.copytree(FIXTURES / "clean", tmp_path / "clean")
    findings = json.loads((run / "findings.json").read_text(encoding="utf-8"))
    findings["incomplete"] = ["the traffic capture died at 12 s, so later traffic was not recorded"]
    (run / "findings.json").write_text(json.dumps(findings), encoding="utf-8")
    assert exit_code_for(Findings.from_json(findings)) == ExitCode.ERROR
    assert _run(["report", str(run)]) == ExitCode.ERROR
    error = capsys.readouterr().err
    assert (
        error.startswith("privacy-probe: error: ")
        and "the run is incomplete: the traffic capture died" in error
    )
    assert len(error.splitlines()) == 1 and (run / "report.html").is_file()


def test_report_of_a_run_whose_detector_crashed_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = shutil.copytree(FIXTURES / "broken", tmp_path / "broken")
    assert _run(["report", str(run)]) == ExitCode.ERROR
    assert "a detector crashed" in capsys.readouterr().err


def test_report_of_a_missing_path_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a run folder or an output folder of runs"):
        _run(["report", str(tmp_path / "nope")])


def test_report_of_a_garbled_run_is_input_error(tmp_path: Path) -> None:
    run = shutil.copytree(FIXTURES / "garbled", tmp_path / "garbled")
    with pytest.raises(InputError, match=r"findings.json: not valid JSON"):
        _run(["report", str(run)])
