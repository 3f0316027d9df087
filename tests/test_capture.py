"""Capture through a real mitmdump on loopback, with real HTTPS clients (Python and a JVM).

Fixtures in tests/fixtures/capture: HttpProbe.java (HttpURLConnection client, compiled here),
body.br / body.zst (the BODY_TEXT canary, zstd as two frames) and bomb-1gib.br /
bomb-1gib.zst (1 GiB of zeros), made once with mitmproxy's own brotli and zstandard modules.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from harness.capture import (
    CaptureError,
    CaptureSettings,
    MitmdumpProcess,
    PortInUse,
    capture_coverage,
    find_mitmdump,
    jvm_proxy_options,
    make_truststore,
)
from harness.capture.proxy import READY_MARKER
from harness.errors import EnvironmentProblem, InputError, ProbeError
from harness.records import read_jsonl

FIXTURES = Path(__file__).parent / "fixtures" / "capture"
ADDON = Path(__file__).parent.parent / "harness" / "capture" / "addon.py"
BODY_TEXT = '{"imei":"861234567890123","note":"canary ✓"}'
BODY_CAP = 1024 * 1024
MiB = 1024 * 1024

CONTRACT_FIELDS = {
    "schema", "seq", "id", "ts", "ts_end", "status", "method", "scheme", "host", "port", "path",
    "url", "http_version", "request_headers", "request_body", "request_body_encoding",
    "request_body_size", "request_body_truncated", "request_content_encoding",
    "request_decode_error", "response_status", "response_headers", "response_body",
    "response_body_encoding", "response_body_size", "response_body_truncated", "error",
}  # fmt: skip


def _mitmdump_or_skip() -> Path:
    try:
        return find_mitmdump()
    except EnvironmentProblem as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have mitmdump: {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def capture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MitmdumpProcess]:
    """One offline mitmdump shared by the tests of this module."""
    _mitmdump_or_skip()
    settings = CaptureSettings(body_cap=BODY_CAP)
    with MitmdumpProcess(tmp_path_factory.mktemp("run"), settings) as proc:
        yield proc


@pytest.fixture(scope="module")
def https_opener(capture: MitmdumpProcess) -> Callable[..., tuple[int, bytes]]:
    context = ssl.create_default_context(cafile=str(capture.ca_cert))

    def fetch(
        url: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        return proxied_request(capture, url, body, headers or {}, context)

    return fetch


def proxied_request(
    capture: MitmdumpProcess,
    url: str,
    body: bytes | None,
    headers: dict[str, str],
    context: ssl.SSLContext | None = None,
) -> tuple[int, bytes]:
    """One request through the proxy with http.client (which sends bodies as given)."""
    scheme, rest = url.split("://", 1)
    authority, _, path = rest.partition("/")
    host, _, port = authority.partition(":")
    method = "POST" if body is not None else "GET"
    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = http.client.HTTPSConnection(capture.host, capture.port, timeout=10, context=context)
        conn.set_tunnel(host, int(port or 443))
        target = "/" + path
    else:
        conn = http.client.HTTPConnection(capture.host, capture.port, timeout=10)
        target = url
    try:
        conn.request(method, target, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_for_records(
    run_dir: Path, match: Callable[[dict[str, Any]], bool], count: int = 1, timeout: float = 5.0
) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while True:
        found = [r for r in read_jsonl(run_dir / "flows.jsonl") if match(r)]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def by_host(host: str) -> Callable[[dict[str, Any]], bool]:
    return lambda record: record.get("host") == host


def decoded(record: dict[str, Any], prefix: str) -> bytes:
    body = record[f"{prefix}_body"]
    if body is None:
        return b""
    if record[f"{prefix}_body_encoding"] == "base64":
        return base64.b64decode(body)
    return str(body).encode("utf-8")


# --- Python HTTPS client ---


def test_https_flow_is_recorded_with_every_contract_field(
    capture: MitmdumpProcess, https_opener: Callable[..., tuple[int, bytes]]
) -> None:
    url = "https://tracker.example-ads.cn/collect?imei=861234567890123&n=1"
    status, body = https_opener(url, headers={"X-Dup": "a", "x-dup": "b"})
    assert (status, body) == (200, b'{"ok":true}')

    [record] = wait_for_records(capture.run_dir, by_host("tracker.example-ads.cn"))
    assert record.keys() >= CONTRACT_FIELDS
    assert record["schema"] == 1
    assert record["status"] == "ok"
    assert record["method"] == "GET"
    assert record["scheme"] == "https"
    assert record["port"] == 443
    assert record["path"] == "/collect?imei=861234567890123&n=1"
    assert record["url"] == url
    assert record["http_version"] == "HTTP/1.1"
    assert ["X-Dup", "a"] in record["request_headers"]
    assert ["x-dup", "b"] in record["request_headers"]
    assert record["request_body"] is None and record["request_body_encoding"] is None
    assert record["response_status"] == 200
    assert record["response_body"] == '{"ok":true}'
    assert record["error"] is None
    assert record["ts"] <= record["ts_end"] <= time.time()
    # a trusted client never shows up as undecrypted
    assert not wait_for_records(
        capture.run_dir,
        lambda r: r["host"] == "tracker.example-ads.cn" and r["status"] == "tls_failed",
        timeout=0.3,
    )


def test_plain_http_flow_is_recorded(capture: MitmdumpProcess) -> None:
    status, _ = proxied_request(
        capture,
        "http://plain.example-ads.cn/p?mac=02:00:00:00:00:00",
        b"a=1",
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200
    [record] = wait_for_records(capture.run_dir, by_host("plain.example-ads.cn"))
    assert record["scheme"] == "http" and record["port"] == 80 and record["method"] == "POST"
    assert record["request_body"] == "a=1" and record["request_body_encoding"] == "text"


def test_client_that_does_not_trust_the_ca_is_recorded_as_tls_failed(
    capture: MitmdumpProcess,
) -> None:
    with pytest.raises(ssl.SSLError):
        proxied_request(capture, "https://pinned.example-ads.cn/x", None, {}, ssl.create_default_context())
    [record] = wait_for_records(capture.run_dir, by_host("pinned.example-ads.cn"))
    assert record.keys() >= CONTRACT_FIELDS
    assert record["status"] == "tls_failed"
    assert record["port"] == 443
    assert record["error"].startswith("client rejected the proxy certificate")
    assert "unknown ca" in record["error"]


# --- encodings ---


def _gzip_bomb_1gib() -> bytes:
    """A valid single-member gzip of 1 GiB of zeros, built in well under a second."""
    zeros = bytes(MiB)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
    steady = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(1024):
        crc = zlib.crc32(zeros, crc)
    stream = first + steady * 1023 + deflater.flush()
    trailer = struct.pack("<II", crc, (1024 * MiB) & 0xFFFFFFFF)
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + stream + trailer


def _deflate_raw(data: bytes) -> bytes:
    deflater = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return deflater.compress(data) + deflater.flush()


ENCODED_BODIES = {
    "gzip": lambda: zlib.compress(BODY_TEXT.encode(), wbits=31),
    "gzip-two-members": lambda: (
        zlib.compress(b"first,", wbits=31) + zlib.compress(BODY_TEXT.encode(), wbits=31)
    ),
    "deflate": lambda: zlib.compress(BODY_TEXT.encode()),
    "deflate-raw": lambda: _deflate_raw(BODY_TEXT.encode()),
    "br": lambda: (FIXTURES / "body.br").read_bytes(),
    "zstd": lambda: (FIXTURES / "body.zst").read_bytes(),
}


@pytest.mark.parametrize("variant", sorted(ENCODED_BODIES))
def test_compressed_bodies_are_decoded(capture: MitmdumpProcess, variant: str) -> None:
    encoding = variant.split("-")[0]
    host = f"{variant}.enc.example"
    proxied_request(capture, f"http://{host}/up", ENCODED_BODIES[variant](), {"Content-Encoding": encoding})
    [record] = wait_for_records(capture.run_dir, by_host(host))
    expected = ("first," if variant == "gzip-two-members" else "") + BODY_TEXT
    assert record["request_body"] == expected
    assert record["request_body_encoding"] == "text"
    assert record["request_body_size"] == len(expected.encode())
    assert record["request_content_encoding"] == encoding
    assert record["request_decode_error"] is None
    assert record["request_body_truncated"] is False


def _peak_rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


@pytest.mark.parametrize(
    ("encoding", "bomb"),
    [
        ("gzip", _gzip_bomb_1gib),
        ("br", lambda: (FIXTURES / "bomb-1gib.br").read_bytes()),
        ("zstd", lambda: (FIXTURES / "bomb-1gib.zst").read_bytes()),
    ],
)
def test_decompression_bomb_is_cut_at_the_cap(
    capture: MitmdumpProcess, encoding: str, bomb: Callable[[], bytes]
) -> None:
    host = f"bomb-{encoding}.example"
    status, _ = proxied_request(capture, f"http://{host}/up", bomb(), {"Content-Encoding": encoding})
    assert status == 200
    [record] = wait_for_records(capture.run_dir, by_host(host))
    assert record["request_body_truncated"] is True
    assert record["request_body_size"] == BODY_CAP
    assert decoded(record, "request") == bytes(BODY_CAP)
    assert record["request_decode_error"] == "decompressed size over cap 1 MiB"
    assert capture.pid is not None and capture.alive
    assert _peak_rss_bytes(capture.pid) < 400 * MiB  # 1 GiB was never expanded


def test_binary_and_invalid_utf8_bodies_are_base64(capture: MitmdumpProcess) -> None:
    payload = b"\xff\xfe imei=861234567890123 \xc3\x28 \x00\x01"
    proxied_request(
        capture, "http://binary.example/up", payload, {"Content-Type": "application/octet-stream"}
    )
    [record] = wait_for_records(capture.run_dir, by_host("binary.example"))
    assert record["request_body_encoding"] == "base64"
    assert decoded(record, "request") == payload
    assert record["request_body_size"] == len(payload)


def test_header_bytes_that_are_not_utf8_are_kept_escaped(capture: MitmdumpProcess) -> None:
    with socket.create_connection((capture.host, capture.port), timeout=10) as sock:
        sock.sendall(
            b"GET http://rawheader.example/p?imei=861234567890123 HTTP/1.1\r\n"
            b"Host: rawheader.example\r\nX-Id: \xff\xfe caf\xc3\xa9\r\nConnection: close\r\n\r\n"
        )
        assert sock.recv(100).startswith(b"HTTP/1.1 200")
    [record] = wait_for_records(capture.run_dir, by_host("rawheader.example"))
    assert ["X-Id", "\\xff\\xfe café"] in record["request_headers"]


def test_malformed_gzip_keeps_the_raw_body_and_says_why(capture: MitmdumpProcess) -> None:
    raw = b"\x1f\x8b\x08\x00 this is not gzip at all"
    status, _ = proxied_request(capture, "http://badgzip.example/up", raw, {"Content-Encoding": "gzip"})
    assert status == 200
    [record] = wait_for_records(capture.run_dir, by_host("badgzip.example"))
    assert record["status"] == "ok"
    assert record["request_decode_error"].startswith("gzip: ")
    assert decoded(record, "request") == raw
    assert record["request_body_truncated"] is False


def test_truncated_gzip_and_unknown_encoding_are_decode_errors(capture: MitmdumpProcess) -> None:
    cut = zlib.compress(BODY_TEXT.encode() * 50, wbits=31)[:-12]
    proxied_request(capture, "http://cutgzip.example/up", cut, {"Content-Encoding": "gzip"})
    proxied_request(capture, "http://lzw.example/up", b"abc", {"Content-Encoding": "compress"})
    [cut_record] = wait_for_records(capture.run_dir, by_host("cutgzip.example"))
    [lzw_record] = wait_for_records(capture.run_dir, by_host("lzw.example"))
    assert cut_record["request_decode_error"] == "gzip: compressed data ends early"
    assert lzw_record["request_decode_error"] == "unsupported content encoding 'compress'"
    assert lzw_record["request_body"] == "abc"


def test_text_cut_inside_a_utf8_character_stays_text(capture: MitmdumpProcess) -> None:
    text = "é" * (BODY_CAP // 2) + "tail"  # the cap falls on no character boundary at the end
    body = zlib.compress(("x" + text).encode(), wbits=31)
    proxied_request(capture, "http://utf8cut.example/up", body, {"Content-Encoding": "gzip"})
    [record] = wait_for_records(capture.run_dir, by_host("utf8cut.example"))
    assert record["request_body_truncated"] is True
    assert record["request_body_encoding"] == "text"
    assert record["request_body"].startswith("xéé")


def test_plain_body_over_the_cap_is_cut_and_flagged(capture: MitmdumpProcess) -> None:
    payload = b"imei=861234567890123&" + b"x" * (3 * BODY_CAP)
    status, _ = proxied_request(capture, "http://big.example/up", payload, {})
    assert status == 200
    [record] = wait_for_records(capture.run_dir, by_host("big.example"))
    assert record["status"] == "ok"
    assert record["request_body_truncated"] is True
    assert record["request_body_size"] == BODY_CAP
    assert record["request_body"] == payload[:BODY_CAP].decode()
    assert record["request_decode_error"] is None


def test_raw_flows_are_written_while_traffic_pauses(capture: MitmdumpProcess) -> None:
    raw = capture.run_dir / "flows.mitm"
    size_before = raw.stat().st_size if raw.exists() else 0
    proxied_request(capture, "http://raw-idle.example/", None, {})
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and (raw.stat().st_size if raw.exists() else 0) == size_before:
        time.sleep(0.1)
    assert raw.stat().st_size > size_before


# --- JVM client (the sim's network path) ---


@pytest.fixture(scope="module")
def java_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("javac") is None:
        pytest.skip("javac not found")
    classes = tmp_path_factory.mktemp("javaclient")
    subprocess.run(["javac", "-d", str(classes), str(FIXTURES / "HttpProbe.java")], check=True)
    return classes


def run_java(classes: Path, options: list[str], *args: str) -> list[str]:
    result = subprocess.run(
        ["java", *options, "-cp", str(classes), "HttpProbe", *args],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return result.stdout.splitlines()


def test_jvm_https_get_and_gzip_post_go_through_the_proxy(
    capture: MitmdumpProcess, java_client: Path
) -> None:
    options = jvm_proxy_options(capture.host, capture.port, make_truststore(capture.ca_cert))
    lines = run_java(
        java_client, options,
        "get", "https://cdn.jvm.example-ads.cn/config?android_id=9774d56d682e549c",
        f"post-gzip:{BODY_TEXT}", "https://upload.jvm.example-ads.cn/v1/report",
        "get", "http://localhost:1/local-is-proxied-too",
    )  # fmt: skip
    assert lines == [
        'get 200 {"ok":true}',
        f'post-gzip:{BODY_TEXT} 200 {{"ok":true}}',
        'get 200 {"ok":true}',
    ]
    [get] = wait_for_records(capture.run_dir, by_host("cdn.jvm.example-ads.cn"))
    [post] = wait_for_records(capture.run_dir, by_host("upload.jvm.example-ads.cn"))
    assert get["method"] == "GET" and get["scheme"] == "https"
    assert get["path"] == "/config?android_id=9774d56d682e549c"
    assert post["method"] == "POST" and post["status"] == "ok"
    assert post["request_content_encoding"] == "gzip"
    assert post["request_body"] == BODY_TEXT
    assert ["Content-Encoding", "gzip"] in post["request_headers"]
    assert wait_for_records(capture.run_dir, lambda r: r["path"] == "/local-is-proxied-too")


def test_jvm_without_the_trust_store_shows_as_undecrypted(
    capture: MitmdumpProcess, java_client: Path
) -> None:
    options = [
        o
        for o in jvm_proxy_options(capture.host, capture.port, make_truststore(capture.ca_cert))
        if not o.startswith("-Djavax.net.ssl.")
    ]
    [line] = run_java(java_client, options, "get", "https://sdk.untrusted.example-ads.cn/")
    assert line.startswith("get failed SSLHandshakeException")
    [record] = wait_for_records(capture.run_dir, by_host("sdk.untrusted.example-ads.cn"))
    assert record["status"] == "tls_failed"
    assert record["error"].startswith("client rejected the proxy certificate")


# --- process handling, files, coverage (captures of their own) ---


@pytest.fixture
def own_capture(tmp_path: Path) -> Iterator[MitmdumpProcess]:
    _mitmdump_or_skip()
    proc = MitmdumpProcess(tmp_path / "run", CaptureSettings(body_cap=BODY_CAP))
    try:
        yield proc
    finally:
        proc.stop()


def test_pin_check_after_handshake_is_reported_and_files_are_written(
    own_capture: MitmdumpProcess, java_client: Path
) -> None:
    own_capture.start()
    options = jvm_proxy_options(own_capture.host, own_capture.port, make_truststore(own_capture.ca_cert))
    lines = run_java(
        java_client,
        options,
        "pin:00",
        "https://pinned.jvm.example-ads.cn/",
        "get",
        "https://fine.jvm.example-ads.cn/img",
    )
    assert lines == ["pin:00 rejected: pin mismatch", 'get 200 {"ok":true}']
    proxied_request(own_capture, "http://bin.example/b", b"\x00\xff\xfe", {})
    own_capture.stop()
    assert not own_capture.alive

    run_dir = own_capture.run_dir
    records = {r["host"]: r for r in read_jsonl(run_dir / "flows.jsonl")}
    assert records["pinned.jvm.example-ads.cn"]["status"] == "tls_failed"
    assert "possible certificate pinning" in records["pinned.jvm.example-ads.cn"]["error"]
    assert records["fine.jvm.example-ads.cn"]["status"] == "ok"

    coverage = capture_coverage(run_dir)
    assert coverage["flows_total"] == 3
    assert coverage["flows_undecrypted"] == 1
    assert [u["host"] for u in coverage["undecrypted"]] == ["pinned.jvm.example-ads.cn"]
    assert coverage["capture_errors"] == []

    har = json.loads((run_dir / "flows.har").read_text(encoding="utf-8"))
    assert har["log"]["version"] == "1.2"
    entries = {e["request"]["url"]: e for e in har["log"]["entries"]}
    assert len(entries) == 3
    fine = entries["https://fine.jvm.example-ads.cn/img"]
    assert fine["response"]["status"] == 200
    assert fine["response"]["content"]["text"] == '{"ok":true}'
    assert {"name", "value"} <= fine["request"]["headers"][0].keys()
    assert entries["http://bin.example/b"]["request"]["postData"]["text"] == "AP/+"
    assert entries["https://pinned.jvm.example-ads.cn:443"]["response"]["status"] == 0
    for entry in har["log"]["entries"]:  # every field HAR 1.2 requires
        assert entry.keys() >= HAR_ENTRY_FIELDS
        assert datetime.fromisoformat(entry["startedDateTime"]).tzinfo is not None
        assert entry["request"].keys() >= HAR_REQUEST_FIELDS
        assert entry["response"].keys() >= HAR_RESPONSE_FIELDS
        assert entry["response"]["content"].keys() >= {"size", "mimeType"}
        assert entry["timings"].keys() >= {"send", "wait", "receive"}

    _assert_mitm_file_readable(run_dir / "flows.mitm", expected_flows=2)


HAR_ENTRY_FIELDS = {"startedDateTime", "time", "request", "response", "cache", "timings"}
HAR_REQUEST_FIELDS = {
    "method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize",
}  # fmt: skip
HAR_RESPONSE_FIELDS = {
    "status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL",
    "headersSize", "bodySize",
}  # fmt: skip


def _assert_mitm_file_readable(path: Path, expected_flows: int) -> None:
    python = find_mitmdump().parent / "python"
    if not python.exists():  # mitmdump not from a venv: check the tnetstring framing only
        assert path.read_bytes()[:1].isdigit()
        return
    reader = (
        "import sys; from mitmproxy import io\n"
        "with open(sys.argv[1], 'rb') as f: print(sum(1 for _ in io.FlowReader(f).stream()))"
    )
    result = subprocess.run(
        [str(python), "-c", reader, str(path)], capture_output=True, text=True, check=True
    )
    assert int(result.stdout) == expected_flows


def test_mitmdump_killed_mid_run_is_noticed_and_reported(own_capture: MitmdumpProcess) -> None:
    own_capture.start()
    assert own_capture.alive
    proxied_request(own_capture, "http://before-kill.example/", None, {})
    assert own_capture.pid is not None
    os.killpg(own_capture.pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while own_capture.alive and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not own_capture.alive
    with pytest.raises(OSError):
        proxied_request(own_capture, "http://after-kill.example/", None, {})
    own_capture.stop()  # stopping a dead capture is not an error

    coverage = capture_coverage(own_capture.run_dir)
    assert coverage["flows_total"] == 1
    [error] = coverage["capture_errors"]
    assert "mitmdump stopped unexpectedly (killed by SIGKILL)" in error
    assert "not recorded" in error
    assert (own_capture.run_dir / "flows.har").exists()


def _process_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return True
    return state in ("Z", "X")


def test_mitmdump_shuts_down_when_the_harness_is_killed(tmp_path: Path) -> None:
    _mitmdump_or_skip()
    harness = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from harness.capture import MitmdumpProcess\n"
        "proc = MitmdumpProcess(Path(sys.argv[1]))\n"
        "proc.start()\n"
        "print(proc.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", harness, str(tmp_path)], stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None
        mitmdump_pid = int(child.stdout.readline())
        child.kill()  # SIGKILL: no atexit, no finally
    deadline = time.monotonic() + 10
    while not _process_gone(mitmdump_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _process_gone(mitmdump_pid)


def test_capture_that_ran_cleanly_reports_no_errors(own_capture: MitmdumpProcess) -> None:
    own_capture.start()
    proxied_request(own_capture, "http://clean.example/", None, {})
    own_capture.stop()
    coverage = capture_coverage(own_capture.run_dir)
    assert coverage == {
        "flows_total": 1,
        "flows_error": 0,
        "flows_undecrypted": 0,
        "undecrypted": [],
        "capture_errors": [],
    }


def test_coverage_of_a_run_without_capture_says_so(tmp_path: Path) -> None:
    assert capture_coverage(tmp_path)["capture_errors"] == [
        "no capture ran: network traffic was not recorded"
    ]


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    _mitmdump_or_skip()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = MitmdumpProcess(tmp_path, CaptureSettings(port=port))
        with pytest.raises(PortInUse, match=f"port 127.0.0.1:{port} is already in use"):
            proc.start()
    assert isinstance(PortInUse("x"), ProbeError)
    assert not proc.alive


def test_missing_mitmdump_names_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(EnvironmentProblem, match=r"scripts/install-mitmproxy\.sh"):
        MitmdumpProcess(tmp_path, mitmdump=tmp_path / "no-such-mitmdump").start()
    monkeypatch.setenv("PRIVACY_PROBE_MITMDUMP", str(tmp_path / "also-missing"))
    with pytest.raises(EnvironmentProblem, match="also-missing"):
        find_mitmdump()


def test_mitmdump_dying_at_startup_reports_its_output(tmp_path: Path) -> None:
    fake = tmp_path / "mitmdump"
    fake.write_text("#!/bin/sh\necho 'fatal: cannot load confdir' >&2\nexit 3\n")
    fake.chmod(0o755)
    proc = MitmdumpProcess(tmp_path / "run", mitmdump=fake)
    with pytest.raises(CaptureError, match=r"exit code 3\): fatal: cannot load confdir"):
        proc.start()
    assert not proc.alive


def test_addon_and_harness_agree_on_the_ready_marker() -> None:
    assert f'READY_MARKER = "{READY_MARKER}"' in ADDON.read_text(encoding="utf-8")


# --- forward mode: a real upstream on loopback ---


@dataclass
class Upstream:
    port: int
    bodies: list[bytes]


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    bodies: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
            payload = zlib.compress(b'{"served":"upstream"}', wbits=31)
            self.send_response(201)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Upstream(server.server_address[1], bodies)
    finally:
        server.shutdown()
        server.server_close()


def test_forward_mode_reaches_the_real_upstream(tmp_path: Path, upstream: Upstream) -> None:
    _mitmdump_or_skip()
    settings = CaptureSettings(mode="forward", stream_bodies_over=MiB)
    with MitmdumpProcess(tmp_path, settings) as proc:
        url = f"http://127.0.0.1:{upstream.port}/api?id=1"
        status, body = proxied_request(proc, url, b"imei=861234567890123", {})
        assert (status, body) == (201, zlib.compress(b'{"served":"upstream"}', wbits=31))
        large = bytes(2 * MiB)
        status, _ = proxied_request(proc, f"http://127.0.0.1:{upstream.port}/large", large, {})
        assert status == 201
        closed = free_loopback_port()
        status, _ = proxied_request(proc, f"http://127.0.0.1:{closed}/gone", None, {})
        assert status == 502
        [ok] = wait_for_records(tmp_path, lambda r: r["path"] == "/api?id=1")
        [failed] = wait_for_records(tmp_path, lambda r: r["path"] == "/gone")
        [streamed] = wait_for_records(tmp_path, lambda r: r["path"] == "/large")
    assert upstream.bodies == [b"imei=861234567890123", large]
    assert streamed["request_body"] is None and streamed["request_body_truncated"] is True
    assert streamed["request_decode_error"].startswith("body streamed through unrecorded")
    assert ok["status"] == "ok" and ok["response_status"] == 201
    assert ok["response_body"] == '{"served":"upstream"}'
    assert ok["response_content_encoding"] == "gzip"
    assert failed["status"] == "error" and failed["response_status"] is None
    assert failed["error"]
    assert capture_coverage(tmp_path)["flows_error"] == 1


def free_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# --- trust store and JVM options ---


def test_truststore_is_built_once_and_reused(capture: MitmdumpProcess, tmp_path: Path) -> None:
    first = make_truststore(capture.ca_cert, tmp_path)
    mtime = first.path.stat().st_mtime_ns
    again = make_truststore(capture.ca_cert, tmp_path)
    assert again == first and again.path.stat().st_mtime_ns == mtime
    listing = subprocess.run(
        ["keytool", "-list", "-keystore", str(first.path), "-storepass", first.password],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "trustedCertEntry" in listing


def test_truststore_rejects_a_file_that_is_no_certificate(tmp_path: Path) -> None:
    bogus = tmp_path / "ca.pem"
    bogus.write_text("hello")
    with pytest.raises(InputError, match="not a PEM certificate"):
        make_truststore(bogus, tmp_path)


def test_ca_is_generated_once_and_reused(capture: MitmdumpProcess, tmp_path: Path) -> None:
    before = capture.ca_cert.read_bytes()
    with MitmdumpProcess(tmp_path, confdir=capture.confdir) as second:
        assert second.ca_cert.read_bytes() == before
        assert second.port != capture.port
