"""A rule's verdict and its evidence, as findings.json holds them.

An evidence item's details and a verdict's rule-specific fields (`destinations`, `sdks`,
`refusal_end`...) are open mappings flattened into their JSON object.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from harness.documents.fields import Fields, JsonObject

Status = Literal["fail", "pass", "inconclusive", "not_tested", "not_applicable"]
STATUSES: tuple[Status, ...] = ("fail", "pass", "inconclusive", "not_tested", "not_applicable")
EvidenceKind = Literal["event", "flow", "ui", "step"]
EVIDENCE_KINDS: tuple[EvidenceKind, ...] = ("event", "flow", "ui", "step")


@dataclass(frozen=True)
class Evidence:
    kind: EvidenceKind
    ref: str  # "events.jsonl#12": file and the record's seq
    details: Mapping[str, Any] = field(default_factory=dict)  # what the detector shows of it

    def to_json(self) -> JsonObject:
        return {"kind": self.kind, "ref": self.ref, **self.details}

    @classmethod
    def read(cls, f: Fields) -> Evidence:
        kind = f.text("kind")
        if kind not in EVIDENCE_KINDS:
            raise f.invalid("kind", f"{kind[:40]!r} is not one of {', '.join(EVIDENCE_KINDS)}")
        return cls(kind, f.text("ref"), f.rest())


@dataclass(frozen=True)
class Verdict:
    rule: str
    title: str
    title_zh: str
    status: Status
    severity: str
    data_types: list[str]
    clauses: list[str]
    summary: str
    evidence: list[Evidence] = field(default_factory=list)
    extra: Mapping[str, Any] = field(default_factory=dict)  # rule-specific fields, flattened

    def to_json(self) -> JsonObject:
        return {
            "rule": self.rule,
            "title": self.title,
            "title_zh": self.title_zh,
            "status": self.status,
            "severity": self.severity,
            "data_types": self.data_types,
            "clauses": self.clauses,
            "summary": self.summary,
            "evidence": [e.to_json() for e in self.evidence],
            **self.extra,
        }

    @classmethod
    def read(cls, f: Fields) -> Verdict:
        rule = f.opt_text("rule")
        if not rule:
            raise f.invalid("rule", "a verdict without a rule id")
        status = f.text("status")
        if status not in STATUSES:
            raise f.invalid("status", f"{status[:40]!r} ({rule[:60]!r}) is not one of {', '.join(STATUSES)}")
        return cls(
            rule=rule,
            title=f.text("title"),
            title_zh=f.text("title_zh"),
            status=status,
            severity=f.text("severity"),
            data_types=f.texts("data_types"),
            clauses=f.texts("clauses"),
            summary=f.text("summary"),
            evidence=f.records("evidence", Evidence.read),
            extra=f.rest(),
        )
