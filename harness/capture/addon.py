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
Its parts beside it: addon_records (flow → record), addon_bodies (Content-Encoding with a
size cap), addon_rawflows (flows.mitm).
"""

# No `from __future__ import annotations`: mitmproxy loads scripts under a module name that is
# not in sys.modules, and dataclasses then fail to resolve string annotations.
import asyncio
import base64
import hashlib
import json
import logging
import os
import sys
import time
from typing import IO, TYPE_CHECKING, Any

from mitmproxy import connection, ctx, http, tls
from mitmproxy.addonmanager import Loader
from mitmproxy.proxy import server_hooks

# mitmproxy's script loader (mitmproxy/addons/script.py, load_script) puts this file's folder on
# sys.path while it runs this file, so the addon's parts beside it import as top-level modules
# there; the harness's type checker sees them as harness.capture modules.
if TYPE_CHECKING:
    from harness.capture.addon_rawflows import RawFlowWriter
    from harness.capture.addon_records import (
        PINNED_AFTER_HANDSHAKE,
        ClientState,
        connection_record,
        empty_record,
        http_record,
        tls_failure_reason,
        websocket_record,
    )
else:
    from addon_rawflows import RawFlowWriter
    from addon_records import (
        PINNED_AFTER_HANDSHAKE,
        ClientState,
        connection_record,
        empty_record,
        http_record,
        tls_failure_reason,
        websocket_record,
    )

DEFAULT_BODY_CAP = 16 * 1024 * 1024
OFFLINE_BODY = b'{"ok":true}'

RECORDED = "privacy_probe_recorded"
READY_MARKER = "privacy-probe capture ready"
# mitmproxy exits right after the `running` hooks if anything logged an error at startup;
# announcing readiness a little later means a dying mitmdump is never reported as ready.
READY_DELAY_SECONDS = 0.1
PARENT_CHECK_SECONDS = 1.0

log = logging.getLogger(__name__)


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
