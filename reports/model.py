"""The view-model: everything a template shows, already safe, formatted and laid out.

Templates only loop and print. Every string here that came from a run went through
`reports.text` (valid Unicode, no control characters, bounded); jinja2 escapes it on output.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.clauses import ClauseCell
from reports.declared import DeclaredSection
from reports.text import Clip
from reports.timeline_model import Timeline

STATUS_LABELS = {
    "fail": "FAIL",
    "pass": "PASS",
    "inconclusive": "INCONCLUSIVE",
    "not_tested": "NOT TESTED",
    "not_applicable": "NOT APPLICABLE",
    "missing": "NO VERDICT",
}


SHORT_STATUS_LABELS = {
    "inconclusive": "INCONCL.",
    "not_tested": "N/T",
    "not_applicable": "N/A",
    "missing": "NONE",
}


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.upper())


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # relative to the page; always built by the renderer, never taken from a run


@dataclass(frozen=True)
class Problem:
    level: str  # "error" | "warning"
    text: str


@dataclass(frozen=True)
class Header:
    label: str
    package: str
    version: str
    category: str
    device: str
    tool_version: str
    analysed_with: str
    date: str
    duration: str
    run_status: str


@dataclass(frozen=True)
class VerdictRow:
    rule: str
    title: str
    title_zh: str
    status: str
    severity: str
    data_types: tuple[str, ...]
    clauses: tuple[ClauseCell, ...]
    summary: str
    evidence_count: int
    evidence_anchor: str | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True)
class StatusCount:
    status: str
    count: int

    @property
    def status_label(self) -> str:
        return status_label(self.status)


# -- evidence ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    mark: bool


@dataclass(frozen=True)
class Excerpt:
    label: str
    segments: tuple[Segment, ...]
    note: str


@dataclass(frozen=True)
class Frame:
    text: str
    sdk: bool


@dataclass(frozen=True)
class Field:
    name: str
    value: Clip


@dataclass(frozen=True)
class Image:
    src: str  # a data: URI of a PNG the renderer re-encoded itself
    alt: str
    caption: str
    width: int
    height: int


@dataclass(frozen=True)
class EvidenceItem:
    kind: str
    ref: str
    headline: str
    when: str
    phase: str
    sdk: str
    chain: tuple[str, ...]
    blocks: tuple[Field, ...]  # multi-line values: what a call returned, who read a value
    facts: tuple[Field, ...]  # short values shown inline
    excerpts: tuple[Excerpt, ...]
    stack: tuple[Frame, ...]
    stack_hidden: int
    image: Image | None
    missing: str  # why the referenced record could not be shown ("" when it could)


@dataclass(frozen=True)
class EvidenceGroup:
    anchor: str
    rule: str
    title: str
    status: str
    items: tuple[EvidenceItem, ...]
    not_shown: int

    @property
    def status_label(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True)
class Screenshot:
    image: Image | None
    caption: str
    ref: str
    unavailable: str  # why there is no image ("" when there is one)


# -- data flow -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Destination:
    domain: str
    party: str  # "first" | "third" | "unknown"
    owner: str
    flows: int


@dataclass(frozen=True)
class DataFlowRow:
    sdk: str
    sdk_name: str
    data_type: str
    reads: int
    reads_before_consent: int
    first_read: str
    destinations: tuple[Destination, ...]


# -- coverage ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    name: str
    value: str


@dataclass(frozen=True)
class Coverage:
    hooks_installed: tuple[str, ...]
    hooks_failed: tuple[Pair, ...]
    agent_errors: tuple[str, ...]
    app_processes: tuple[Pair, ...]
    flows_total: int
    flows_undecrypted: tuple[Pair, ...]
    capture_errors: tuple[str, ...]
    scenarios: tuple[Pair, ...]
    stages_failed: tuple[Pair, ...]
    detector_errors: tuple[Pair, ...]
    files: tuple[Pair, ...]
    native_tls: tuple[Pair, ...] = ()  # static-BoringSSL libraries: "hooked: …" / "not located: …"


# -- pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunReport:
    page_title: str
    header: Header
    health: str  # "complete" | "incomplete" | "failed"
    problems: tuple[Problem, ...]
    status_counts: tuple[StatusCount, ...]
    verdicts: tuple[VerdictRow, ...]
    timeline: Timeline
    evidence: tuple[EvidenceGroup, ...]
    screenshots: tuple[Screenshot, ...]
    screenshots_not_shown: int
    dataflow: tuple[DataFlowRow, ...]
    coverage: Coverage
    raw_files: tuple[Link, ...]
    generated: str
    declared: DeclaredSection | None = None  # declared vs observed (reports.declared)


@dataclass(frozen=True)
class MatrixCell:
    status: str
    title: str

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def short_label(self) -> str:
        return SHORT_STATUS_LABELS.get(self.status, status_label(self.status))


@dataclass(frozen=True)
class CatalogRow:
    label: str
    package: str
    category: str
    health: str
    problems: int
    fails: int
    report: Link | None
    error: str
    triage: str  # a batch's triage of a failed app ("" when none)
    citations: tuple[Pair, ...]  # regulator citations of a batch app and whether they reproduced
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class RuleColumn:
    rule: str
    title: str
    counts: tuple[StatusCount, ...]


@dataclass(frozen=True)
class SdkRow:
    sdk: str
    name: str
    apps: int
    app_names: str
    data_types: tuple[Pair, ...]
    before_consent_apps: int
    third_party_domains: tuple[str, ...]


@dataclass(frozen=True)
class CatalogReport:
    page_title: str
    out_name: str
    generated: str
    runs: tuple[CatalogRow, ...]
    count_columns: tuple[str, ...]
    rules: tuple[RuleColumn, ...]
    sdks: tuple[SdkRow, ...]
    problems: tuple[Problem, ...]
    exports: tuple[Link, ...]
    batch: tuple[Pair, ...]  # the batch's totals, triage and citation summary (empty: not a batch)
