"""mitmdump addon of privacy-probe: one JSON line per flow in flows.jsonl.

Loaded by `mitmdump -s addon.py`, i.e. by mitmproxy's own interpreter, which may be another
Python and another venv than the harness: this file imports only mitmproxy, the stdlib and
the decompressors mitmproxy itself depends on (brotli, zstandard). It never imports `harness`.

Options (`--set name=value`):
  probe_flows     path of flows.jsonl (records are appended, one flush each)
  probe_offline   answer every request here with a small fixed response; together with
                  `connection_strategy=lazy` nothing leaves the machine
  probe_raw       path of flows.mitm: the same flows in mitmproxy's own format, appended in
                  batches while traffic pauses (serializing a flow costs more than all the
                  rest of our work on it), and completely at shutdown
  probe_body_cap  decoded bodies are cut at this many bytes (decompression-bomb guard)
  probe_parent    pid of the harness: mitmdump shuts down when that process is gone, so a
                  harness killed hard never leaves a proxy behind

WebSocket messages (both directions) are records of their own, `method: "WEBSOCKET"`, with
`websocket: {direction, text}` and the message in request_body (sent by the app) or
response_body (received).

Record fields are the capture/detection contract in DESIGN.md and harness/capture/__init__.py.
Once it captures, it prints READY_MARKER on stdout; the harness waits for that line.
"""

# No `from __future__ import annotations`: mitmproxy loads scripts under a module name that is
# not in sys.modules, and dataclasses then fail to resolve string annotations.
import asyncio
import base64
import hashlib
import ipaddress
import json
import logging
import os
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from mitmproxy import connection, ctx, http, tls
from mitmproxy import io as mitm_io
from mitmproxy.addonmanager import Loader
from mitmproxy.proxy import server_hooks

SCHEMA = 1
DEFAULT_BODY_CAP = 16 * 1024 * 1024
OFFLINE_BODY = b'{"ok":true}'

RECORDED = "privacy_probe_recorded"
READY_MARKER = "privacy-probe capture ready"
# mitmproxy exits right after the `running` hooks if anything logged an error at startup;
# announcing readiness a little later means a dying mitmdump is never reported as ready.
READY_DELAY_SECONDS = 0.1
PARENT_CHECK_SECONDS = 1.0
RAW_IDLE_SECONDS = 0.5  # flows.mitm is written once no flow finished for this long...
RAW_PENDING_BYTES = 32 * 1024 * 1024  # ...or once the waiting flows hold this many body bytes
RAW_BATCH = 20  # flows written per event-loop turn, so writing never stalls the proxy

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

    try:
        try:
            out, finished = _brotli_limited(brotli.Decompressor(), raw, cap)
        except TypeError:  # brotli < 1.2 (mitmproxy 11) has no output limit
            out, finished = _brotli_sliced(brotli.Decompressor(), raw, cap)
    except brotli.error as exc:
        raise DecodeError(str(exc) or "bad data") from exc
    if len(out) > cap:
        return bytes(out[:cap]), True
    if not finished:
        raise DecodeError("compressed data ends early")
    return bytes(out), False


def _brotli_limited(decompressor: Any, raw: bytes, cap: int) -> tuple[bytearray, bool]:
    out = bytearray(decompressor.process(raw, output_buffer_limit=cap + 1))
    while len(out) <= cap and not decompressor.is_finished():
        if decompressor.can_accept_more_data():
            break  # all input consumed, stream not finished: truncated
        out += decompressor.process(b"", output_buffer_limit=cap + 1 - len(out))
    return out, bool(decompressor.is_finished())


def _brotli_sliced(decompressor: Any, raw: bytes, cap: int) -> tuple[bytearray, bool]:
    # One input byte at a time (about 1 s per compressed MB): a single byte can still expand
    # to a few MiB, but a kilobyte of a bomb can expand to a GiB.
    out = bytearray()
    for start in range(len(raw)):
        out += decompressor.process(raw[start : start + 1])
        if len(out) > cap:
            break
    return out, bool(decompressor.is_finished())


