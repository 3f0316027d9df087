"""Typed records of a run, written as versioned JSON lines, and read back from them.

Every record carries `schema` (the version of its shape) and `seq` (its position in its file).
Readers accept unknown extra fields so that older tools can read newer runs. `event_from_json`,
`step_from_json` and `flow_from_json` read one decoded line tolerantly (analysis must work on
runs that crashed half-way and on runs written by older versions): None when the line lacks
what the record cannot do without, text cleaned of lone surrogates, hostile sizes bounded.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from harness.errors import InputError

SCHEMA_VERSION = 1
MAX_ARGS = 16
MAX_ARG_CHARS = 1024
FLOWS_FILE = "flows.jsonl"  # harness.rundir.FLOWS (rundir imports this module)


@dataclass
class HookEvent:
    """One call of a hooked Android API, as reported by the Frida agent."""

    ts: float
    api: str  # public API name, e.g. "android.telephony.TelephonyManager.getDeviceId"
    kind: str  # "data" | "permission_request" | "permission_check" | "ui" | "navigation"
    data_type: str | None  # one of DATA_TYPES, or None for non-PI events
    value: str | None  # what the call returned, as text
    sdk: str | None  # SDK package prefix the call came from; None = the app itself or unknown
    stack: list[str]  # "class.method" frames, innermost first
    thread: str = ""
    args: list[str] = field(default_factory=list)
    outcome: str = "returned"  # "returned" | "security_exception" | "threw"
    error: str | None = None
    impl: str = ""  # the concrete class that was hooked
    overload: str = ""  # "(java.lang.String,int)"
    process: str = ""  # the app process it ran in: "com.app" (main) or "com.app:push" (android:process)
    # the stack that posted the work this call ran in (Thread.start, Executor, Handler), innermost first
    posted_from: list[str] = field(default_factory=list)
    schema: int = SCHEMA_VERSION
    seq: int = 0


@dataclass
class Step:
    """A scenario step or a harness action (launch, tap, consent given, app killed...)."""

    ts: float
    scenario: str
    action: str
    detail: dict[str, Any] = field(default_factory=dict)
    schema: int = SCHEMA_VERSION
    seq: int = 0


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
        return f"{FLOWS_FILE}#{self.seq}"

    @property
    def undecrypted(self) -> bool:
        return self.status == "tls_failed"


DATA_TYPES = (
    "location",
    "contacts",
    "call_log",
    "sms",
    "device_id",
    "phone_number",
    "mac_address",
    "wifi",
    "app_list",
    "clipboard",
    "sensor",
    # Hook catalogue of issue 11 (hooks/src: phone, network, files, media, identifiers).
    "advertising_id",
    "carrier",
    "cell_info",
    "ip_address",
    "bluetooth",
    "sms_send",
    "calendar",
    "photos",
    "browser_history",
    "accounts",
    "camera",
    "microphone",
)


def to_json_line(record: Any) -> str:
    payload = asdict(record) if hasattr(record, "__dataclass_fields__") else record
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


class JsonlWriter:
    """Append-only JSONL file, one flush per record, numbering records as it goes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seq = sum(1 for _ in read_jsonl(path)) if path.exists() else 0
        self._file: IO[str] = path.open("a", encoding="utf-8")

    def write(self, record: Any) -> int:
        if hasattr(record, "seq"):
            record.seq = self._seq
        elif isinstance(record, dict):
            record.setdefault("seq", self._seq)
        self._file.write(to_json_line(record))
        self._file.flush()
        self._seq += 1
        return self._seq - 1

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class FileStats:
    """How reading one JSONL file of a run went."""

    name: str
    present: bool = False
    records: int = 0  # lines read into records
    unreadable: int = 0  # lines that are not a JSON object, or lack what the record needs


def read_jsonl(path: Path, stats: FileStats | None = None) -> Iterator[dict[str, Any]]:
    """Yield the records of a JSONL file; a line that is not a JSON object (a truncated last line
    after a crash mid-write) is skipped, and counted in `stats.unreadable`."""
    if not path.exists():
        return
    if stats is not None:
        stats.present = True
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                record = None
            except RecursionError:  # hostile input: a line of thousands of nested brackets
                raise InputError(f"{path}:{number}: a record nested too deeply to read") from None
            if isinstance(record, dict):
                yield record
            elif stats is not None:
                stats.unreadable += 1


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that readers see either the old or the new file, never half of one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


# -- reading one decoded line back -------------------------------------------------------------


def clean_text(text: str) -> str:
    """`text` with lone surrogates (JSON "\\udcff" escapes) replaced, so that it encodes."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _seq(record: dict[str, Any], index: int) -> int:
    seq = record.get("seq")
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else index


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _text(value: Any) -> str | None:
    return clean_text(value) if isinstance(value, str) else None


def _frames(value: Any) -> list[str]:
    return [clean_text(str(frame)) for frame in value] if isinstance(value, list) else []


def event_from_json(record: dict[str, Any], index: int) -> HookEvent | None:
    """The hook event of one events.jsonl line (`index`: its position, the seq it lacks)."""
    ts = _number(record.get("ts"))
    api = _text(record.get("api"))
    if ts is None or api is None:
        return None
    value = record.get("value")
    args = record.get("args")
    return HookEvent(
        ts=ts,
        api=api,
        kind=_text(record.get("kind")) or "data",
        data_type=_text(record.get("data_type")),
        value=None if value is None else clean_text(str(value)),
        sdk=_text(record.get("sdk")),
        stack=_frames(record.get("stack")),
        thread=_text(record.get("thread")) or "",
        # the agent bounds each argument's text; a hostile record is bounded here too
        args=[clean_text(str(a))[:MAX_ARG_CHARS] for a in args[:MAX_ARGS]] if isinstance(args, list) else [],
        outcome=_text(record.get("outcome")) or "returned",
        error=_text(record.get("error")),
        impl=_text(record.get("impl")) or "",
        overload=_text(record.get("overload")) or "",
        process=_text(record.get("process")) or "",
        posted_from=_frames(record.get("posted_from")),
        seq=_seq(record, index),
    )


def step_from_json(record: dict[str, Any], index: int) -> Step | None:
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


def flow_from_json(record: dict[str, Any], index: int) -> Flow | None:
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
