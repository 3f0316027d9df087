"""findings.json: what analysis derived from a run folder (harness.analysis.findings writes it).

The contract is DESIGN.md's "Findings contract"; harness/analysis/findings.py's docstring lists
every field. `declared_vs_observed` stays the mapping harness.detect.declared_observed builds:
source, scenarios, permissions_declared_never_requested [{name, protection_level}],
permissions_requested_not_declared [name], sdks_active [{prefix, name, events}],
sdks_shipped_never_active, sdks_active_not_declared, sdk_list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from harness.documents.fields import Fields, JsonObject
from harness.documents.manifest import AppRecord, DeviceRecord
from harness.documents.transmission import Transmission
from harness.documents.verdict import Verdict

FINDINGS_SCHEMA = 1
Result = Literal["fail", "pass", "errored"]
RESULTS: tuple[Result, ...] = ("fail", "pass", "errored")


@dataclass(frozen=True)
class Consent:
    """When consent was accepted: the step that recorded it."""

    ts: float
    ref: str  # "steps.jsonl#19"

    def to_json(self) -> JsonObject:
        return {"ts": self.ts, "ref": self.ref}

    @classmethod
    def read(cls, f: Fields) -> Consent:
        return cls(f.number("ts"), f.text("ref"))


@dataclass(frozen=True)
class Settings:
    """The analysis settings the findings were derived with."""

    first_party: list[str] = field(default_factory=list)  # the app's own domains
    coordinate_tolerance: float = 0.0  # degrees a number may be from the canary fix

    def to_json(self) -> JsonObject:
        return {"first_party": self.first_party, "coordinate_tolerance": self.coordinate_tolerance}

    @classmethod
    def read(cls, f: Fields) -> Settings:
        return cls(f.texts("first_party"), f.number("coordinate_tolerance"))


@dataclass(frozen=True)
class DetectorError:
    """A detector that crashed: its rule got `inconclusive` and the result is "errored"."""

    rule: str
    error: str
    traceback: str

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule, "error": self.error, "traceback": self.traceback}

    @classmethod
    def read(cls, f: Fields) -> DetectorError:
        return cls(f.text("rule"), f.text("error"), f.text("traceback"))


@dataclass(frozen=True)
class FlowNote:
    """A flow named in coverage: read only from hooked TLS plaintext (with its url), or opaque."""

    ref: str
    host: str
    url: str | None = None

    def to_json(self) -> JsonObject:
        out: JsonObject = {"ref": self.ref, "host": self.host}
        return out if self.url is None else {**out, "url": self.url}

    @classmethod
    def read(cls, f: Fields) -> FlowNote:
        return cls(f.text("ref"), f.text("host"), f.opt_text("url"))


@dataclass(frozen=True)
class AmbiguousConsent:
    """A privacy dialog left unanswered because its controls were ambiguous."""

    scenario: str
    ui: str | None  # the UI dump it was recognised in
    reason: str

    def to_json(self) -> JsonObject:
        return {"scenario": self.scenario, "ui": self.ui, "reason": self.reason}

    @classmethod
    def read(cls, f: Fields) -> AmbiguousConsent:
        return cls(f.text("scenario"), f.opt_text("ui"), f.text("reason"))


@dataclass(frozen=True)
class Coverage:
    """What analysis could see: hooks, flows (and which it could not read), scenarios."""

    hooks_installed: list[str] = field(default_factory=list)
    hooks_failed: list[JsonObject] = field(default_factory=list)
    flows_total: int = 0
    flows_undecrypted: int = 0
    flows_decode_capped: int = 0
    flows_body_truncated: int = 0
    flows_hook_only: list[FlowNote] = field(default_factory=list)
    flows_opaque: list[FlowNote] = field(default_factory=list)
    capture: str = "on"  # "on" | "off"
    scenarios: dict[str, str] = field(default_factory=dict)
    consent_ambiguous: list[AmbiguousConsent] = field(default_factory=list)
    detector_errors: list[DetectorError] = field(default_factory=list)
    records_unreadable: dict[str, int] | None = None  # lines of a JSONL file no record could be read from
    extra: JsonObject = field(default_factory=dict)

    def to_json(self) -> JsonObject:
        return {
            "hooks_installed": self.hooks_installed,
            "hooks_failed": self.hooks_failed,
            "flows_total": self.flows_total,
            "flows_undecrypted": self.flows_undecrypted,
            "flows_decode_capped": self.flows_decode_capped,
            "flows_body_truncated": self.flows_body_truncated,
            "flows_hook_only": [f.to_json() for f in self.flows_hook_only],
            "flows_opaque": [f.to_json() for f in self.flows_opaque],
            "capture": self.capture,
            "scenarios": self.scenarios,
            "consent_ambiguous": [c.to_json() for c in self.consent_ambiguous],
            "detector_errors": [e.to_json() for e in self.detector_errors],
            **({} if self.records_unreadable is None else {"records_unreadable": self.records_unreadable}),
            **self.extra,
        }

    @classmethod
    def read(cls, f: Fields) -> Coverage:
        return cls(
            hooks_installed=f.texts("hooks_installed"),
            hooks_failed=f.objects("hooks_failed"),
            flows_total=f.integer("flows_total"),
            flows_undecrypted=f.integer("flows_undecrypted"),
            flows_decode_capped=f.integer("flows_decode_capped"),
            flows_body_truncated=f.integer("flows_body_truncated"),
            flows_hook_only=f.records("flows_hook_only", FlowNote.read),
            flows_opaque=f.records("flows_opaque", FlowNote.read),
            capture=f.text("capture", "on"),
            scenarios=f.text_map("scenarios"),
            consent_ambiguous=f.records("consent_ambiguous", AmbiguousConsent.read),
            detector_errors=f.records("detector_errors", DetectorError.read),
            records_unreadable=f.count_map("records_unreadable") if f.has("records_unreadable") else None,
            extra=f.rest(),
        )


@dataclass(frozen=True)
class Findings:
    result: Result
    verdicts: list[Verdict]  # one per rule of harness/data/rules.json, in its order
    app: AppRecord = field(default_factory=AppRecord)  # copied from the manifest
    device: DeviceRecord = field(default_factory=DeviceRecord)
    consent: Consent | None = None  # accepted consent; None: never given
    settings: Settings = field(default_factory=Settings)
    incomplete: list[str] = field(default_factory=list)  # non-empty: exit code 2
    transmissions: list[Transmission] = field(default_factory=list)
    declared_vs_observed: JsonObject = field(default_factory=dict)  # keys: see the module docstring
    coverage: Coverage = field(default_factory=Coverage)
    # what a report shows that analysis derived (harness.analysis.report_inputs: its own version
    # and shape); None in findings written before it existed
    report_inputs: JsonObject | None = None
    extra: JsonObject = field(default_factory=dict)
    schema: int = FINDINGS_SCHEMA

    def verdict(self, rule: str) -> Verdict | None:
        return next((v for v in self.verdicts if v.rule == rule), None)

    def to_json(self) -> JsonObject:
        return {
            "schema": self.schema,
            "app": self.app.to_json(),
            "device": self.device.to_json(),
            "result": self.result,
            "consent": None if self.consent is None else self.consent.to_json(),
            "settings": self.settings.to_json(),
            "verdicts": [v.to_json() for v in self.verdicts],
            "incomplete": self.incomplete,
            "transmissions": [t.to_json() for t in self.transmissions],
            "declared_vs_observed": self.declared_vs_observed,
            "coverage": self.coverage.to_json(),
            **({} if self.report_inputs is None else {"report_inputs": self.report_inputs}),
            **self.extra,
        }

    @classmethod
    def from_json(cls, data: object, document: str = "findings.json") -> Findings:
        """The findings in `data`; InputError (one line) when it is not a findings document."""
        f = Fields(data, document)
        if not isinstance(f.raw("verdicts"), list):
            raise f.invalid("verdicts", "missing or not a list (not a findings document)")
        verdicts = f.records("verdicts", Verdict.read)
        result = f.opt_text("result") or _result(verdicts)
        if result not in RESULTS:
            raise f.invalid("result", f"{result[:40]!r} is not one of {', '.join(RESULTS)}")
        return cls(
            schema=f.integer("schema", FINDINGS_SCHEMA),
            app=f.record("app", AppRecord.read),
            device=f.record("device", DeviceRecord.read),
            result=result,
            consent=f.opt_record("consent", Consent.read),
            settings=f.record("settings", Settings.read),
            verdicts=verdicts,
            incomplete=f.texts("incomplete"),
            transmissions=f.records("transmissions", Transmission.read),
            declared_vs_observed=f.object("declared_vs_observed"),
            coverage=f.record("coverage", Coverage.read),
            report_inputs=f.opt_object("report_inputs"),
            extra=f.rest(),
        )


def _result(verdicts: list[Verdict]) -> Result:
    """The result of findings written before `result` existed."""
    return "fail" if any(v.status == "fail" for v in verdicts) else "pass"
