"""Expanding each canary value into the byte patterns it takes on the wire.

A canary first gets its *forms* (the same value written differently: a phone number with
+86, spaces or dashes; a MAC with or without separators, upper or lower case), then each
form gets its *encodings*. A variant's `chain` lists the transforms from the wire bytes
back to the form, outermost first: `("url", "base64")` is the percent-encoded base64 of
the value, `("base64", "sha256")` the base64 of its SHA-256 digest, `()` the plain value.

Base64 is matched at any alignment: for each of the three offsets at which a value can
start inside a larger base64 text, the pattern is the run of base64 characters that
depend on the value's bytes alone. The characters on either side of that run carry the
value's first and last few bits mixed with its neighbours'; a variant keeps those bits
(`lead`, `tail`) so that the matcher can check them and not mistake a value differing in
its last bits (…348 vs …349) for the canary.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

from harness.profile import Canary
from harness.records import clean_text

MIN_PATTERN_BYTES = 8
MAC_SHAPE = re.compile(r"[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\1[0-9A-Fa-f]{2}){4}")
_PERCENT_ESCAPE = re.compile(r"%[0-9A-F]{2}")
_DIGESTS = (("md5", hashlib.md5), ("sha1", hashlib.sha1), ("sha256", hashlib.sha256))


Bits = tuple[int, int]  # (how many bits, their value)


@dataclass(frozen=True)
class Variant:
    pattern: bytes
    canary: Canary
    form: str  # which written form of the value ("as_is", "mac_no_separator", ...)
    chain: tuple[str, ...]  # transforms from the wire back to the form, outermost first
    lead: Bits | None = None  # low bits of the base64 character just before the pattern
    tail: Bits | None = None  # high bits of the base64 character just after the pattern


@dataclass(frozen=True)
class Base64Core:
    text: bytes
    lead: Bits | None
    tail: Bits | None


def value_forms(canary: Canary) -> dict[str, str]:
    """The written forms of a canary's value, by name."""
    value = canary.value
    if MAC_SHAPE.fullmatch(value):
        forms = mac_forms(value)
    elif is_phone_number(canary):
        forms = phone_forms(value)
    else:
        forms = {"as_is": value}
    if canary.data_type == "device_id":
        forms.setdefault("lower", value.lower())
        forms.setdefault("upper", value.upper())
        # Baidu's CUID is "<md5>|<IMEI reversed>" (real traffic: app.video.baidu.com mtj_cuid)
        forms.setdefault("reversed", value[::-1])
    unique: dict[str, str] = {}
    for name, text in forms.items():
        if text and text not in unique.values():
            unique[name] = text
    return unique


def is_phone_number(canary: Canary) -> bool:
    return canary.data_type == "phone_number" or canary.label.endswith("_number")


def phone_forms(value: str) -> dict[str, str]:
    digits = re.sub(r"\D", "", value)
    national = digits
    if digits.startswith("0086"):
        national = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        national = digits[2:]
    forms = {"as_is": value, "national": national}
    if len(national) == 11 and national.startswith("1"):  # mobile: 3-4-4 grouping
        groups = (national[:3], national[3:7], national[7:])
        forms["spaced"] = " ".join(groups)
        forms["dashed"] = "-".join(groups)
    elif national.startswith("0") and len(national) >= 10:  # landline: trunk 0 + area code
        area_len = 3 if national[1] in "12" else 4
        area, local = national[:area_len], national[area_len:]
        forms["area_dashed"] = f"{area}-{local}"
        forms["area_spaced"] = f"{area} {local}"
        forms["area_parenthesised"] = f"({area}){local}"
        forms["international"] = f"86{national[1:]}"
        forms["international_spaced"] = f"+86 {area[1:]} {local}"
        forms["international_dashed"] = f"+86-{area[1:]}-{local}"
    return forms


def mac_forms(value: str) -> dict[str, str]:
    hex12 = re.sub(r"[^0-9a-fA-F]", "", value).lower()
    if len(hex12) != 12:
        return {"as_is": value}
    octets = [hex12[i : i + 2] for i in range(0, 12, 2)]
    forms = {"as_is": value}
    for case, convert in (("lower", str.lower), ("upper", str.upper)):
        forms[f"colon_{case}"] = convert(":".join(octets))
        forms[f"dash_{case}"] = convert("-".join(octets))
        forms[f"no_separator_{case}"] = convert(hex12)
    forms["dotted"] = ".".join(hex12[i : i + 4] for i in range(0, 12, 4))
    return forms


def base64_cores(data: bytes) -> Iterator[Base64Core]:
    """The base64 characters that encode `data` alone, for each of the 3 alignments, with the
    bits of `data` that spill into the characters on either side."""
    bits = len(data) * 8
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + data)
        first = -(-offset * 8 // 6)  # first character whose 6 bits all come from `data`
        last = (offset + len(data)) * 8 // 6  # one past the last such character
        lead_bits = first * 6 - offset * 8
        tail_bits = (offset + len(data)) * 8 - last * 6
        value = int.from_bytes(data, "big")
        yield Base64Core(
            encoded[first:last],
            (lead_bits, value >> (bits - lead_bits)) if lead_bits else None,
            (tail_bits, value & ((1 << tail_bits) - 1)) if tail_bits else None,
        )


def _url_forms(text: str) -> Iterator[str]:
    encoded = quote(text, safe="")
    if encoded != text:
        yield encoded
        yield _PERCENT_ESCAPE.sub(lambda m: m.group(0).lower(), encoded)
        yield quote_plus(text, safe="")


def _json_forms(text: str) -> Iterator[str]:
    escaped = json.dumps(text)[1:-1].replace("/", "\\/")
    if escaped != text:
        yield escaped
        yield re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), escaped)


