"""Encodings real SDKs use: wrapped base64, reversed identifiers, protobuf, multipart, headers."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import random

import pytest

from harness.detect.match.layers import unwrapped_base64
from harness.detect.match.matcher import Matcher
from harness.detect.match.wire_layers import multipart_parts, protobuf_fields
from harness.detect.view import Flow
from harness.profile import Canary

MAC = Canary("mac_address", "mac", "3c:a6:f6:51:8e:27")
IMEI = Canary("device_id", "imei", "864231057719348")
ANDROID_ID = Canary("device_id", "android_id", "9c4f2b7e1a38d650")


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher([MAC, IMEI, ANDROID_ID])


def android_default(data: bytes, newline: str = "\n") -> str:
    text = base64.b64encode(data).decode()
    return "".join(text[i : i + 76] + newline for i in range(0, len(text), 76))


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def field(number: int, wire_type: int, payload: bytes) -> bytes:
    tag = varint(number << 3 | wire_type)
    if wire_type == 2:
        return tag + varint(len(payload)) + payload
    return tag + payload


def test_base64_wrapped_by_android_default_is_unwrapped_for_every_split_position(matcher: Matcher) -> None:
    blob = b"\x1b\x04\x8c\x06serial\x18\x10" + b"\x00\x17mac\x18\x11" + MAC.value.encode() + b"\x15\x02"
    for pad in range(0, 80):  # the MAC's characters straddle the line break at some offsets
        encoded = android_default(b"\x99" * pad + blob)
        body = json.dumps({"id_tracking": encoded}).encode()  # the breaks arrive as "\\n"
        found = [m for m in matcher.scan(body, "body") if m.canary == "mac"]
        assert found, pad
        start, end = found[0].start, found[0].end
        assert b"\\n" in body[start:end] or "line_wrap" not in found[0].encoding


def test_wrapped_base64_with_real_crlf_breaks_maps_back_to_the_source_lines() -> None:
    encoded = android_default(bytes(range(200)), "\r\n").encode()
    layer = unwrapped_base64(b"x=" + encoded)
    assert layer is not None and layer.name == "line_wrap"
    assert layer.data.strip() == base64.b64encode(bytes(range(200))).rstrip(b"=")
    start, end = layer.source_span(70, 80)
    assert (b"x=" + encoded)[start:end].count(b"\r\n") == 1


def test_text_with_short_lines_is_not_taken_for_wrapped_base64() -> None:
    assert unwrapped_base64(b"line one\nline two\n" * 20) is None
    assert unwrapped_base64(b"A" * 76 + b"\n" + b"!" * 10) is None  # one line, nothing after it
    assert unwrapped_base64(random.Random(3).randbytes(4000)) is None  # binary


def test_a_reversed_imei_is_found_and_a_similar_number_is_not(matcher: Matcher) -> None:
    url = f"https://app.video.example.cn/?cuid=B037AAA0A04E915819DCEFD8378CD134%7C{IMEI.value[::-1]}".encode()
    [match] = matcher.scan(url, "url")
    assert (match.canary, match.form) == ("imei", "reversed")
    assert matcher.scan(b"cuid=843917750132469", "url") == []  # reversed, last digit off


def test_protobuf_strings_varints_and_raw_digests(matcher: Matcher) -> None:
    digest = hashlib.sha256(ANDROID_ID.value.encode()).digest()
    inner = field(1, 2, b"com.example.app") + field(2, 0, varint(int(IMEI.value)))
    message = field(1, 2, inner) + field(3, 2, digest) + field(4, 5, b"\x01\x02\x03\x04")
    layer = protobuf_fields(message)
    assert layer is not None and layer.name == "protobuf"
    assert layer.data.split(b"\n") == [b"com.example.app", IMEI.value.encode(), digest.hex().encode()]
    start, end = layer.source_span(16, 31)  # the IMEI's varint
    assert message[start:end] == varint(int(IMEI.value))
    found = {(m.canary, m.encoding) for m in matcher.scan(message, "body")}
    assert ("imei", ("protobuf",)) in found
    assert ("android_id", ("sha256",)) in found  # the raw digest, in the recorded bytes


def test_protobuf_parser_rejects_text_random_bytes_and_truncated_messages() -> None:
    assert protobuf_fields(b'{"a": 1}') is None
    rng = random.Random(5)
    assert all(protobuf_fields(b"\x00\xff" + rng.randbytes(500)) is None for _ in range(50))
    assert protobuf_fields(field(1, 2, b"\x00hello world")[:-3]) is None
    nested = field(1, 2, b"")
    for _ in range(100):
        nested = field(1, 2, nested)
    assert protobuf_fields(b"\x00" + nested) is None  # field number 0: not a message


def test_multipart_parts_are_decoded_when_compressed_or_binary(matcher: Matcher) -> None:
    packed = gzip.compress(json.dumps({"imei": IMEI.value}).encode())
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="log"; filename="l.gz"\r\n'
        b"Content-Type: application/gzip\r\n\r\n" + packed + b"\r\n--XyZ--\r\n"
    )
    [part] = multipart_parts(body)
    assert part.data == packed
    [match] = matcher.scan(body, "body")
    assert match.encoding == ("multipart", "gzip", "json")
    assert list(multipart_parts(b"plain text body")) == []


def test_nested_gzip_base64_json_inside_a_cookie_header(matcher: Matcher) -> None:
    packed = base64.b64encode(gzip.compress(json.dumps({"d": {"aid": ANDROID_ID.value}}).encode())).decode()
    headers = (("Cookie", f"sid=abc123; _t={packed}; lang=zh"),)
    request = Flow(
        0, 1.0, "ok", "GET", "a.example.cn", "https://a.example.cn/", headers, None, None, False, None, None
    )
    [match] = matcher.scan_flow(request).matches
    assert (match.canary, match.location, match.encoding) == (
        "android_id",
        "header:Cookie",
        ("base64", "gzip", "json"),
    )