def _zstd(raw: bytes, cap: int) -> tuple[bytes, bool]:
    # mitmproxy >= 12.3 depends on the standard library's zstd (Python 3.14 `compression.zstd`,
    # `backports.zstd` before it) instead of `zstandard`; older releases bring `zstandard`.
    try:
        from compression import zstd  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        try:
            from backports import zstd  # type: ignore[import-not-found, no-redef, unused-ignore]
        except ImportError:
            return _zstd_zstandard(raw, cap)
    out = bytearray()
    data = raw
    try:
        while data and len(out) <= cap:
            frame = zstd.ZstdDecompressor()
            out += frame.decompress(data, max_length=cap + 1 - len(out))
            while not frame.eof and not frame.needs_input and len(out) <= cap:
                out += frame.decompress(b"", max_length=cap + 1 - len(out))
            if not frame.eof:
                break
            data = frame.unused_data
    except zstd.ZstdError as exc:
        raise DecodeError(str(exc) or "bad data") from exc
    if len(out) > cap:
        return bytes(out[:cap]), True
    return bytes(out), False


def _zstd_zstandard(raw: bytes, cap: int) -> tuple[bytes, bool]:
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
            error = f"unsupported content encoding {coding!r}"
            return DecodedBody(raw[:cap], len(raw) > cap, error)
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
    """(body, "text"|"base64"); a body cut at the cap may end inside a UTF-8 sequence.

    Bytes with NULs are binary even when they decode as UTF-8: as JSON text each NUL would take
    six bytes ("\\u0000"), so a 16 MiB bomb of zeros would become ~100 MB of flows.jsonl.
    """
    if not data:
        return None, None
    if b"\0" in data:
        return base64.b64encode(data).decode("ascii"), "base64"
    for trim in range(4 if truncated else 1):
        try:
            return data[: len(data) - trim].decode("utf-8"), "text"
        except UnicodeDecodeError:
            continue
    return base64.b64encode(data).decode("ascii"), "base64"


