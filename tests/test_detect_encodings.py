"""Canary forms and encoded variants."""

from __future__ import annotations

import base64
import random

import pytest

from harness.detect.match.encodings import (
    MIN_PATTERN_BYTES,
    base64_cores,
    expand,
    mac_forms,
    phone_forms,
    value_forms,
)
from harness.profile import DEFAULT_PROFILE, Canary, canaries
from harness.records import clean_text


def test_mobile_number_forms() -> None:
    forms = phone_forms("+8613722049981")
    assert forms["national"] == "13722049981"
    assert forms["spaced"] == "137 2204 9981"
    assert forms["dashed"] == "137-2204-9981"


def test_landline_forms_keep_the_area_code() -> None:
    forms = phone_forms("01084461932")
    assert forms["area_dashed"] == "010-84461932"
    assert forms["international"] == "861084461932"
    assert forms["international_spaced"] == "+86 10 84461932"
    assert phone_forms("075512345678")["area_dashed"] == "0755-12345678"


def test_mac_forms_with_and_without_separators() -> None:
    forms = set(mac_forms("3c:a6:f6:51:8e:27").values())
    assert {
        "3ca6f6518e27",
        "3CA6F6518E27",
        "3c-a6-f6-51-8e-27",
        "3C:A6:F6:51:8E:27",
        "3ca6.f651.8e27",
    } <= forms


def test_forms_follow_the_value_shape_not_the_label() -> None:
    assert "no_separator_lower" in value_forms(
        Canary("wifi", "observed:WifiInfo.getBSSID", "A4:1B:C0:7D:22:9E")
    )
    assert "spaced" in value_forms(Canary("call_log", "call_0_number", "13652287104"))
    assert value_forms(Canary("clipboard", "clipboard", "hello world 1234")) == {"as_is": "hello world 1234"}
    android_id = Canary("device_id", "android_id", "9c4f2b7e1a38d650")
    assert set(value_forms(android_id)) == {"as_is", "upper", "reversed"}


@pytest.mark.parametrize("value", [c.value for c in canaries(DEFAULT_PROFILE)])
def test_a_base64_core_appears_whatever_surrounds_the_value(value: str) -> None:
    rng = random.Random(value)
    data = value.encode()
    cores = list(base64_cores(data))
    for prefix_len in range(6):
        for suffix_len in range(3):
            blob = base64.b64encode(rng.randbytes(prefix_len) + data + rng.randbytes(suffix_len))
            assert any(core.text in blob for core in cores), (prefix_len, suffix_len)


def test_base64_core_edges_carry_the_leftover_bits() -> None:
    data = b"864231057719348"
    lead_free, one, two = base64_cores(data)
    assert lead_free.lead is None and lead_free.tail is None  # 15 bytes: whole characters
    assert one.lead == (4, data[0] >> 4) and one.tail == (2, data[-1] & 0b11)
    assert two.lead == (2, data[0] >> 6) and two.tail == (4, data[-1] & 0b1111)


def test_expansion_covers_every_listed_encoding() -> None:
    variants = expand([Canary("device_id", "imei", DEFAULT_PROFILE.imei)])
    chains = {v.chain for v in variants}
    assert {(), ("hex",), ("base64",)} <= chains
    for digest in ("md5", "sha1", "sha256"):
        assert {("hex", digest), ("base64", digest)} <= chains
    assert all(len(v.pattern) >= MIN_PATTERN_BYTES for v in variants)
    assert len({v.pattern for v in variants}) == len(variants)


def test_non_ascii_values_get_url_and_json_escapes() -> None:
    variants = expand([Canary("contacts", "contact_1_name", "李金丝雀")])
    patterns = {v.pattern: v.chain for v in variants}
    assert patterns[b"%E6%9D%8E%E9%87%91%E4%B8%9D%E9%9B%80"] == ("url",)
    assert patterns[b"%e6%9d%8e%e9%87%91%e4%b8%9d%e9%9b%80"] == ("url",)
    assert patterns[b"\\u674e\\u91d1\\u4e1d\\u96c0"] == ("json_escape",)
    assert patterns[b"\\u674E\\u91D1\\u4E1D\\u96C0"] == ("json_escape",)


def test_a_value_with_a_lone_surrogate_expands_as_recorded_traffic_is_cleaned() -> None:
    hostile = "copied \udcff text here"
    variants = expand([Canary("clipboard", "clipboard", hostile)])
    patterns = {v.pattern for v in variants}
    assert clean_text(hostile).encode("utf-8") in patterns  # the form a cleaned flow carries
    cleaned = expand([Canary("clipboard", "clipboard", clean_text(hostile))])
    assert [v.pattern for v in cleaned] == [v.pattern for v in variants]
