"""mitmdump addon of privacy-probe: one JSON line per flow in flows.jsonl.

Loaded by `mitmdump -s addon.py`, i.e. by mitmproxy's own interpreter, which may be another
Python and another venv than the harness: this file imports only mitmproxy, the stdlib and
the decompressors mitmproxy itself depends on (brotli, zstandard). It never imports `harness`.

Options (`--set name=value`):
  probe_flows     path of flows.jsonl (records are appended, one flush each)
  probe_offline   answer every request here with a small fixed response; together with
                  `connection_strategy=lazy` nothing leaves the machine
  probe_body_cap  decoded bodies are cut at this many bytes (decompression-bomb guard)

Record fields are the capture/detection contract in DESIGN.md and harness/capture/__init__.py.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import logging
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from mitmproxy import connection, ctx, http, tls
from mitmproxy.addonmanager import Loader
from mitmproxy.proxy import server_hooks

SCHEMA = 1
DEFAULT_BODY_CAP = 16 * 1024 * 1024
OFFLINE_BODY = b'{"ok":true}'
ZLIB_CHUNK = 64 * 1024
BROTLI_INPUT_CHUNK = 1024

RECORDED = "privacy_probe_recorded"

log = logging.getLogger(__name__)


class DecodeError(Exception):
    pass


@dataclass
class DecodedBody:
    data: bytes
    truncated: bool
    error: str | None


def human_size(size: int) -> str:
    if size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MiB"
    if size % 1024 == 0:
        return f"{size // 1024} KiB"
    return f"{size} bytes"


def _inflate(raw: bytes, cap: int, wbits: int) -> tuple[bytes, bool]:
    """zlib/gzip/raw-deflate with at most cap+1 bytes of output ever held in memory.

    Concatenated gzip members are decoded one after another, as `gzip.decompress` does.
    """
    out = bytearray()
    pending = raw
    while pending:
        inflater = zlib.decompressobj(wbits)
        out += inflater.decompress(pending, cap + 1 - len(out))
        if len(out) > cap or inflater.unconsumed_tail:
            return bytes(out[:cap]), True
        out += inflater.flush()
        if len(out) > cap:
            return bytes(out[:cap]), True
        if not inflater.eof:
            raise DecodeError("compressed data ends early")
        pending = inflater.unused_data
    return bytes(out), False


def _gzip(raw: bytes, cap: int) -> tuple[bytes, bool]:
    return _inflate(raw, cap, 16 + zlib.MAX_WBITS)


def _deflate(raw: bytes, cap: int) -> tuple[bytes, bool]:
    # "deflate" is zlib-wrapped per RFC 9110, but many servers send raw deflate.
    try:
        return _inflate(raw, cap, zlib.MAX_WBITS)
    except zlib.error:
        return _inflate(raw, cap, -zlib.MAX_WBITS)


def _brotli(raw: bytes, cap: int) -> tuple[bytes, bool]:
    import brotli

    decompressor = brotli.Decompressor()
    out = bytearray()
    try:
        out += decompressor.process(raw, output_buffer_limit=cap + 1)
        while len(out) <= cap and not decompressor.is_finished():
            if decompressor.can_accept_more_data():
                break
            out += decompressor.process(b"", output_buffer_limit=cap + 1 - len(out))
    except TypeError:
        # brotli < 1.2 has no output limit: feed small input slices and check as we go.
        out.clear()
        decompressor = brotli.Decompressor()
        for start in range(0, len(raw), BROTLI_INPUT_CHUNK):
            out += decompressor.process(raw[start : start + BROTLI_INPUT_CHUNK])
            if len(out) > cap:
                break
    except brotli.error as exc:
        raise DecodeError(str(exc) or "bad data") from exc
    if len(out) > cap:
        return bytes(out[:cap]), True
    if not decompressor.is_finished():
        raise DecodeError("compressed data ends early")
    return bytes(out), False


def _zstd(raw: bytes, cap: int) -> tuple[bytes, bool]:
    import zstandard

    out = bytearray()
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        while len(out) <= cap:
            chunk = reader.read(cap + 1 - len(out))
            if not chunk:
                break
            out += chunk
    except zstandard.ZstdError as exc:
        raise DecodeError(str(exc) or "bad data") from exc
    if len(out) > cap:
        return bytes(out[:cap]), True
    return bytes(out), False


DECODERS: dict[str, Callable[[bytes, int], tuple[bytes, bool]]] = {
    "gzip": _gzip,
    "x-gzip": _gzip,
    "deflate": _deflate,
    "br": _brotli,
    "zstd": _zstd,
}
IDENTITY = {"", "identity", "none"}


def decode_body(raw: bytes, content_encoding: str | None, cap: int) -> DecodedBody:
    """Undo Content-Encoding (applied in listed order, so undone in reverse) with a size cap.

    On failure the raw bytes are kept (cut at the cap) and the error says why.
    """
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    codings = [c for c in codings if c not in IDENTITY]
    data = raw
    for coding in reversed(codings):
        decoder = DECODERS.get(coding)
        if decoder is None:
            return DecodedBody(raw[:cap], len(raw) > cap, f"unsupported content encoding {coding!r}")
        try:
            data, truncated = decoder(data, cap)
        except (DecodeError, zlib.error) as exc:
            return DecodedBody(raw[:cap], len(raw) > cap, f"{coding}: {exc}")
        except MemoryError:
            return DecodedBody(raw[:cap], len(raw) > cap, f"{coding}: out of memory")
        if truncated:
            return DecodedBody(data, True, f"decompressed size over cap {human_size(cap)}")
    if len(data) > cap:
        return DecodedBody(data[:cap], True, None)
    return DecodedBody(data, False, None)


def body_as_text(data: bytes, truncated: bool) -> tuple[str | None, str | None]:
    """(body, "text"|"base64"); a body cut at the cap may end inside a UTF-8 sequence."""
    if not data:
        return None, None
    for trim in range(4 if truncated else 1):
        try:
            return data[: len(data) - trim].decode("utf-8"), "text"
        except UnicodeDecodeError:
            continue
    return base64.b64encode(data).decode("ascii"), "base64"


def clean(text: str) -> str:
    """mitmproxy keeps undecodable bytes as lone surrogates; JSON/UTF-8 output cannot."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def header_pairs(message: http.Message) -> list[list[str]]:
    return [
        [name.decode("utf-8", "backslashreplace"), value.decode("utf-8", "backslashreplace")]
        for name, value in message.headers.fields
    ]


