"""Hooked TLS plaintext read back as HTTP requests, de-duplicated against the proxy's flows."""

from __future__ import annotations

import base64
import json

from harness.detect.match.plaintext import HookFlow, hook_flows
from harness.detect.view import Flow
from harness.records import HookEvent

BODY = b"appid=1&aid=9c4f2b7e1a38d650"
HEAD = (
    b"POST /api/register HTTP/1.1\r\nHost: sdk.open.getui.com\r\nContent-Length: "
    + str(len(BODY)).encode()
    + b"\r\n\r\n"
)


def chunk(seq: int, data: bytes, connection: str = "41:7", direction: str = "sent") -> HookEvent:
    value = {
        "connection": connection,
        "direction": direction,
        "peer_host": "127.0.0.1",
        "peer_port": 4443,
        "data": base64.b64encode(data).decode(),
        "size": len(data),
    }
    return HookEvent(
        ts=10.0 + seq,
        api="javax.net.ssl.SSLSocket.write",
        kind="plaintext",
        data_type=None,
        value=json.dumps(value),
        sdk="com.getui",
        stack=[],
        seq=seq,
    )


def proxied(url: str, body: bytes) -> Flow:
    host = url.split("/")[2]
    return Flow(0, 10.0, "ok", "POST", host, url, (), body, None, False, None, None)


def test_requests_written_in_pieces_become_one_hook_flow() -> None:
    [flow] = hook_flows([chunk(3, HEAD[:20]), chunk(4, HEAD[20:]), chunk(5, BODY)], [])
    assert isinstance(flow, HookFlow) and flow.source == "hook" and flow.ref == "events.jsonl#3"
    assert (flow.method, flow.host, flow.url) == (
        "POST",
        "sdk.open.getui.com",
        "https://sdk.open.getui.com/api/register",
    )
    assert flow.request_body == BODY


def test_a_request_the_proxy_recorded_is_not_repeated() -> None:
    events = [chunk(1, HEAD + BODY)]
    assert hook_flows(events, [proxied("https://sdk.open.getui.com/api/register", BODY)]) == []
    assert len(hook_flows(events, [proxied("https://sdk.open.getui.com/api/register", b"other")])) == 1


def test_keep_alive_chunked_and_non_http_connections() -> None:
    chunked = (
        b"POST /b HTTP/1.1\r\nHost: a.example.cn\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
    )
    flows = hook_flows([chunk(1, HEAD + BODY + chunked), chunk(2, b"\x00\x01binary", connection="41:8")], [])
    assert [(f.url, f.request_body) for f in flows] == [
        ("https://sdk.open.getui.com/api/register", BODY),
        ("https://a.example.cn/b", b"hello"),
        ("tls://127.0.0.1:4443", b"\x00\x01binary"),
    ]


def test_received_data_and_malformed_events_are_ignored() -> None:
    bad = HookEvent(ts=1.0, api="x", kind="plaintext", data_type=None, value="{oops", sdk=None, stack=[])
    assert hook_flows([chunk(1, HEAD + BODY, direction="received"), bad], []) == []
