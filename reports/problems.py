"""What went wrong in a run, so that a broken run never looks clean.

Every gap becomes a Problem: an "error" (the verdicts may be missing something: a failed stage,
a hook that did not install, traffic that could not be decrypted, a scenario that did not run,
a detector that crashed, no findings at all) or a "warning" (worth knowing, does not undermine
the verdicts). The report's health follows from them: "failed", "incomplete" or "complete".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from harness.analysis.rules import rule_catalogue
from reports.coverage import MAX_LISTED, CoverageInput, merged_coverage, unwatched_data_types
from reports.model import Coverage, Problem
from reports.text import LINE, SHORT, count, safe


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _run_problems(data: CoverageInput) -> list[Problem]:
    problems = []
    status = data.manifest.get("status")
    if status == "failed":
        reason = safe(data.manifest.get("error") or "no reason recorded", LINE)
        problems.append(Problem("error", f"The run failed: {reason}"))
    elif status == "partial":
        problems.append(Problem("error", "The run is partial: at least one scenario ended in an error."))
    elif status != "ok":
        problems.append(
            Problem(
                "error",
                f"The run never finished (status {safe(status, SHORT)!r}): the harness may have been killed.",
            )
        )
    for stage in _list(data.manifest.get("stages")):
        if isinstance(stage, dict) and stage.get("status") not in ("ok", None):
            why = safe(stage.get("error") or stage.get("status"), LINE)
            problems.append(Problem("error", f"Stage {safe(stage.get('name'), SHORT)} failed: {why}"))
    return problems


def _findings_problems(findings: Mapping[str, Any] | None) -> list[Problem]:
    if findings is None:
        return [
            Problem(
                "error",
                "Not analysed: there is no findings.json, so no rule has a verdict"
                " (run `privacy-probe analyze RUN_DIR`).",
            )
        ]
    problems = []
    verdicts = [v for v in _list(findings.get("verdicts")) if isinstance(v, dict)]
    present = {v.get("rule") for v in verdicts}
    missing = [rule.id for rule in rule_catalogue() if rule.id not in present]
    if missing:
        problems.append(
            Problem(
                "error",
                f"findings.json has no verdict for {count(len(missing), 'rule')}: {', '.join(missing)}.",
            )
        )
    for reason in _list(findings.get("incomplete")):
        problems.append(Problem("error", f"The run is incomplete: {safe(reason, LINE)}."))
    for error in _list(findings.get("detector_errors")):
        if isinstance(error, dict):
            problems.append(
                Problem(
                    "error",
                    f"Detector {safe(error.get('rule'), SHORT)} crashed: {safe(error.get('error'), LINE)}",
                )
            )
    for dialog in _list(_dict(findings.get("coverage")).get("consent_ambiguous")):
        if isinstance(dialog, dict):
            problems.append(
                Problem(
                    "warning",
                    f"The privacy dialog ({safe(dialog.get('ui'), LINE)}) was left unanswered: its controls"
                    f" are ambiguous ({safe(dialog.get('reason'), LINE)}), so no consent time is known.",
                )
            )
    inconclusive = [safe(v.get("rule"), SHORT) for v in verdicts if v.get("status") == "inconclusive"]
    if inconclusive:
        problems.append(
            Problem(
                "warning",
                f"{count(len(inconclusive), 'rule is', 'rules are')} inconclusive:"
                f" {', '.join(inconclusive)}.",
            )
        )
    not_tested = [safe(v.get("rule"), SHORT) for v in verdicts if v.get("status") == "not_tested"]
    if not_tested:
        problems.append(
            Problem(
                "warning",
                f"{count(len(not_tested), 'rule was', 'rules were')} not tested: {', '.join(not_tested)}.",
            )
        )
    return problems


def _unwatched_sentence(types: list[str]) -> str:
    if not types:
        return ""
    return f" Data types not watched on this device: {', '.join(safe(t, SHORT) for t in types)}."


def _coverage_problems(coverage: Coverage, raw: Mapping[str, Any]) -> list[Problem]:
    problems = []
    if not coverage.hooks_installed:
        problems.append(Problem("error", "No hooks were installed: nothing the app read could be observed."))
    if coverage.hooks_failed:
        problems.append(
            Problem(
                "error",
                f"{count(len(coverage.hooks_failed), 'hook')} failed to install:"
                " data read through them was not observed." + _unwatched_sentence(unwatched_data_types(raw)),
            )
        )
    if coverage.agent_errors:
        problems.append(
            Problem("error", f"The Frida agent reported {count(len(coverage.agent_errors), 'error')}.")
        )
    capture = raw.get("capture")
    if isinstance(capture, str) and (capture == "off" or capture.startswith("failed")):
        problems.append(Problem("error", f"Network traffic was not captured ({safe(capture, LINE)})."))
    if coverage.flows_undecrypted:
        undecrypted = int(raw.get("flows_undecrypted") or len(coverage.flows_undecrypted))
        problems.append(
            Problem(
                "error",
                f"{count(undecrypted, 'connection')} could not be decrypted:"
                " what they sent was not inspected.",
            )
        )
    problems += _hooked_problems(raw)
    problems += [Problem("error", f"Capture: {e}") for e in coverage.capture_errors]
    for scenario in coverage.scenarios:
        if scenario.value != "ran":
            problems.append(
                Problem("error", f"Scenario {scenario.name} did not run cleanly: {scenario.value}")
            )
    if not coverage.scenarios:
        problems.append(Problem("error", "No scenario is recorded as having run."))
    for process in coverage.app_processes:
        if "crash" in process.value:
            problems.append(Problem("warning", f"App {process.name} ended with a crash: {process.value}"))
    for entry in coverage.files:
        if entry.value == "missing" and entry.name != "flows.jsonl":
            problems.append(Problem("error", f"{entry.name} is missing from the run folder."))
        elif "unreadable" in entry.value:
            problems.append(Problem("warning", f"{entry.name}: {entry.value} (skipped)."))
    return problems


def _hooked_problems(raw: Mapping[str, Any]) -> list[Problem]:
    """Which requests only hooks saw (TLS plaintext), and which connections nobody could read."""
    problems = []
    for key, level, text in (
        (
            "flows_hook_only",
            "warning",
            "seen only by hooks (TLS plaintext the proxy could not read; searched like the others)",
        ),
        ("flows_opaque", "error", "stayed opaque: not decrypted by the proxy and not read by any hook"),
    ):
        items = [i for i in _list(raw.get(key)) if isinstance(i, dict)]
        if items:
            hosts = sorted({safe(i.get("host"), SHORT) for i in items})
            shown = ", ".join(hosts[:MAX_LISTED])
            problems.append(Problem(level, f"{count(len(items), 'request')} {text}: {shown}."))
    return problems


def problems_and_health(data: CoverageInput, coverage: Coverage) -> tuple[tuple[Problem, ...], str]:
    found = [
        *_run_problems(data),
        *_findings_problems(data.findings),
        *_coverage_problems(coverage, merged_coverage(data)),
    ]
    problems = [p for p in found if p.level == "error"] + [p for p in found if p.level != "error"]
    if data.manifest.get("status") == "failed" or data.findings is None:
        health = "failed"
    elif any(p.level == "error" for p in problems):
        health = "incomplete"
    else:
        health = "complete"
    return tuple(problems), health
