"""Regulator reproduction: does our run of an app confirm what a bulletin cited it for?

A catalog row's `cited` column lists MIIT bulletin labels ("违规收集个人信息", "开屏弹窗关不掉", …).
`harness/data/miit_labels.json` maps each label to the test ids of the regulatory reference and,
through `rule_for_test`, to privacy-probe's rule ids. Per citation:

- reproduced      at least one mapped rule has a `fail` verdict in the app's findings;
- not reproduced  the run completed, no mapped rule failed and at least one passed;
- not testable    no mapped rule is implemented, none got a pass/fail verdict (not tested or
                  inconclusive), or the run did not complete and nothing failed.

The catalog's reproduction rate is reproduced / (reproduced + not reproduced): citations we
could not test are counted separately, never as misses.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

Reproduction = Literal["reproduced", "not_reproduced", "not_testable"]


@dataclass(frozen=True)
class LabelEntry:
    labels: tuple[str, ...]  # synonyms, as bulletins write them
    tests: tuple[str, ...]  # test ids of the regulatory reference (§6)
    rules: tuple[str, ...]  # the privacy-probe rule ids those tests correspond to


@dataclass(frozen=True)
class CitationResult:
    label: str
    result: Reproduction
    rules: tuple[str, ...]
    failed_rules: tuple[str, ...]
    reason: str

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["rules"] = list(self.rules)
        data["failed_rules"] = list(self.failed_rules)
        return data


def normalise_label(label: str) -> str:
    """The form labels are compared in: NFKC (full-width → ASCII), no spaces, no leading "APP"."""
    text = "".join(unicodedata.normalize("NFKC", label).split()).casefold()
    return text.removeprefix("app")


class LabelTable:
    def __init__(self, entries: Sequence[LabelEntry]) -> None:
        self.entries = tuple(entries)
        self._by_label = {normalise_label(label): e for e in entries for label in e.labels}

    def lookup(self, label: str) -> LabelEntry | None:
        return self._by_label.get(normalise_label(label))

    @property
    def labels(self) -> list[str]:
        return [label for entry in self.entries for label in entry.labels]


@cache
def label_table() -> LabelTable:
    raw = json.loads(resources.files("harness.data").joinpath("miit_labels.json").read_text("utf-8"))
    rule_for_test: dict[str, str] = raw["rule_for_test"]
    entries = []
    for row in raw["labels"]:
        tests = tuple(row["tests"])
        rules = tuple(dict.fromkeys(rule_for_test.get(test, test) for test in tests))
        entries.append(LabelEntry(labels=tuple(row["labels"]), tests=tests, rules=rules))
    return LabelTable(entries)


def evaluate_citation(
    label: str, verdicts: Mapping[str, str] | None, completed: bool, why_incomplete: str = ""
) -> CitationResult:
    """`verdicts` maps rule id → status from the app's findings (None: the run was not analysed)."""
    entry = label_table().lookup(label)
    if entry is None:  # the catalog parser rejects unknown labels; this keeps old results readable
        return CitationResult(label, "not_testable", (), (), "not a known bulletin label")
    statuses = verdicts or {}
    known = tuple(rule for rule in entry.rules if rule in statuses)
    failed = tuple(rule for rule in known if statuses[rule] == "fail")
    passed = [rule for rule in known if statuses[rule] == "pass"]
    if failed:
        return CitationResult(label, "reproduced", known, failed, f"failed: {', '.join(failed)}")
    if verdicts is None or not completed:
        reason = why_incomplete or "the app's run produced no verdicts"
        return CitationResult(label, "not_testable", known, (), reason)
    if not known:
        tests = ", ".join(entry.tests)
        return CitationResult(label, "not_testable", (), (), f"no rule of this version tests it ({tests})")
    if not passed:
        detail = ", ".join(f"{rule}: {statuses[rule]}" for rule in known)
        return CitationResult(label, "not_testable", known, (), f"no mapped rule was decided ({detail})")
    return CitationResult(label, "not_reproduced", known, (), f"passed: {', '.join(passed)}")


@dataclass(frozen=True)
class ReproductionSummary:
    reproduced: int
    not_reproduced: int
    not_testable: int

    @property
    def rate(self) -> float | None:
        tested = self.reproduced + self.not_reproduced
        return self.reproduced / tested if tested else None

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "reproduction_rate": self.rate}


def summarise(results: Iterable[CitationResult]) -> ReproductionSummary:
    outcomes = [r.result for r in results]
    return ReproductionSummary(
        reproduced=outcomes.count("reproduced"),
        not_reproduced=outcomes.count("not_reproduced"),
        not_testable=outcomes.count("not_testable"),
    )