def clean(text: str) -> str:
    """mitmproxy keeps undecodable bytes as lone surrogates; JSON/UTF-8 output cannot."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def header_pairs(message: http.Message) -> tuple[list[list[str]], str | None]:
    """([name, value] pairs in wire order, the Content-Encoding value or None)."""
    pairs = []
    content_encoding = None
    for name, value in message.headers.fields:
        pair = [name.decode("utf-8", "backslashreplace"), value.decode("utf-8", "backslashreplace")]
        if content_encoding is None and pair[0].lower() == "content-encoding":
            content_encoding = pair[1]
        pairs.append(pair)
    return pairs, content_encoding


def message_fields(prefix: str, message: http.Message | None, cap: int) -> dict[str, Any]:
    if message is None:
        return {
            f"{prefix}_headers": [],
            f"{prefix}_body": None,
            f"{prefix}_body_encoding": None,
            f"{prefix}_body_size": 0,
            f"{prefix}_body_truncated": False,
            f"{prefix}_content_encoding": None,
            f"{prefix}_decode_error": None,
        }
    headers, content_encoding = header_pairs(message)
    raw = message.raw_content
    if raw is None:
        return {
            f"{prefix}_headers": headers,
            f"{prefix}_body": None,
            f"{prefix}_body_encoding": None,
            f"{prefix}_body_size": 0,
            f"{prefix}_body_truncated": True,
            f"{prefix}_content_encoding": content_encoding,
            f"{prefix}_decode_error": (
                "body streamed through unrecorded (over stream_large_bodies)"
                if message.stream
                else "body not received completely (the flow failed first)"
            ),
        }
    decoded = decode_body(raw, content_encoding, cap)
    body, body_encoding = body_as_text(decoded.data, decoded.truncated)
    return {
        f"{prefix}_headers": headers,
        f"{prefix}_body": body,
        f"{prefix}_body_encoding": body_encoding,
        f"{prefix}_body_size": len(decoded.data),
        f"{prefix}_body_truncated": decoded.truncated,
        f"{prefix}_content_encoding": content_encoding,
        f"{prefix}_decode_error": decoded.error,
    }


NULLABLE_FIELDS = (
    "id", "ts", "ts_end", "status", "method", "scheme", "host", "port", "path", "url",
    "http_version", "response_status", "error",
)  # fmt: skip


def empty_record() -> dict[str, Any]:
    record: dict[str, Any] = {"schema": SCHEMA}
    record.update(dict.fromkeys(NULLABLE_FIELDS))
    record.update(message_fields("request", None, 0))
    record.update(message_fields("response", None, 0))
    return record


def http_record(flow: http.HTTPFlow, cap: int) -> dict[str, Any]:
    request = flow.request
    response = flow.response
    host = request.host
    url = request.url
    if _is_ip_address(host):
        # transparent modes see the IP; the name the app asked for is in SNI or Host
        named = flow.client_conn.sni or request.host_header
        if named:
            host = named.rsplit(":", 1)[0] if named.count(":") == 1 else named
            url = request.pretty_url
    record: dict[str, Any] = {
        "schema": SCHEMA,
        "id": flow.id,
        "ts": request.timestamp_start,
        "ts_end": _flow_end(flow),
        "status": "error" if flow.error or response is None else "ok",
        "method": clean(request.method),
        "scheme": request.scheme,
        "host": clean(host),
        "port": request.port,
        "path": clean(request.path),
        "url": clean(url),
        "http_version": request.http_version,
        "response_status": response.status_code if response else None,
        "error": flow.error.msg if flow.error else None,
    }
    record.update(message_fields("request", request, cap))
    record.update(message_fields("response", response, cap))
    return record


def _flow_end(flow: http.HTTPFlow) -> float:
    if flow.error:
        return float(flow.error.timestamp)
    if flow.response and flow.response.timestamp_end:
        return float(flow.response.timestamp_end)
    return time.time()


def _is_ip_address(host: str) -> bool:
    if not host or not (host[0].isdigit() or ":" in host):
        return False
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def tls_failure_reason(mitmproxy_error: str) -> str:
    if "does not trust the proxy's certificate" in mitmproxy_error:
        why = "client rejected the proxy certificate (certificate pinning or CA not trusted)"
    elif "disconnected during the handshake" in mitmproxy_error:
        why = "client closed the connection during the TLS handshake (certificate pinning or CA not trusted)"
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

    client: connection.Client
    target: tuple[str, int] | None = None  # the CONNECT target
    tls: bool = False
    requested: bool = False


def connection_record(state: ClientState, status: str, error: str) -> dict[str, Any]:
    client = state.client
    host, port = state.target or ("", 443)
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


WEBSOCKET_METHOD = "WEBSOCKET"
WEBSOCKET_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 section 1.3


def offline_websocket_accept(request: http.Request) -> http.Response | None:
    """Offline, a WebSocket upgrade is accepted here (101, RFC 6455 4.2.2) so that the app sends
    its messages; there is no server behind it, so the connection ends after the first one."""
    key = request.headers.get("Sec-WebSocket-Key")
    if request.headers.get("Upgrade", "").lower() != "websocket" or not key:
        return None
    accept = base64.b64encode(hashlib.sha1(key.encode("ascii") + WEBSOCKET_GUID).digest()).decode("ascii")
    return http.Response.make(
        101, b"", {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Accept": accept}
    )


def websocket_record(flow: http.HTTPFlow, index: int, cap: int) -> dict[str, Any]:
    """One WebSocket message as a flow record: sent by the app (client) → request_body, received
    → response_body. `id` is the upgrade flow's id and the message's position in it."""
    message = flow.websocket.messages[index] if flow.websocket else None
    record = empty_record()
    if message is None:
        return record
    content = message.content[:cap]
    body, body_encoding = body_as_text(content, len(message.content) > cap)
    side = "request" if message.from_client else "response"
    direction = "sent" if message.from_client else "received"
    url = flow.request.pretty_url.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
    record.update(
        {
            "id": f"{flow.id}:ws{index}",
            "ts": message.timestamp,
            "ts_end": message.timestamp,
            "status": "ok",
            "method": WEBSOCKET_METHOD,
            "scheme": "wss" if flow.request.scheme == "https" else "ws",
            "host": clean(flow.request.pretty_host),
            "port": flow.request.port,
            "path": clean(flow.request.path),
            "url": clean(url),
            "http_version": flow.request.http_version,
            "websocket": {"direction": direction, "text": message.is_text},
            f"{side}_body": body,
            f"{side}_body_encoding": body_encoding,
            f"{side}_body_size": len(message.content),
            f"{side}_body_truncated": len(message.content) > cap,
        }
    )
    return record


class RawFlowWriter:
    """flows.mitm, written off the request path: flows wait until traffic pauses."""

    def __init__(self, path: str) -> None:
        self.file = open(path, "ab")  # noqa: SIM115 - kept open for the run
        self.writer = mitm_io.FlowWriter(self.file)
        self.pending: list[http.HTTPFlow] = []
        self.pending_bytes = 0
        self.last_added = 0.0
        self.timer: asyncio.TimerHandle | None = None
        self.writing = False

    def add(self, flow: http.HTTPFlow) -> None:
        self.pending.append(flow)
        self.pending_bytes += len(flow.request.raw_content or b"")
        if flow.response:
            self.pending_bytes += len(flow.response.raw_content or b"")
        loop = asyncio.get_running_loop()
        self.last_added = loop.time()
        if self.writing:
            return  # the running batches take this flow too
        if self.pending_bytes > RAW_PENDING_BYTES:
            self.start_writing()
        elif self.timer is None:
            self.timer = loop.call_later(RAW_IDLE_SECONDS, self.when_idle)

    def when_idle(self) -> None:
        self.timer = None
        if self.writing:
            return
        loop = asyncio.get_running_loop()
        quiet_for = loop.time() - self.last_added
        if quiet_for < RAW_IDLE_SECONDS:
            self.timer = loop.call_later(RAW_IDLE_SECONDS - quiet_for, self.when_idle)
        else:
            self.start_writing()

    def start_writing(self) -> None:
        self.writing = True
        self.write_batch()

    def write_batch(self) -> None:
        batch, self.pending = self.pending[:RAW_BATCH], self.pending[RAW_BATCH:]
        self.write(batch)
        if self.pending:
            asyncio.get_running_loop().call_soon(self.write_batch)
        else:
            self.pending_bytes = 0
            self.writing = False

    def write(self, flows: list[http.HTTPFlow]) -> None:
        try:
            for flow in flows:
                self.writer.add(flow)
            self.file.flush()
        except (OSError, ValueError) as exc:
            log.warning("privacy-probe: could not write flows.mitm: %r", exc)

    def close(self) -> None:
        if self.timer:
            self.timer.cancel()
        self.write(self.pending)
        self.pending = []
        self.file.close()


def announce_ready() -> None:
    print(READY_MARKER, file=sys.stdout, flush=True)


class FlowRecorder:
    def __init__(self) -> None:
        self.out: IO[str] | None = None
        self.raw: RawFlowWriter | None = None
        self.seq = 0
        self.cap = DEFAULT_BODY_CAP
        self.offline = False
        self.clients: dict[str, ClientState] = {}

    def load(self, loader: Loader) -> None:
        loader.add_option("probe_flows", str, "", "Append one JSON line per flow to this file.")
        loader.add_option("probe_raw", str, "", "Append the flows in mitmproxy format here.")
        loader.add_option("probe_offline", bool, False, "Answer every request locally; never go upstream.")
        loader.add_option("probe_body_cap", int, DEFAULT_BODY_CAP, "Cut decoded bodies at this many bytes.")
        loader.add_option("probe_parent", int, 0, "Shut down when this process is gone.")

    def configure(self, updated: set[str]) -> None:
        self.cap = max(1, ctx.options.probe_body_cap)
        self.offline = ctx.options.probe_offline
        if "probe_flows" in updated and ctx.options.probe_flows:
            self.close_output()
            path = ctx.options.probe_flows
            try:
                with open(path, encoding="utf-8", errors="replace") as existing:
                    self.seq = sum(1 for line in existing if line.strip())
            except FileNotFoundError:
                self.seq = 0
            self.out = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the run
        if "probe_raw" in updated and ctx.options.probe_raw:
            if self.raw:
                self.raw.close()
            self.raw = RawFlowWriter(ctx.options.probe_raw)

    def running(self) -> None:
        loop = asyncio.get_running_loop()
        loop.call_later(READY_DELAY_SECONDS, announce_ready)
        if ctx.options.probe_parent:
            loop.call_later(PARENT_CHECK_SECONDS, self.check_parent)

    def check_parent(self) -> None:
        if os.getppid() != ctx.options.probe_parent:
            log.warning("privacy-probe: the harness is gone, shutting down")
            ctx.master.shutdown()
            return
        asyncio.get_running_loop().call_later(PARENT_CHECK_SECONDS, self.check_parent)

    def done(self) -> None:
        # mitmproxy may never report the close of a connection that the client hung up
        # without a clean TLS shutdown; what is still open at the end is judged here.
        for state in self.clients.values():
            if state.tls and not state.requested:
                self.write(connection_record(state, "tls_failed", PINNED_AFTER_HANDSHAKE))
        self.clients.clear()
        self.close_output()
        if self.raw:
            self.raw.close()
            self.raw = None

    def close_output(self) -> None:
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
        if self.raw:
            self.raw.add(flow)

    def client_state(self, client: connection.Client) -> ClientState:
        return self.clients.setdefault(client.id, ClientState(client))

    # --- hooks ---

    def http_connect(self, flow: http.HTTPFlow) -> None:
        self.client_state(flow.client_conn).target = (flow.request.host, flow.request.port)

    def request(self, flow: http.HTTPFlow) -> None:
        self.client_state(flow.client_conn).requested = True
        if self.offline and flow.response is None:
            flow.response = offline_websocket_accept(flow.request) or http.Response.make(
                200, OFFLINE_BODY, {"Content-Type": "application/json"}
            )

    def server_connect(self, data: server_hooks.ServerConnectionHookData) -> None:
        if self.offline:
            data.server.error = "offline capture: connections to the internet are disabled"

    def response(self, flow: http.HTTPFlow) -> None:
        self.record_flow(flow)

    def websocket_message(self, flow: http.HTTPFlow) -> None:
        if flow.websocket is None:
            return
        try:
            record = websocket_record(flow, len(flow.websocket.messages) - 1, self.cap)
        except Exception as exc:  # one odd message must not stop the capture
            log.warning("privacy-probe: could not record a WebSocket message of %s: %r", flow.id, exc)
            return
        self.write(record)

    def error(self, flow: http.HTTPFlow) -> None:
        self.record_flow(flow)

    def tls_established_client(self, data: tls.TlsData) -> None:
        self.client_state(data.context.client).tls = True

    def tls_failed_client(self, data: tls.TlsData) -> None:
        client = data.context.client
        state = self.clients.pop(client.id, None) or ClientState(client)
        reason = tls_failure_reason(data.conn.error or "")
        self.write(connection_record(state, "tls_failed", reason))

    def tls_failed_server(self, data: tls.TlsData) -> None:
        error = f"TLS handshake with the upstream server failed: {data.conn.error or 'unknown'}"
        self.write(connection_record(self.client_state(data.context.client), "error", error))

    def client_disconnected(self, client: connection.Client) -> None:
        state = self.clients.pop(client.id, None)
        if state and state.tls and not state.requested:
            self.write(connection_record(state, "tls_failed", PINNED_AFTER_HANDSHAKE))


addons = [FlowRecorder()]
