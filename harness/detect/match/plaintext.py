"""Flows seen only by hooks: the plaintext an app wrote into TLS connections, as HTTP requests.

The agent records every write into (and read from) a TLS connection before encryption
(`kind: "plaintext"` events, hooks/src/plaintext.ts). The chunks written on one connection are
joined and read as HTTP/1.x requests; each becomes a `HookFlow` (`source: "hook"`) unless the
proxy recorded the same request (same host, method, path and body), so that a request the proxy
could not decrypt (a pinned certificate, a client that ignores the system proxy) is still
searched. Plaintext that is not HTTP/1.x (HTTP/2, a custom protocol) becomes one flow per
connection holding the raw bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from harness.detect.view import Flow
from harness.records import HookEvent
from harness.rundir import EVENTS

PLAINTEXT_KIND = "plaintext"
MAX_CONNECTION_BYTES = 4 * 1024 * 1024
MAX_HEADER_BYTES = 64 * 1024
_METHODS = (b"GET", b"POST", b"PUT", b"PATCH", b"DELETE", b"HEAD", b"OPTIONS")


@dataclass(frozen=True)
class HookFlow(Flow):
    """A request read from hooked TLS plaintext; `ref` points at its first event."""

    event_seq: int = 0
    source: str = "hook"

    @property
    def ref(self) -> str:
        return f"{EVENTS}#{self.event_seq}"


@dataclass
class _Connection:
    first_seq: int
    ts: float
    peer_host: str
    peer_port: int
    data: bytearray


def _connections(events: Sequence[HookEvent]) -> list[_Connection]:
    """The bytes the app sent on each TLS connection, in order."""
    found: dict[str, _Connection] = {}
    for event in events:
        if event.kind != PLAINTEXT_KIND or not event.value:
            continue
        try:
            value = json.loads(event.value)
            if value.get("direction") != "sent":
                continue
            chunk = base64.b64decode(str(value.get("data") or ""), validate=True)
            key = str(value.get("connection"))
            host = str(value.get("peer_host") or "")
            port = int(value.get("peer_port") or 443)
        except (ValueError, TypeError, AttributeError, binascii.Error):
            continue
        connection = found.setdefault(key, _Connection(event.seq, event.ts, host, port, bytearray()))
        room = MAX_CONNECTION_BYTES - len(connection.data)
        connection.data += chunk[: max(room, 0)]
    return list(found.values())


@dataclass(frozen=True)
class _Request:
    method: str
    target: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


def _requests(data: bytes) -> list[_Request] | None:
    """The HTTP/1.x requests in a connection's bytes, or None when they are not HTTP/1.x."""
    found: list[_Request] = []
    position = 0
    while position < len(data):
        end = data.find(b"\r\n\r\n", position, position + MAX_HEADER_BYTES)
        if end == -1 or not data.startswith(_METHODS, position):
            return found or None
        lines = data[position:end].decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            return found or None
        headers = tuple(
            (name.strip(), value.strip()) for name, _, value in (line.partition(":") for line in lines[1:])
        )
        body, position = _body(data, end + 4, headers)
        found.append(_Request(parts[0], parts[1], headers, body))
    return found


def _body(data: bytes, start: int, headers: tuple[tuple[str, str], ...]) -> tuple[bytes, int]:
    fields = {name.lower(): value for name, value in headers}
    if fields.get("transfer-encoding", "").lower() == "chunked":
        return _dechunk(data, start)
    try:
        length = int(fields.get("content-length", "0"))
    except ValueError:
        length = len(data) - start
    return data[start : start + max(length, 0)], start + max(length, 0)


def _dechunk(data: bytes, position: int) -> tuple[bytes, int]:
    body = bytearray()
    while True:
        line_end = data.find(b"\r\n", position)
        if line_end == -1:
            return bytes(body), len(data)
        try:
            size = int(data[position:line_end].split(b";")[0], 16)
        except ValueError:
            return bytes(body), len(data)
        position = line_end + 2
        if size == 0:
            return bytes(body), len(data)  # trailers, if any, end the connection's requests
        body += data[position : position + size]
        position += size + 2


def hook_flows(events: Sequence[HookEvent], proxied: Sequence[Flow]) -> list[HookFlow]:
    """Requests seen in hooked TLS plaintext that the proxy did not record."""
    recorded = {_identity(f.host, f.method, urlsplit(f.url).path, f.request_body or b"") for f in proxied}
    flows: list[HookFlow] = []
    for connection in _connections(events):
        requests = _requests(bytes(connection.data))
        if requests is None:
            flows.append(_opaque(connection))
            continue
        for request in requests:
            host = next((v for n, v in request.headers if n.lower() == "host"), connection.peer_host)
            host = host.rsplit(":", 1)[0].lower() if host.count(":") == 1 else host.lower()
            target = request.target
            url = target if target.startswith(("http://", "https://")) else f"https://{host}{target}"
            if _identity(host, request.method, urlsplit(url).path, request.body) in recorded:
                continue
            flows.append(
                HookFlow(
                    seq=connection.first_seq,
                    ts=connection.ts,
                    status="ok",
                    method=request.method,
                    host=host,
                    url=url,
                    request_headers=request.headers,
                    request_body=request.body or None,
                    content_encoding=None,
                    body_truncated=len(connection.data) >= MAX_CONNECTION_BYTES,
                    decode_error=None,
                    error=None,
                    event_seq=connection.first_seq,
                )
            )
    return flows


def _opaque(connection: _Connection) -> HookFlow:
    host = connection.peer_host.lower()
    return HookFlow(
        seq=connection.first_seq,
        ts=connection.ts,
        status="ok",
        method="",
        host=host,
        url=f"tls://{host}:{connection.peer_port}",
        request_headers=(),
        request_body=bytes(connection.data),
        content_encoding=None,
        body_truncated=len(connection.data) >= MAX_CONNECTION_BYTES,
        decode_error=None,
        error=None,
        event_seq=connection.first_seq,
    )


def _identity(host: str, method: str, path: str, body: bytes) -> tuple[str, str, str, bytes]:
    return host.lower(), method.upper(), path or "/", body
