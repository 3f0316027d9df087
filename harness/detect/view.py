"""RunView: read-only, indexed access to what a run recorded.

Everything a detector may look at comes from here: the manifest, the canary profile, hook
events, scenario steps, flows, the consent time and which scenarios ran. The run folder is read
through harness.rundir.RunDir, tolerantly (unknown fields ignored, unreadable JSONL lines skipped
and counted in `read_stats`) because analysis must work on runs that crashed half-way and on
runs written by older versions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from harness.capture.coverage import CAPTURE_STATE
from harness.detect.match.coords import DEFAULT_TOLERANCE
from harness.documents import AppRecord, Manifest, RunCoverage
from harness.profile import DeviceProfile
from harness.records import FileStats, HookEvent, Step
from harness.records import Flow as Flow  # re-exported: detectors import it from here
from harness.records import clean_text as clean_text
from harness.rundir import EVENTS, STEPS, RunDir
from harness.sdk_fingerprint import reattribute_run
from harness.steps import ConsentChoice, StepAction

Phase = Literal["before_consent", "after_consent"]
T = TypeVar("T")


@dataclass(frozen=True)
class Consent:
    ts: float
    ref: str  # the step that recorded it


def event_ref(event: HookEvent) -> str:
    return f"{EVENTS}#{event.seq}"


def step_ref(step: Step) -> str:
    return f"{STEPS}#{step.seq}"


class RunView:
    """A loaded run folder. Build it with `RunView.load(path)`."""

    def __init__(
        self,
        path: Path,
        manifest: Manifest | Mapping[str, Any],  # a mapping: a view built by hand (tests)
        profile: DeviceProfile | None,
        events: Sequence[HookEvent],
        steps: Sequence[Step],
        flows: Sequence[Flow] | None,
        first_party: Sequence[str] = (),
        coordinate_tolerance: float = DEFAULT_TOLERANCE,
        read_stats: Sequence[FileStats] = (),
    ) -> None:
        self.path = path
        self.manifest = manifest if isinstance(manifest, Manifest) else Manifest.from_json(dict(manifest))
        self.read_stats = tuple(read_stats)  # how reading each JSONL file went
        self.profile = profile
        self.events = tuple(sorted(events, key=lambda e: (e.ts, e.seq)))
        self.steps = tuple(steps)
        self.flows = None if flows is None else tuple(sorted(flows, key=lambda f: (f.ts, f.seq)))
        self.first_party = tuple(first_party)  # analysis settings, not recorded data
        self.coordinate_tolerance = coordinate_tolerance
        self.consent = _consent(self.steps)
        self._derived: dict[Callable[[RunView], Any], Any] = {}

    @classmethod
    def load(
        cls,
        path: Path,
        first_party: Sequence[str] = (),
        coordinate_tolerance: float = DEFAULT_TOLERANCE,
    ) -> RunView:
        run = RunDir(path)
        manifest = run.manifest()
        profile = run.profile()
        event_stream, step_stream, flow_stream = run.events(), run.steps(), run.flows()
        events = reattribute_run(path, list(event_stream))
        steps = list(step_stream)
        flows = list(flow_stream) if flow_stream.stats.present else None
        first = [*manifest.first_party_domains, *first_party]
        stats = (event_stream.stats, step_stream.stats, flow_stream.stats)
        return cls(path, manifest, profile, events, steps, flows, first, coordinate_tolerance, stats)

    # -- manifest ---------------------------------------------------------------------------

    @property
    def app(self) -> AppRecord:
        return self.manifest.app

    @property
    def package(self) -> str:
        return self.manifest.app.package or ""

    @property
    def coverage(self) -> RunCoverage:
        return self.manifest.coverage

    @property
    def scenarios(self) -> dict[str, str]:
        return dict(self.coverage.scenarios)

    @property
    def hooks_installed(self) -> list[str]:
        return list(self.coverage.hooks_installed)

    @property
    def flows_missing_reason(self) -> str | None:
        """Why there are no flows to look at, or None when flows.jsonl was recorded."""
        if self.flows is not None:
            return None
        if self.coverage.capture == "off":
            return "traffic capture was off for this run (no flows.jsonl)"
        return "no flows.jsonl was recorded in this run"

    @property
    def capture_lost(self) -> str | None:
        """Why the capture stopped recording before the run ended (mitmdump died), or None."""
        try:
            state = json.loads((self.path / CAPTURE_STATE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(state, dict) or not isinstance(state.get("died"), int | float):
            return None
        started = state.get("started")
        when = ""
        if isinstance(started, int | float):
            when = f" {state['died'] - started:.1f} s after it started"
        return f"the traffic capture died{when}, so later traffic was not recorded"

    @property
    def incomplete(self) -> list[str]:
        """Why parts of the run were not observed; empty for a run that recorded all it meant to."""
        reasons = [r for r in self.manifest.incomplete or [] if r]
        reasons += [
            f"scenario {name} did not run: {how}"
            for name, how in self.scenarios.items()
            if how.startswith("error")
        ]
        if self.manifest.status == "running":
            reasons.append("the run never ended: its recorder stopped before finishing manifest.json")
        lost = self.capture_lost
        if lost and not any("capture died" in r for r in reasons):
            reasons.append(lost)
        return reasons

    @property
    def events_missing_reason(self) -> str | None:
        if self.events or self.hooks_installed or (self.path / EVENTS).exists():
            return None
        return "no hook events were recorded in this run (instrumentation did not run)"

    # -- time -------------------------------------------------------------------------------

    def phase(self, ts: float) -> Phase:
        """Before consent unless consent was accepted at or before `ts` (never → always before)."""
        if self.consent is None or ts < self.consent.ts:
            return "before_consent"
        return "after_consent"

    # -- derived data shared between detectors ----------------------------------------------

    def derive(self, compute: Callable[[RunView], T]) -> T:
        """`compute(self)`, computed once per view (e.g. the matches shared by two detectors)."""
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return cast(T, self._derived[compute])


def _consent(steps: Sequence[Step]) -> Consent | None:
    for step in steps:
        if step.action == StepAction.CONSENT and step.detail.get("choice") == ConsentChoice.ACCEPT:
            return Consent(step.ts, step_ref(step))
    return None
