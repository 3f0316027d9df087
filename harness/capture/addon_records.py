"""flows.jsonl records made from mitmproxy's flows and connections (part of the mitmdump addon).

Record fields are the capture/detection contract in DESIGN.md and harness/capture/__init__.py.
"""

# Part of the mitmdump addon (addon.py): loaded by mitmproxy's interpreter as a top-level
# module (its script loader puts addon.py's folder on sys.path), so it imports only mitmproxy,
# the stdlib and its sibling addon_* modules, never `harness`.
import ipaddress
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mitmproxy import connection, http

if TYPE_CHECKING:
    from harness.capture.addon_bodies import body_as_text, decode_body
else:  # mitmdump: a sibling top-level module
    from addon_bodies import body_as_text, decode_body

SCHEMA = 1
WEBSOCKET_METHOD = "WEBSOCKET"


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
