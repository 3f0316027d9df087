"""Rules, detectors and the verdict each rule gets in a run.

Rules (id, title, severity, clauses) are data: `harness/data/rules.json`. A detector is a
function `RunView -> Outcome` registered for one rule id with `@detector(rule_id)`;
`evaluate` runs every detector in isolation and turns each rule into one typed `Verdict`
(harness.documents):

- a rule without a detector gets `not_tested` ("no detector for this rule in this version");
- a detector that raises gets `inconclusive` ("detector crashed: …") and is listed in the
  run's detector errors, which makes the overall result "errored" — never silently dropped.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from harness.documents import DetectorError as DetectorError  # re-exported: part of the engine's API
from harness.documents import Evidence as Evidence
from harness.documents import Status as Status
from harness.documents import Verdict

if TYPE_CHECKING:
    from harness.detect.view import RunView

NO_DETECTOR = "no detector for this rule in this version"


@dataclass(frozen=True)
class RuleSpec:
    id: str
    title: str
    title_zh: str
    severity: str
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What a detector concluded; the registry adds the rule's severity and clauses."""

    status: Status
    summary: str
    data_types: Sequence[str] = ()
    evidence: Sequence[Evidence] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)  # rule-specific verdict fields


Detector = Callable[["RunView"], Outcome]


@dataclass(frozen=True)
class Evaluation:
    verdicts: list[Verdict]
    detector_errors: list[DetectorError]


@lru_cache(maxsize=1)
def load_rules() -> tuple[RuleSpec, ...]:
    raw = json.loads(resources.files("harness.data").joinpath("rules.json").read_text("utf-8"))
    return tuple(
        RuleSpec(
            id=r["id"],
            title=r["title"],
            title_zh=r["title_zh"],
            severity=r["severity"],
            clauses=tuple(r["clauses"]),
        )
        for r in raw["rules"]
    )


_DETECTORS: dict[str, Detector] = {}


def detector(rule_id: str) -> Callable[[Detector], Detector]:
    """Register `fn` as the detector of `rule_id` (a rule of rules.json, registered once)."""
    if rule_id not in {rule.id for rule in load_rules()}:
        raise ValueError(f"@detector({rule_id!r}): no such rule in rules.json")

    def register(fn: Detector) -> Detector:
        if rule_id in _DETECTORS:
            raise ValueError(f"@detector({rule_id!r}): a detector is already registered")
        _DETECTORS[rule_id] = fn
        return fn

    return register


def registered_detectors() -> dict[str, Detector]:
    return dict(_DETECTORS)


def evaluate(view: RunView, detectors: Mapping[str, Detector] | None = None) -> Evaluation:
    """One verdict per rule, in rules.json order."""
    table = registered_detectors() if detectors is None else detectors
    verdicts: list[Verdict] = []
    errors: list[DetectorError] = []
    for rule in load_rules():
        run = table.get(rule.id)
        if run is None:
            outcome = Outcome("not_tested", NO_DETECTOR)
        else:
            try:
                outcome = run(view)
            except Exception as exc:  # isolation: one broken detector must not hide the others
                message = f"{type(exc).__name__}: {exc}"
                errors.append(DetectorError(rule.id, message, traceback.format_exc()))
                outcome = Outcome("inconclusive", f"detector crashed: {message}")
        verdicts.append(_verdict(rule, outcome))
    return Evaluation(verdicts, errors)


def _verdict(rule: RuleSpec, outcome: Outcome) -> Verdict:
    return Verdict(
        rule=rule.id,
        title=rule.title,
        title_zh=rule.title_zh,
        status=outcome.status,
        severity=rule.severity,
        data_types=sorted(set(outcome.data_types)),
        clauses=list(rule.clauses),
        summary=outcome.summary,
        evidence=list(outcome.evidence),
        extra=dict(outcome.extra),
    )
