"""Decoding layers: what gets decoded, and where decoded text came from."""

from __future__ import annotations

import base64
import gzip
import json
import random
from urllib.parse import quote

from harness.detect.match.layers import base64_runs, inflate, json_unescaped, looks_like_json, url_decoded


def test_form_tokens_are_decoded_into_one_layer_that_maps_back() -> None:
    first, second = quote("a/b+c", safe=""), quote('{"k":"x/y"}', safe="")
    form = f"plain=1&one={first}&two={second}&n=%41".encode()
    layer = url_decoded(form)
    assert layer is not None and layer.data == b'a/b+c\n{"k":"x/y"}'  # "%41" reveals nothing: left out
    start = layer.data.index(b"x/y")
    span = layer.source_span(start, start + 3)
    assert form[span[0] : span[1]] == second.encode()
    assert url_decoded(b"no escapes here") is None


def test_percent_decoding_survives_backslashes_and_stray_percent_signs() -> None:
    layer = url_decoded(b"q=%5Cu0041%2F100%+done")
    assert layer is not None and layer.data == b"\\u0041/100% done"


def test_base64_runs_decode_text_and_compressed_streams_only() -> None:
    text = base64.b64encode(b'{"lat":31.2304,"lng":121.4737}')
    packed = base64.b64encode(gzip.compress(b"hello world, hello world"))
    noise = base64.b64encode(random.Random(1).randbytes(48))
    uuid = b"3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c"
    body = b" ".join([text, packed, noise, uuid, b"short"])
    decoded = {layer.data[:2]: layer for layer in base64_runs(body, 16)}
    assert set(decoded) == {b'{"', b"\x1f\x8b"}
    layer = decoded[b'{"']
    assert layer.source_span(0, 5) == (0, len(text))


def test_url_safe_base64_is_named_as_such() -> None:
    (layer,) = base64_runs(base64.urlsafe_b64encode(b"??>>??>> some text ??>>??>>"), 16)
    assert layer.name == "base64url" and layer.data == b"??>>??>> some text ??>>??>>"


def test_inflate_reads_gzip_and_zlib_and_respects_the_cap() -> None:
    gz = inflate(gzip.compress(b"x" * 1000), max_bytes=100)
    assert gz is not None and gz.name == "gzip" and gz.data == b"x" * 100
    assert inflate(b"not compressed", 100) is None
    assert inflate(b"\x1f\x8bbroken", 100) is None


def test_json_escapes_are_resolved_in_text_but_not_in_binary() -> None:
    escaped = json.dumps({"n": "李金丝雀 😀", "p": "a/b"}).replace("/", "\\/").encode()
    layer = json_unescaped(escaped)
    assert layer is not None and layer.data.decode() == '{"n": "李金丝雀 😀", "p": "a/b"}'
    assert json_unescaped(b"\x00\x01\xff\\u0041\\/ binary") is None
    assert json_unescaped(b"no escapes") is None


def test_looks_like_json() -> None:
    assert looks_like_json(b' {"a": 1}\n') and looks_like_json(b"[1, 2]")
    assert not looks_like_json(b"a=1&b=2") and not looks_like_json(b"{")
