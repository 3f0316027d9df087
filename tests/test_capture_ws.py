"""WebSocket messages through the real mitmdump (forward mode, a WebSocket server on loopback):
each message, either direction, is a flow record, and detection finds a canary in what was sent."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness.capture.proxy import CaptureSettings, MitmdumpProcess
from harness.detect.match.matcher import Matcher
from harness.detect.view import RunView
from harness.profile import DEFAULT_PROFILE, canaries
from tests.test_capture import _mitmdump_or_skip, wait_for_records

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 section 1.3


def frame(opcode: int, payload: bytes, masked: bool) -> bytes:
    """One final RFC 6455 frame; clients mask, servers do not."""
    head = bytes([0x80 | opcode])
    length = len(payload)
    mask_bit = 0x80 if masked else 0
    if length < 126:
        head += bytes([mask_bit | length])
    else:
        head += bytes([mask_bit | 126]) + struct.pack(">H", length)
    if not masked:
        return head + payload
    key = os.urandom(4)
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def read_exactly(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def read_frame(sock: socket.socket) -> tuple[int, bytes]:
    first, second = read_exactly(sock, 2)
    length = second & 0x7F
    if length == 126:
        length = struct.unpack(">H", read_exactly(sock, 2))[0]
    key = read_exactly(sock, 4) if second & 0x80 else b""
    payload = read_exactly(sock, length)
    if key:
        payload = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
    return first & 0x0F, payload


def read_head(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        data += read_exactly(sock, 1)
    return data


@dataclass
class EchoServer:
    port: int
    received: list[bytes] = field(default_factory=list)


@pytest.fixture
def echo_server() -> Iterator[EchoServer]:
    listener = socket.create_server(("127.0.0.1", 0))
    server = EchoServer(listener.getsockname()[1])

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            head = read_head(conn).decode()
            key = next(
                line.split(":", 1)[1].strip()
                for line in head.split("\r\n")
                if line.lower().startswith("sec-websocket-key")
            )
            accept = base64.b64encode(hashlib.sha1(key.encode() + GUID).digest()).decode()
            conn.sendall(
                f"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept}\r\n\r\n".encode()
            )
            while True:
                opcode, payload = read_frame(conn)
                if opcode == 8:
                    conn.sendall(frame(8, payload[:2], masked=False))
                    return
                server.received.append(payload)
                conn.sendall(frame(1, b'{"ack":' + str(len(server.received)).encode() + b"}", masked=False))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        listener.close()
        thread.join(timeout=5)


def test_websocket_messages_are_recorded_both_ways_and_searched(
    tmp_path: Path, echo_server: EchoServer
) -> None:
    _mitmdump_or_skip()
    login = json.dumps({"cmd": "login", "device": {"aid": DEFAULT_PROFILE.android_id}}).encode()
    binary = b"\x08\x01\x12\x0f" + DEFAULT_PROFILE.imei.encode() + b"\x1a\x02\xff\xfe"  # not UTF-8
    with MitmdumpProcess(tmp_path, CaptureSettings(mode="forward")) as proc:
        with socket.create_connection((proc.host, proc.port), timeout=10) as client:
            key = base64.b64encode(os.urandom(16)).decode()
            authority = f"127.0.0.1:{echo_server.port}"
            client.sendall(
                f"GET http://{authority}/im HTTP/1.1\r\nHost: {authority}\r\n"
                f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n".encode()
            )
            assert read_head(client).startswith(b"HTTP/1.1 101")
            client.sendall(frame(1, login, masked=True))
            assert read_frame(client) == (1, b'{"ack":1}')
            client.sendall(frame(2, binary, masked=True))
            assert read_frame(client) == (1, b'{"ack":2}')
            client.sendall(frame(8, struct.pack(">H", 1000), masked=True))
            read_frame(client)
        records = wait_for_records(tmp_path, lambda r: r.get("method") == "WEBSOCKET", count=4)
    assert echo_server.received == [login, binary]
    sent = [r for r in records if r["websocket"]["direction"] == "sent"]
    received = [r for r in records if r["websocket"]["direction"] == "received"]
    assert [r["request_body"] for r in sent] == [login.decode(), base64.b64encode(binary).decode()]
    assert [r["request_body_encoding"] for r in sent] == ["text", "base64"]
    assert [r["response_body"] for r in received] == ['{"ack":1}', '{"ack":2}']
    assert all(
        r["url"] == f"ws://127.0.0.1:{echo_server.port}/im" and r["request_body"] is None for r in received
    )

    (tmp_path / "manifest.json").write_text(json.dumps({"app": {}, "coverage": {}}))
    flows = [f for f in RunView.load(tmp_path).flows or () if f.method == "WEBSOCKET"]
    matcher = Matcher(canaries(DEFAULT_PROFILE))
    found = {m.canary for f in flows for m in matcher.scan_flow(f).matches}
    assert found == {"android_id", "imei"}


def test_offline_capture_accepts_the_upgrade_and_records_what_the_app_sends(tmp_path: Path) -> None:
    _mitmdump_or_skip()
    login = json.dumps({"cmd": "login", "aid": DEFAULT_PROFILE.android_id}).encode()
    key = base64.b64encode(os.urandom(16)).decode()
    upgrade = (
        "GET http://im.example.cn/chat HTTP/1.1\r\nHost: im.example.cn\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    with (
        MitmdumpProcess(tmp_path, CaptureSettings()) as proc,  # offline: no server behind the proxy
        socket.create_connection((proc.host, proc.port), timeout=10) as client,
    ):
        client.sendall(upgrade.encode())
        head = read_head(client).decode()
        accept = base64.b64encode(hashlib.sha1(key.encode() + GUID).digest()).decode()
        assert head.startswith("HTTP/1.1 101") and f"Sec-WebSocket-Accept: {accept}" in head
        client.sendall(frame(1, login, masked=True))
        [sent] = wait_for_records(tmp_path, lambda r: r.get("method") == "WEBSOCKET")
        [handshake] = wait_for_records(tmp_path, lambda r: r.get("method") == "GET")
    assert (sent["request_body"], sent["url"]) == (login.decode(), "ws://im.example.cn/chat")
    assert handshake["response_status"] == 101
