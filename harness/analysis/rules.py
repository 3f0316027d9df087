"""The rule catalogue as reports list it: every rule of harness/data/rules.json, in order."""

from __future__ import annotations

from harness.detect.engine import RuleSpec, load_rules


def rule_catalogue() -> tuple[RuleSpec, ...]:
    """id, title, title_zh, severity and clauses of each rule (a report's fallback for old findings
    and its list of rules a verdict is missing for)."""
    return load_rules()