def message_fields(prefix: str, message: http.Message | None, cap: int) -> dict[str, Any]:
    fields: dict[str, Any] = {
        f"{prefix}_headers": [],
        f"{prefix}_body": None,
        f"{prefix}_body_encoding": None,
        f"{prefix}_body_size": 0,
        f"{prefix}_body_truncated": False,
    }
    if message is None:
        return fields
    fields[f"{prefix}_headers"] = header_pairs(message)
    raw = message.raw_content
    if raw is None:
        # streamed through (stream_large_bodies): never held, so never recorded
        fields[f"{prefix}_body_truncated"] = True
        fields[f"{prefix}_decode_error"] = "body streamed through unrecorded (over size limit)"
        return fields
    encoding = message.headers.get("content-encoding")
    decoded = decode_body(raw, encoding, cap)
    body, body_encoding = body_as_text(decoded.data, decoded.truncated)
    fields.update(
        {
            f"{prefix}_body": body,
            f"{prefix}_body_encoding": body_encoding,
            f"{prefix}_body_size": len(decoded.data),
            f"{prefix}_body_truncated": decoded.truncated,
            f"{prefix}_content_encoding": encoding,
            f"{prefix}_decode_error": decoded.error,
        }
    )
    return fields


def empty_record() -> dict[str, Any]:
    record: dict[str, Any] = {"schema": SCHEMA}
    for name in ("id", "ts", "ts_end", "status", "method", "scheme", "host", "port", "path", "url",
                 "http_version", "request_content_encoding", "request_decode_error",
                 "response_status", "response_content_encoding", "response_decode_error", "error"):
        record[name] = None
    record.update(message_fields("request", None, 0))
    record.update(message_fields("response", None, 0))
    return record


def http_record(flow: http.HTTPFlow, cap: int) -> dict[str, Any]:
    request = flow.request
    response = flow.response
    host = clean(request.pretty_host)
    sni = flow.client_conn.sni
    if sni and _is_ip_address(host):
        host = sni
    record = empty_record()
    record.update(
        {
            "id": flow.id,
            "ts": request.timestamp_start,
            "ts_end": _flow_end(flow),
            "status": "error" if flow.error or response is None else "ok",
            "method": clean(request.method),
            "scheme": request.scheme,
            "host": host,
            "port": request.port,
            "path": clean(request.path),
            "url": clean(request.pretty_url),
            "http_version": request.http_version,
            "response_status": response.status_code if response else None,
            "error": flow.error.msg if flow.error else None,
        }
    )
    record.update(message_fields("request", request, cap))
    record.update(message_fields("response", response, cap))
    return record


def _flow_end(flow: http.HTTPFlow) -> float:
    if flow.error:
        return flow.error.timestamp
    if flow.response and flow.response.timestamp_end:
        return flow.response.timestamp_end
    return time.time()


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def tls_failure_reason(mitmproxy_error: str) -> str:
    if "does not trust the proxy's certificate" in mitmproxy_error:
        why = "client rejected the proxy certificate (certificate pinning or CA not trusted)"
    elif "disconnected during the handshake" in mitmproxy_error:
        why = (
            "client closed the connection during the TLS handshake "
            "(certificate pinning or CA not trusted)"
        )
    elif "cannot agree on a TLS version" in mitmproxy_error:
        why = "client and proxy share no TLS version"
    elif mitmproxy_error == "connection closed early":
        why = "client closed the connection before the TLS handshake completed"
    else:
        why = "TLS handshake with the client failed"
    return f"{why}: {mitmproxy_error}" if mitmproxy_error else why


