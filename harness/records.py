"""Typed records of a run, written as versioned JSON lines.

Every record carries `schema` (the version of its shape) and `seq` (its position in its file).
Readers accept unknown extra fields so that older tools can read newer runs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from harness.errors import InputError

SCHEMA_VERSION = 1


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


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the records of a JSONL file; a truncated last line (crash mid-write) is skipped."""
    if not path.exists():
        return
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            except RecursionError:  # hostile input: a line of thousands of nested brackets
                raise InputError(f"{path}:{number}: a record nested too deeply to read") from None
            if isinstance(record, dict):
                yield record


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that readers see either the old or the new file, never half of one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
