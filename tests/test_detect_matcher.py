"""Canary matching per encoding: each case must match (with its chain) or must not match."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import zlib
from urllib.parse import quote

import pytest

from harness.detect.match.coords import CoordinateCanary
from harness.detect.match.matcher import Match, Matcher, MatchLimits
from harness.detect.view import Flow
from harness.profile import DEFAULT_PROFILE, Canary, canaries

P = DEFAULT_PROFILE
IMEI = P.imei.encode()
# a value whose base64 holds "+" and "/" at every alignment, to exercise those characters
SLASHY = Canary("device_id", "slashy", "??>>??>>??>>")


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher([*canaries(P), SLASHY], CoordinateCanary(P.latitude, P.longitude))


def found(matcher: Matcher, data: bytes, chain: tuple[str, ...] = ()) -> set[tuple[str, tuple[str, ...]]]:
    return {(m.canary, m.encoding) for m in matcher.scan(data, "body", chain)}


def flow(
    body: bytes | None = None,
    headers: tuple[tuple[str, str], ...] = (),
    url: str = "https://t.example.net/collect",
    content_encoding: str | None = None,
    decode_error: str | None = None,
) -> Flow:
    return Flow(
        0, 1.0, "ok", "POST", "t.example.net", url, headers, body, content_encoding, False, decode_error, None
    )


def b64(data: bytes) -> bytes:
    return base64.b64encode(data)


MUST_MATCH = [
    ("plain in a query", b"a=1&imei=" + IMEI + b"&b=2", "imei", ("plain",)),
    ("plain in JSON", json.dumps({"imei": P.imei}).encode(), "imei", ("json",)),
    ("hex lower", IMEI.hex().encode(), "imei", ("hex",)),
    ("hex upper", IMEI.hex().upper().encode(), "imei", ("hex",)),
    ("md5 hex upper", hashlib.md5(IMEI).hexdigest().upper().encode(), "imei", ("hex", "md5")),
    ("md5 base64", b64(hashlib.md5(IMEI).digest()), "imei", ("base64", "md5")),
    ("sha1 hex", hashlib.sha1(IMEI).hexdigest().encode(), "imei", ("hex", "sha1")),
    ("sha256 hex", hashlib.sha256(IMEI).hexdigest().encode(), "imei", ("hex", "sha256")),
    ("sha256 base64", b64(hashlib.sha256(IMEI).digest()), "imei", ("base64", "sha256")),
    (
        "sha256 of the upper-case Android ID",
        hashlib.sha256(P.android_id.upper().encode()).hexdigest().encode(),
        "android_id",
        ("hex", "sha256"),
    ),
    ("base64 at offset 0", b64(IMEI + b"|x"), "imei", ("base64",)),
    ("base64 at offset 1", b64(b"k" + IMEI + b"|x"), "imei", ("base64",)),
    ("base64 at offset 2", b64(b"k=" + IMEI + b"|x"), "imei", ("base64",)),
    ("base64 url-safe", base64.urlsafe_b64encode(b"k" + SLASHY.value.encode()), "slashy", ("base64url",)),
    (
        "percent-encoded base64",
        quote(b64(b"k" + SLASHY.value.encode()).decode(), safe="").encode(),
        "slashy",
        ("url", "base64"),
    ),
    (
        "JSON-escaped base64 slashes",
        json.dumps({"d": b64(SLASHY.value.encode()).decode()}).replace("/", "\\/").encode(),
        "slashy",
        ("json", "json_escape", "base64"),
    ),
    ("url-encoded MAC", b"mac=" + quote(P.mac_address, safe="").encode(), "mac_address", ("url",)),
    ("form-encoded spaces", b"sms=PPSMS+canary+code+482913", "sms_0_body", ("url",)),
    (
        "url-encoded UTF-8 name, lower-case hex",
        quote("李金丝雀").lower().encode(),
        "contact_1_name",
        ("url",),
    ),
    ("JSON \\u escapes", json.dumps({"n": "李金丝雀"}).encode(), "contact_1_name", ("json", "json_escape")),
    (
        "JSON \\u escapes, upper-case hex",
        b'{"n":"\\u674E\\u91D1\\u4E1D\\u96C0"}',
        "contact_1_name",
        ("json", "json_escape"),
    ),
    ("phone +86 spaced", b"tel=+86 139 1234 5678", "phone_number", ("plain",)),
    ("phone dashed", b"tel=139-1234-5678", "phone_number", ("plain",)),
    ("phone +86 joined", b"tel=%2B8613912345678", "phone_number", ("plain",)),
    ("contact stored with +86, sent national", b"c=13722049981", "contact_2_number", ("plain",)),
    ("landline with area code", b"n=010-84461932", "call_1_number", ("plain",)),
    ("landline international", b"n=+86 10 84461932", "call_1_number", ("plain",)),
    ("MAC without separators, upper", b"m=3CA6F6518E27", "mac_address", ("plain",)),
    ("MAC with dashes", b"m=3c-a6-f6-51-8e-27", "mac_address", ("plain",)),
    ("MAC dotted", b"m=3ca6.f651.8e27", "mac_address", ("plain",)),
    ("BSSID upper with colons", P.bssid.upper().encode(), "bssid", ("plain",)),
    ("installed package", b'{"apps":["com.canary.dating","x"]}', "package_com.canary.dating", ("json",)),
    ("coordinates with 4 decimals", b'{"lat":31.2304,"lng":121.4737}', "location", ("json",)),
    ("coordinates lon first, 2 decimals", b"ll=121.47,31.23", "location", ("plain",)),
    ("coordinates as E6 integers", b"lo=121473701&la=31230416", "location", ("e6",)),
    (
        "base64 of JSON",
        json.dumps({"d": b64(json.dumps({"imei": P.imei}).encode()).decode()}).encode(),
        "imei",
        ("json", "base64"),
    ),
    ("double base64", b64(b64(b"imei=" + IMEI)), "imei", ("base64", "base64")),
    ("zlib inside base64", b64(zlib.compress(b"imei=" + IMEI)), "imei", ("base64", "zlib")),
    (
        "double percent-encoding",
        quote(quote(P.mac_address, safe=""), safe="").encode(),
        "mac_address",
        ("url", "url"),
    ),
    (
        "coordinates in base64 of JSON",
        b64(json.dumps({"loc": {"lat": P.latitude, "lng": P.longitude}}).encode()),
        "location",
        ("base64", "json"),
    ),
    (
        "coordinates in percent-encoded base64 of JSON",
        b"q="
        + quote(
            b64(json.dumps({"q": "??>>??", "lat": 31.2304, "lng": 121.4737}).encode()).decode(), safe=""
        ).encode(),
        "location",
        ("url", "base64", "json"),
    ),
]


@pytest.mark.parametrize(
    ("body", "canary", "chain"), [c[1:] for c in MUST_MATCH], ids=[c[0] for c in MUST_MATCH]
)
def test_must_match(matcher: Matcher, body: bytes, canary: str, chain: tuple[str, ...]) -> None:
    assert (canary, chain) in found(matcher, body)


MUST_NOT_MATCH = [
    ("a random 15-digit number that is not the IMEI", b"id=864231057719349&n=100000000000000"),
    ("the IMEI cut short", b"id=86423105771934x"),
    (
        "coordinates 0.5 degrees away",
        json.dumps({"lat": P.latitude + 0.5, "lng": P.longitude + 0.5}).encode(),
    ),
    ("coordinates 0.5 degrees away as E6", b"lo=121973701&la=31730416"),
    ("latitude without longitude", b'{"lat":31.2304,"alt":12.5}'),
    ("coordinates with one decimal", b"ll=31.2,121.5"),
    ("coordinates inside longer numbers", b"v=131.2304&w=1121.4737"),
    ("a hash of a different value", hashlib.md5(b"864231057719349").hexdigest().encode()),
    ("sha256 of a different value, base64", b64(hashlib.sha256(b"864231057719349").digest())),
    ("base64 of a different value", b64(b"k=864231057719349")),
    ("a MAC that differs in one octet", b"m=3c:a6:f6:51:8e:28"),
    ("a phone number that differs in one digit", b"tel=+86 139 1234 5679"),
    ("binary noise", bytes(range(256)) * 40),
]


@pytest.mark.parametrize("body", [c[1] for c in MUST_NOT_MATCH], ids=[c[0] for c in MUST_NOT_MATCH])
def test_must_not_match(matcher: Matcher, body: bytes) -> None:
    assert found(matcher, body) == set()


def test_a_canary_split_across_two_headers_is_not_a_match(matcher: Matcher) -> None:
    split = flow(headers=(("X-Id-A", P.imei[:8]), ("X-Id-B", P.imei[8:])))
    assert matcher.scan_flow(split).matches == ()


def test_a_canary_split_between_url_and_header_is_not_a_match(matcher: Matcher) -> None:
    split = flow(url=f"https://t.example.net/c?i={P.imei[:7]}", headers=(("X-Rest", P.imei[7:]),))
    assert matcher.scan_flow(split).matches == ()


def test_locations_name_the_url_the_header_and_the_body(matcher: Matcher) -> None:
    scan = matcher.scan_flow(
        flow(
            body=json.dumps({"ssid": P.ssid}).encode(),
            headers=(("X-Device", P.android_id),),
            url=f"https://t.example.net/c?imei={P.imei}",
        )
    )
    assert {(m.canary, m.location) for m in scan.matches} == {
        ("imei", "url"),
        ("android_id", "header:X-Device"),
        ("ssid", "body"),
    }


def test_gzip_body_with_a_gzipped_base64_field_gives_the_whole_chain(matcher: Matcher) -> None:
    inner = base64.b64encode(gzip.compress(json.dumps({"mac": P.mac_address}).encode())).decode()
    body = json.dumps({"blob": inner}).encode()  # the capture side already undid Content-Encoding
    (match,) = matcher.scan_flow(flow(body=body, content_encoding="gzip")).matches
    assert match.encoding == ("gzip", "json", "base64", "gzip", "json")
    assert match.canary == "mac_address"
    assert P.mac_address in match.excerpt


def test_a_body_the_capture_could_not_decode_is_inflated_once(matcher: Matcher) -> None:
    raw = gzip.compress(b"imei=" + IMEI)
    (match,) = matcher.scan_flow(
        flow(body=raw, content_encoding="gzip", decode_error="gzip: bad data")
    ).matches
    assert match.encoding == ("gzip",)


def test_a_match_seen_through_a_decoding_is_reported_once(matcher: Matcher) -> None:
    body = json.dumps({"d": b64(b"imei=" + IMEI).decode()}).encode()
    assert [m.canary for m in matcher.scan(body, "body")] == ["imei"]


def test_span_points_into_the_recorded_text(matcher: Matcher) -> None:
    plain = b"a=1&imei=" + IMEI
    (match,) = matcher.scan(plain, "body")
    assert plain[match.start : match.end] == IMEI
    token = quote(
        b64(json.dumps({"q": "??>>??", "lat": 31.2304, "lng": 121.4737}).encode()).decode(), safe=""
    )
    nested = b"xx&q=" + token.encode() + b"&z=1"
    (match,) = matcher.scan(nested, "body")
    assert nested[match.start : match.end] == token.encode()  # the token the fix was decoded from
    assert "31.2304" in match.excerpt


def test_depth_limit_stops_nested_decoding() -> None:
    shallow = Matcher(canaries(P), limits=MatchLimits(max_depth=1))
    body = b64(zlib.compress(b"imei=" + IMEI))
    assert shallow.scan(body, "body") == []
    deep = Matcher(canaries(P), limits=MatchLimits(max_depth=2))
    assert [m.canary for m in deep.scan(body, "body")] == ["imei"]


def test_view_budget_marks_the_flow_as_capped() -> None:
    capped = Matcher(canaries(P), limits=MatchLimits(max_views=0))
    scan = capped.scan_flow(flow(body=b64(zlib.compress(b"imei=" + IMEI))))
    assert scan.capped and scan.matches == ()
    assert not capped.scan_flow(flow(body=b"nothing to decode here")).capped


def test_inflation_is_capped() -> None:
    bomb = b64(zlib.compress(b"\0" * 10_000_000 + b"imei=" + IMEI))
    small = Matcher(canaries(P), limits=MatchLimits(max_inflated_bytes=1_000_000))
    assert small.scan(bomb, "body") == []


def test_match_records_value_form_and_data_type(matcher: Matcher) -> None:
    (match,) = matcher.scan(b"m=3CA6F6518E27", "header:X-Mac")
    assert match == Match(
        canary="mac_address",
        data_type="mac_address",
        value=P.mac_address,
        form="no_separator_upper",
        encoding=("plain",),
        location="header:X-Mac",
        start=2,
        end=14,
        excerpt="m=3CA6F6518E27",
    )


def test_one_automaton_holds_every_canary_and_trigger(matcher: Matcher) -> None:
    assert len(canaries(P)) >= 20
    assert len(matcher.patterns) == len(set(matcher.patterns)) > 1000