PINNED_AFTER_HANDSHAKE = (
    "client closed the TLS connection without sending a request "
    "(possible certificate pinning in the app: pin or hostname check after the handshake)"
)


@dataclass
class ClientState:
    """What we know about one client connection, for records that have no HTTP flow."""

    started: float
    target: tuple[str, int] | None = None  # the CONNECT target
    tls: bool = False
    requested: bool = False


def connection_record(
    client: connection.Client, state: ClientState | None, status: str, error: str
) -> dict[str, Any]:
    host, port = state.target if state and state.target else ("", 443)
    host = client.sni or host
    record = empty_record()
    record.update(
        {
            "id": client.id,
            "ts": client.timestamp_start,
            "ts_end": time.time(),
            "status": status,
            "scheme": "https",
            "host": host or None,
            "port": port,
            "url": f"https://{host}:{port}" if host else None,
            "error": error,
        }
    )
    return record


class FlowRecorder:
    def __init__(self) -> None:
        self.out: IO[str] | None = None
        self.seq = 0
        self.cap = DEFAULT_BODY_CAP
        self.offline = False
        self.clients: dict[str, ClientState] = {}

    def load(self, loader: Loader) -> None:
        loader.add_option("probe_flows", str, "", "Append one JSON line per flow to this file.")
        loader.add_option(
            "probe_offline", bool, False, "Answer every request locally; never go upstream."
        )
        loader.add_option(
            "probe_body_cap", int, DEFAULT_BODY_CAP, "Cut decoded bodies at this many bytes."
        )

    def configure(self, updated: set[str]) -> None:
        self.cap = max(1, ctx.options.probe_body_cap)
        self.offline = ctx.options.probe_offline
        if "probe_flows" in updated and ctx.options.probe_flows:
            self.done()
            path = ctx.options.probe_flows
            try:
                with open(path, encoding="utf-8", errors="replace") as existing:
                    self.seq = sum(1 for line in existing if line.strip())
            except FileNotFoundError:
                self.seq = 0
            self.out = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the run

    def done(self) -> None:
        if self.out:
            self.out.close()
            self.out = None

    def write(self, record: dict[str, Any]) -> None:
        if self.out is None:
            return
        record["seq"] = self.seq
        self.out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.out.flush()
        self.seq += 1

    def record_flow(self, flow: http.HTTPFlow) -> None:
        # a flow can see `response` and then `error` (client gone while we answered): once only
        if flow.metadata.get(RECORDED) or (flow.request.method == "CONNECT" and not flow.error):
            return
        flow.metadata[RECORDED] = True
        try:
            record = http_record(flow, self.cap)
        except Exception as exc:  # one odd flow must not stop the capture
            log.warning("privacy-probe: could not record flow %s: %r", flow.id, exc)
            record = empty_record()
            record.update(
                {
                    "id": flow.id,
                    "ts": flow.timestamp_created,
                    "ts_end": time.time(),
                    "status": "error",
                    "error": f"capture could not record this flow: {exc!r}",
                }
            )
        self.write(record)

    def client_state(self, client: connection.Client) -> ClientState:
        return self.clients.setdefault(client.id, ClientState(client.timestamp_start))

    # --- hooks ---

    def http_connect(self, flow: http.HTTPFlow) -> None:
        self.client_state(flow.client_conn).target = (flow.request.host, flow.request.port)

    def request(self, flow: http.HTTPFlow) -> None:
        self.client_state(flow.client_conn).requested = True
        if self.offline and flow.response is None:
            flow.response = http.Response.make(
                200, OFFLINE_BODY, {"Content-Type": "application/json"}
            )

    def server_connect(self, data: server_hooks.ServerConnectionHookData) -> None:
        if self.offline:
            data.server.error = "offline capture: connections to the internet are disabled"

    def response(self, flow: http.HTTPFlow) -> None:
        self.record_flow(flow)

    def error(self, flow: http.HTTPFlow) -> None:
        self.record_flow(flow)

    def tls_established_client(self, data: tls.TlsData) -> None:
        self.client_state(data.context.client).tls = True

    def tls_failed_client(self, data: tls.TlsData) -> None:
        client = data.context.client
        state = self.clients.pop(client.id, None)
        reason = tls_failure_reason(data.conn.error or "")
        self.write(connection_record(client, state, "tls_failed", reason))

    def tls_failed_server(self, data: tls.TlsData) -> None:
        client = data.context.client
        error = f"TLS handshake with the upstream server failed: {data.conn.error or 'unknown'}"
        self.write(connection_record(client, self.clients.get(client.id), "error", error))

    def client_disconnected(self, client: connection.Client) -> None:
        state = self.clients.pop(client.id, None)
        if state and state.tls and not state.requested:
            self.write(connection_record(client, state, "tls_failed", PINNED_AFTER_HANDSHAKE))


addons = [FlowRecorder()]
