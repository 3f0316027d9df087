"""RunView: read-only, indexed access to what a run recorded.

Everything a detector may look at comes from here: the manifest, the canary profile, hook
events, scenario steps, flows, the consent time and which scenarios ran. Records are parsed
tolerantly (unknown fields ignored, truncated JSONL lines skipped) because analysis must
work on runs that crashed half-way and on runs written by older versions.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from harness.capture.coverage import CAPTURE_STATE
from harness.detect.match.coords import DEFAULT_TOLERANCE
from harness.errors import InputError
from harness.profile import DeviceProfile
from harness.records import HookEvent, Step, read_jsonl
from harness.rundir import EVENTS, FLOWS, MANIFEST, PROFILE, STEPS
from harness.sdk_fingerprint import reattribute_run

Phase = Literal["before_consent", "after_consent"]
T = TypeVar("T")
MAX_ARGS = 16
MAX_ARG_CHARS = 1024


@dataclass(frozen=True)
class Flow:
    """The request side of one recorded HTTP(S) flow (the part that leaves the device)."""

    seq: int
    ts: float
    status: str  # "ok" | "error" | "tls_failed"
    method: str
    host: str
    url: str
    request_headers: tuple[tuple[str, str], ...]
    request_body: bytes | None  # content-decoded by the capture side
    content_encoding: str | None  # what the capture side decoded (e.g. "gzip")
    body_truncated: bool
    decode_error: str | None
    error: str | None

    @property
    def ref(self) -> str:
        return f"{FLOWS}#{self.seq}"

    @property
    def undecrypted(self) -> bool:
        return self.status == "tls_failed"


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
        manifest: dict[str, Any],
        profile: DeviceProfile | None,
        events: Sequence[HookEvent],
        steps: Sequence[Step],
        flows: Sequence[Flow] | None,
        first_party: Sequence[str] = (),
        coordinate_tolerance: float = DEFAULT_TOLERANCE,
    ) -> None:
        self.path = path
        self.manifest = manifest
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
        manifest = _read_json_object(path / MANIFEST, f"{path} is not a run folder (no {MANIFEST})")
        profile_path = path / PROFILE
        profile = None
        if profile_path.exists():
            raw = _read_json_object(profile_path, f"{profile_path}: missing")
            try:
                profile = DeviceProfile.from_json(raw)
            except (TypeError, ValueError) as exc:
                raise InputError(f"{profile_path}: not a device profile ({exc})") from None
        events = [e for i, r in enumerate(read_jsonl(path / EVENTS)) if (e := _event(r, i))]
        events = reattribute_run(path, events)
        steps = [s for i, r in enumerate(read_jsonl(path / STEPS)) if (s := _step(r, i))]
        flows = None
        if (path / FLOWS).exists():
            flows = [f for i, r in enumerate(read_jsonl(path / FLOWS)) if (f := _flow(r, i))]
        listed = manifest.get("first_party_domains") or []
        first = [*listed, *first_party]
        return cls(path, manifest, profile, events, steps, flows, first, coordinate_tolerance)

    # -- manifest ---------------------------------------------------------------------------

    @property
    def app(self) -> dict[str, Any]:
        app = self.manifest.get("app")
        return app if isinstance(app, dict) else {}

    @property
    def package(self) -> str:
        return str(self.app.get("package") or "")

    @property
    def coverage(self) -> dict[str, Any]:
        coverage = self.manifest.get("coverage")
        return coverage if isinstance(coverage, dict) else {}

    @property
    def scenarios(self) -> dict[str, str]:
        scenarios = self.coverage.get("scenarios")
        return {str(k): str(v) for k, v in scenarios.items()} if isinstance(scenarios, dict) else {}

    @property
    def hooks_installed(self) -> list[Any]:
        return list(self.coverage.get("hooks_installed") or [])

    @property
    def flows_missing_reason(self) -> str | None:
        """Why there are no flows to look at, or None when flows.jsonl was recorded."""
        if self.flows is not None:
            return None
        if self.coverage.get("capture") == "off":
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
        reasons = [str(r) for r in self.manifest.get("incomplete") or [] if r]
        reasons += [
            f"scenario {name} did not run: {how}"
            for name, how in self.scenarios.items()
            if how.startswith("error")
        ]
        if self.manifest.get("status") == "running":
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


def _read_json_object(path: Path, missing: str) -> dict[str, Any]:
    if not path.is_file():
        raise InputError(missing)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object")
    return data


def _consent(steps: Sequence[Step]) -> Consent | None:
    for step in steps:
        if step.action == "consent" and step.detail.get("choice") == "accept":
            return Consent(step.ts, step_ref(step))
    return None


def _seq(record: dict[str, Any], index: int) -> int:
    seq = record.get("seq")
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else index


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def clean_text(text: str) -> str:
    """`text` with lone surrogates (JSON "\\udcff" escapes) replaced, so that it encodes."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _text(value: Any) -> str | None:
    return clean_text(value) if isinstance(value, str) else None


def _event(record: dict[str, Any], index: int) -> HookEvent | None:
    ts = _number(record.get("ts"))
    api = _text(record.get("api"))
    if ts is None or api is None:
        return None
    value = record.get("value")
    stack = record.get("stack")
    args = record.get("args")
    return HookEvent(
        ts=ts,
        api=api,
        kind=_text(record.get("kind")) or "data",
        data_type=_text(record.get("data_type")),
        value=None if value is None else clean_text(str(value)),
        sdk=_text(record.get("sdk")),
        stack=[clean_text(str(frame)) for frame in stack] if isinstance(stack, list) else [],
        # the agent bounds each argument's text; a hostile record is bounded here too
        args=[clean_text(str(a))[:MAX_ARG_CHARS] for a in args[:MAX_ARGS]] if isinstance(args, list) else [],
        outcome=_text(record.get("outcome")) or "returned",
        error=_text(record.get("error")),
        seq=_seq(record, index),
    )


def _step(record: dict[str, Any], index: int) -> Step | None:
    ts = _number(record.get("ts"))
    if ts is None:
        return None
    detail = record.get("detail")
    return Step(
        ts=ts,
        scenario=str(record.get("scenario") or ""),
        action=str(record.get("action") or ""),
        detail=detail if isinstance(detail, dict) else {},
        seq=_seq(record, index),
    )


def _headers(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list):
        return ()
    pairs = (item for item in value if isinstance(item, list | tuple) and len(item) == 2)
    return tuple((clean_text(str(name)), clean_text(str(val))) for name, val in pairs)


def _body(record: dict[str, Any]) -> bytes | None:
    body = record.get("request_body")
    if not isinstance(body, str):
        return None
    if record.get("request_body_encoding") == "base64":
        try:
            return base64.b64decode(body, validate=True)
        except binascii.Error:
            return body.encode("utf-8")
    return body.encode("utf-8", errors="surrogatepass")


def _flow(record: dict[str, Any], index: int) -> Flow | None:
    ts = _number(record.get("ts"))
    if ts is None:
        return None
    return Flow(
        seq=_seq(record, index),
        ts=ts,
        status=str(record.get("status") or "ok"),
        method=str(record.get("method") or ""),
        host=clean_text(str(record.get("host") or "")).lower().rstrip("."),
        url=clean_text(str(record.get("url") or "")),
        request_headers=_headers(record.get("request_headers")),
        request_body=_body(record),
        content_encoding=_text(record.get("request_content_encoding")),
        body_truncated=bool(record.get("request_body_truncated")),
        decode_error=_text(record.get("request_decode_error")),
        error=_text(record.get("error")),
    )