def _base64_family(core: Base64Core, chain: tuple[str, ...]) -> Iterator[_Encoded]:
    """Base64 characters as sent plain, URL-safe, percent- and JSON-escaped. The edge bits are
    checked only where the neighbouring characters are plain base64 ones."""
    yield _Encoded(core.text, ("base64", *chain), core.lead, core.tail)
    text = core.text.decode("ascii")
    if "+" in text or "/" in text:
        url_safe = text.translate(str.maketrans("+/", "-_")).encode()
        yield _Encoded(url_safe, ("base64url", *chain), core.lead, core.tail)
        for url in _url_forms(text):
            yield _Encoded(url.encode(), ("url", "base64", *chain))
    if "/" in text:
        yield _Encoded(text.replace("/", "\\/").encode(), ("json_escape", "base64", *chain))


@dataclass(frozen=True)
class _Encoded:
    pattern: bytes
    chain: tuple[str, ...]
    lead: Bits | None = None
    tail: Bits | None = None


def encodings(text: str) -> Iterator[_Encoded]:
    """Every encoded pattern of one written form of a value."""
    text = clean_text(text)  # a recorded value may hold lone surrogates; recorded traffic is cleaned alike
    raw = text.encode("utf-8")
    yield _Encoded(raw, ())
    for url in _url_forms(text):
        yield _Encoded(url.encode(), ("url",))
    for escaped in _json_forms(text):
        yield _Encoded(escaped.encode(), ("json_escape",))
    yield _Encoded(raw.hex().encode(), ("hex",))
    yield _Encoded(raw.hex().upper().encode(), ("hex",))
    for core in base64_cores(raw):
        yield from _base64_family(core, ())
    for name, algorithm in _DIGESTS:
        digest = algorithm(raw).digest()
        yield _Encoded(digest, (name,))  # raw, inside binary bodies (protobuf bytes fields)
        yield _Encoded(digest.hex().encode(), ("hex", name))
        yield _Encoded(digest.hex().upper().encode(), ("hex", name))
        # a digest is sent on its own: its base64 is exact, final partial character included
        standalone = Base64Core(base64.b64encode(digest).rstrip(b"="), None, None)
        yield from _base64_family(standalone, (name,))


def expand(canaries: Iterable[Canary]) -> list[Variant]:
    """All variants of all canaries; a pattern repeated within one canary is kept once."""
    variants: list[Variant] = []
    for canary in canaries:
        seen: set[bytes] = set()
        for form, text in value_forms(canary).items():
            for encoded in encodings(text):
                pattern = encoded.pattern
                if len(pattern) >= MIN_PATTERN_BYTES and pattern not in seen:
                    seen.add(pattern)
                    variants.append(Variant(pattern, canary, form, encoded.chain, encoded.lead, encoded.tail))
    return variants


@dataclass(frozen=True)
class OutputBlob:
    """The head of a transform's output (see `transforms`), searched in flows like a value."""

    label: str
    head: bytes
    text: bool  # an encoder's output (base64 text): searched as text, not re-encoded
    complete: bool  # the head is the whole output: its base64 ends where the output ends


def output_variants(blob: OutputBlob) -> list[Variant]:
    """The wire patterns of a transform's output head: raw, hex and base64 (any alignment) for
    bytes; raw, percent- and JSON-escaped for text."""
    canary = Canary("transform_output", blob.label, blob.head.hex())
    found: list[_Encoded] = [_Encoded(blob.head, ())]
    if blob.text:
        text = blob.head.decode("latin-1")
        found += [_Encoded(url.encode(), ("url",)) for url in _url_forms(text)]
        found += [_Encoded(escaped.encode("latin-1"), ("json_escape",)) for escaped in _json_forms(text)]
    else:
        hex_text = blob.head.hex()
        found += [_Encoded(hex_text.encode(), ("hex",)), _Encoded(hex_text.upper().encode(), ("hex",))]
        encoded = base64.b64encode(blob.head)
        first = encoded.rstrip(b"=") if blob.complete else encoded[: len(blob.head) * 8 // 6]
        found += _base64_family(Base64Core(first, None, None), ())
        for core in list(base64_cores(blob.head))[1:]:
            found += _base64_family(Base64Core(core.text, core.lead, None), ())
    unique: dict[bytes, _Encoded] = {}
    for encoded_form in found:
        if len(encoded_form.pattern) >= MIN_PATTERN_BYTES:
            unique.setdefault(encoded_form.pattern, encoded_form)
    return [Variant(e.pattern, canary, "output", e.chain, e.lead, e.tail) for e in unique.values()]
