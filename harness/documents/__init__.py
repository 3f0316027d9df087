"""The run's central documents, typed: manifest.json and findings.json.

Each document is a dataclass with a `schema` version, `from_json` (loads today's and older
run folders; unknown keys are kept, missing optional ones defaulted; InputError, one line, on
a document that is not one) and `to_json` (the JSON the harness writes). RunDir
(harness.rundir) reads them from a run folder. A batch's documents follow the same pattern:
batch.AppResult / AttemptRecord (`_batch/results/<app-id>.json`) and batch_index.BatchIndex
(`batch.json`), imported from their modules.
"""

from harness.documents.findings import (
    FINDINGS_SCHEMA,
    RESULTS,
    AmbiguousConsent,
    Consent,
    Coverage,
    DetectorError,
    Findings,
    FlowNote,
    Result,
    Settings,
)
from harness.documents.manifest import (
    MANIFEST_SCHEMA,
    RUN_STATUSES,
    AppRecord,
    DeviceRecord,
    Manifest,
    RunCoverage,
    RunStatus,
    Stage,
)
from harness.documents.transmission import Collection, Transmission
from harness.documents.verdict import EVIDENCE_KINDS, STATUSES, Evidence, EvidenceKind, Status, Verdict

__all__ = [
    "EVIDENCE_KINDS",
    "FINDINGS_SCHEMA",
    "MANIFEST_SCHEMA",
    "RESULTS",
    "RUN_STATUSES",
    "STATUSES",
    "AmbiguousConsent",
    "AppRecord",
    "Collection",
    "Consent",
    "Coverage",
    "DetectorError",
    "DeviceRecord",
    "Evidence",
    "EvidenceKind",
    "Findings",
    "FlowNote",
    "Manifest",
    "Result",
    "RunCoverage",
    "RunStatus",
    "Settings",
    "Stage",
    "Status",
    "Transmission",
    "Verdict",
]
