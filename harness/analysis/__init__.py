"""Analysis: everything derived from a run's records, written to findings.json for reports to render.

`findings`: `analyze_run` (verdicts, transmissions, coverage, declared vs observed) and the
exit code a run's findings give.
"""

from harness.analysis.findings import analyze_run, exit_code_for

__all__ = ["analyze_run", "exit_code_for"]
