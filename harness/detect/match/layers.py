"""Decoding layers: the parts of a text that decode to another text worth searching.

Each finder gives `Layer`s: the decoded bytes, the name of the decoding and, for each part
of the decoded bytes, the span of the source text it came from (the percent-encoded tokens
of a form body are decoded into one layer, one line per token, so that a form with fifty
fields costs one more search, not fifty). The matcher searches every layer again (nested
chains such as gzip → base64 → JSON) until its depth and byte budget run out.
"""

from __future__ import annotations

import binascii
import re
import zlib
from _codecs import escape_decode
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

_BASE64_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_"
# Maps base64 characters to 0x01 and everything else to 0x00, so that runs are found with
# bytes.find (fast search in C) instead of a character-class regex.
_RUN_TABLE = bytes(1 if c in _BASE64_CHARS else 0 for c in range(256))
_TEXT_LEADS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
_NON_TEXT_LEAD_TABLE = bytes(0 if c in _TEXT_LEADS else 1 for c in range(256))
# gzip (1f 8b 08) and zlib (78 01/5e/9c/da) headers as base64
_COMPRESSED_PREFIXES = (b"H4sI", b"eA", b"eF", b"eJ", b"eN")
# Escapes whose decoding can reveal something the other layers cannot see in the encoded text:
# base64's "+" and "/" (they split a base64 run), "%" (double encoding) and "\\" (JSON escapes).
# Other escaped canary text is found by the "url" patterns directly.
_REVEALING_ESCAPE = re.compile(rb"%(?:2[bBfF5]|5[cC])")
_HEX_AND_DASH = b"0123456789abcdefABCDEF-"
_URL_SAFE_TO_STANDARD = bytes.maketrans(b"-_", b"+/")
_TEXT_BYTES = bytes([9, 10, 13, *range(32, 256)])
_TOKEN_DELIMITERS = b"&=?;, \t\r\n\"'<>{}[]"
_TOKEN_TABLE = bytes(0 if c in _TOKEN_DELIMITERS else 1 for c in range(256))
_JSON_ESCAPE = re.compile(
    rb"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\/"
)


@dataclass(frozen=True)
class Segment:
    start: int  # where this part begins in the decoded data
    source_start: int  # the span of the source text it was decoded from
    source_end: int


@dataclass(frozen=True)
class Layer:
    data: bytes
    # the decoding: gzip, zlib, base64, base64url, url, json_escape, line_wrap, protobuf, multipart
    name: str
    segments: tuple[Segment, ...]  # in order of `start`

    @classmethod
    def of(cls, data: bytes, name: str, source_start: int, source_end: int) -> Layer:
        return cls(data, name, (Segment(0, source_start, source_end),))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the source text that decodes to data[start:end]."""
        starts = [segment.start for segment in self.segments]
        first = self.segments[max(bisect_right(starts, start) - 1, 0)]
        last = self.segments[max(bisect_right(starts, max(end - 1, start)) - 1, 0)]
        return first.source_start, last.source_end


def inflate(data: bytes, max_bytes: int) -> Layer | None:
    """A gzip or zlib stream at the start of `data`, inflated up to `max_bytes`."""
    compression = _compression(data)
    if compression is None:
        return None
    name, wbits = compression
    try:
        inflated = zlib.decompressobj(wbits).decompress(data, max_bytes)
    except zlib.error:
        return None
    return Layer.of(inflated, name, 0, len(data)) if inflated else None


def _compression(data: bytes) -> tuple[str, int] | None:
    """("gzip"|"zlib", zlib wbits) when `data` starts with such a stream's header."""
    if data[:2] == b"\x1f\x8b":
        return "gzip", 31
    if len(data) >= 2 and data[0] == 0x78 and int.from_bytes(data[:2], "big") % 31 == 0:
        return "zlib", 15
    return None


def base64_runs(data: bytes, min_chars: int) -> Iterator[Layer]:
    """Every maximal run of at least `min_chars` base64 characters that encodes text or a
    gzip/zlib stream, decoded.

    Binary payloads are left alone: a canary inside base64 is already found in the encoded
    text by the aligned base64 patterns; decoding pays only where further layers or numbers
    (coordinates) can hide, and that is in text and compressed streams. Text is recognised
    before decoding: a byte below 0x80 starts with a 0 bit, so the first character of each
    4-character group that encodes text is one of A-Z, a-f."""
    marks = data.translate(_RUN_TABLE)
    needle = b"\x01" * min_chars
    start = marks.find(needle)
    non_text_leads = data.translate(_NON_TEXT_LEAD_TABLE) if start != -1 else b""
    while start != -1:
        end = marks.find(b"\0", start)
        if end == -1:
            end = len(data)
        run_start, start = start, marks.find(needle, end)
        mostly_text = non_text_leads[run_start:end:4].count(1) * 4 <= (end - run_start + 3) // 4
        if not (mostly_text or data.startswith(_COMPRESSED_PREFIXES, run_start)):
            continue
        text = data[run_start:end]
        if not text.strip(_HEX_AND_DASH):
            continue  # hex digests and UUIDs
        url_safe = b"-" in text or b"_" in text
        if url_safe:
            if b"+" in text or b"/" in text:
                continue  # two alphabets mixed: not base64
            text = text.translate(_URL_SAFE_TO_STANDARD)
        decoded = _decode_base64(text)
        if _compression(decoded) is not None or (decoded and _is_text(decoded)):
            yield Layer.of(decoded, "base64url" if url_safe else "base64", run_start, end)


def _decode_base64(text: bytes) -> bytes:
    if len(text) % 4 == 1:
        text = text[:-1]
    try:
        return binascii.a2b_base64(text + b"=" * (-len(text) % 4))
    except binascii.Error:
        return b""


def _is_text(data: bytes) -> bool:
    if len(data.translate(None, _TEXT_BYTES)) * 50 > len(data):
        return False  # control characters: binary
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def url_decoded(data: bytes) -> Layer | None:
    """The query/form tokens holding a revealing %XX escape, percent-decoded ('+' as space),
    one per line."""
    if b"%" not in data:
        return None
    marks = data.translate(_TOKEN_TABLE)  # 0x00 at token delimiters
    parts: list[bytes] = []
    segments: list[Segment] = []
    size = token_end = 0
    for escape in _REVEALING_ESCAPE.finditer(data):
        if escape.start() < token_end:
            continue
        delimiter = marks.rfind(b"\0", token_end, escape.start())
        start = delimiter + 1 if delimiter != -1 else token_end
        token_end = marks.find(b"\0", escape.end())
        if token_end == -1:
            token_end = len(data)
        decoded = _percent_decode(data[start:token_end])
        segments.append(Segment(size, start, token_end))
        parts.append(decoded)
        size += len(decoded) + 1
    return Layer(b"\n".join(parts), "url", tuple(segments)) if parts else None


def _percent_decode(token: bytes) -> bytes:
    """Form/query decoding; %XX escapes are turned into \\xXX ones for the C unescaper."""
    spaced = token.replace(b"+", b" ")
    try:
        return escape_decode(spaced.replace(b"\\", b"\\\\").replace(b"%", b"\\x"))[0]
    except ValueError:  # a "%" that starts no valid escape
        return unquote_to_bytes(spaced)


def json_unescaped(data: bytes) -> Layer | None:
    """The text with JSON \\uXXXX and \\/ escapes resolved, when it is text and has any."""
    if b"\\" not in data or not _JSON_ESCAPE.search(data) or not _is_text(data):
        return None
    return Layer.of(_JSON_ESCAPE.sub(_unescape, data), "json_escape", 0, len(data))


def _unescape(match: re.Match[bytes]) -> bytes:
    high, low, single = match.group(1), match.group(2), match.group(3)
    if high is not None and low is not None:
        code = 0x10000 + ((int(high, 16) - 0xD800) << 10) + (int(low, 16) - 0xDC00)
        return chr(code).encode("utf-8")
    if single is not None:
        return chr(int(single, 16)).encode("utf-8", errors="surrogatepass")
    return b"/"


def looks_like_json(data: bytes) -> bool:
    text = data.strip()
    return len(text) >= 2 and text[:1] in b"{[" and text[-1:] in b"}]"


# Android's Base64.DEFAULT (and MIME) break lines every 76 characters, PEM every 64; inside a
# JSON string the break arrives escaped. Source: AOSP frameworks/base/core/java/android/util/
# Base64.java (Encoder.LINE_GROUPS = 19 groups of 4 characters per line).
_WRAP_WIDTHS = (76, 64)
_LINE_BREAKS = (b"\\r\\n", b"\\n", b"\r\n", b"\n")
_BASE64_LINE_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_LINE_TABLE = bytes(1 if c in _BASE64_LINE_CHARS else 0 for c in range(256))


def unwrapped_base64(data: bytes) -> Layer | None:
    """Base64 text wrapped into lines of 76 (or 64) characters, with the line breaks removed, so
    that a value whose encoding straddles a break is found like any other base64."""
    if data[:_BINARY_HINT].translate(None, _TEXT_BYTES):
        return None  # binary: wrapped base64 is text
    breaks = _line_breaks(data)
    if not breaks:
        return None
    marks = data.translate(_LINE_TABLE)
    parts: list[bytes] = []
    segments: list[Segment] = []
    size = 0
    previous_end = 0
    for begin, after in breaks:
        if begin < previous_end:
            continue  # inside a block already taken
        line_start = max(marks.rfind(b"\0", 0, begin) + 1, previous_end)
        previous_end = after
        width = begin - line_start
        if width not in _WRAP_WIDTHS:
            continue
        lines = _wrapped_lines(data, marks, line_start, begin, after, width)
        if len(lines) < 2:
            continue
        for start, end in lines:
            segments.append(Segment(size, start, end))
            parts.append(data[start:end])
            size += end - start
        parts.append(b"\n")  # blocks stay apart
        size += 1
        previous_end = lines[-1][1]
    return Layer(b"".join(parts), "line_wrap", tuple(segments)) if parts else None


def _line_breaks(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of every line break, real ("\\n", "\\r\\n") or JSON-escaped, in order."""
    found: list[tuple[int, int]] = []
    index = data.find(b"\n")
    while index != -1:
        found.append((index - 1 if index and data[index - 1] == 13 else index, index + 1))
        index = data.find(b"\n", index + 1)
    index = data.find(b"\\n")
    while index != -1:
        found.append((index - 2 if data[index - 2 : index] == b"\\r" else index, index + 2))
        index = data.find(b"\\n", index + 2)
    found.sort()
    return found


def _wrapped_lines(
    data: bytes, marks: bytes, first_start: int, first_end: int, cursor: int, width: int
) -> list[tuple[int, int]]:
    """The lines of one wrapped block: full lines of `width` characters, each followed by a
    break, then a last, shorter or equal, line."""
    lines = [(first_start, first_end)]
    while True:
        end = marks.find(b"\0", cursor)
        end = len(data) if end == -1 else end
        following = _break_at(data, end) if end - cursor == width else None
        if following is not None:
            lines.append((cursor, end))
            cursor = following
            continue
        if 0 < end - cursor <= width:
            lines.append((cursor, end))
        return lines


def _break_at(data: bytes, end: int) -> int | None:
    """Where the line break starting at `end` ends, or None when there is none."""
    for brk in _LINE_BREAKS:
        if data.startswith(brk, end):
            return end + len(brk)
    return None


# Protocol Buffers wire format without a schema: https://protobuf.dev/programming-guides/encoding/
_VARINT, _FIXED64, _LENGTH_DELIMITED, _FIXED32 = 0, 1, 2, 5
_DIGEST_SIZES = frozenset({16, 20, 32})  # MD5, SHA-1, SHA-256: shown as hex
_BINARY_HINT = 64  # bytes looked at to tell binary from text before trying to parse


@dataclass(frozen=True)
class ProtobufLimits:
    max_depth: int = 4
    max_fields: int = 4096
    max_bytes: int = 4 * 1024 * 1024


class _NotProtobuf(Exception):
    pass


def protobuf_fields(data: bytes, limits: ProtobufLimits | None = None) -> Layer | None:
    """A binary body that parses completely as a protobuf message: its strings, its numbers in
    decimal and digest-sized byte strings in hex, one per line, each mapped to its field."""
    limits = limits or ProtobufLimits()
    if len(data) < 2 or len(data) > limits.max_bytes or not data[:_BINARY_HINT].translate(None, _TEXT_BYTES):
        return None
    values: list[tuple[bytes, int, int]] = []
    try:
        _parse_message(data, 0, len(data), 0, limits, values, [limits.max_fields])
    except _NotProtobuf:
        return None
    if not values:
        return None
    parts: list[bytes] = []
    segments: list[Segment] = []
    size = 0
    for text, start, end in values:
        segments.append(Segment(size, start, end))
        parts.append(text)
        size += len(text) + 1
    return Layer(b"\n".join(parts), "protobuf", tuple(segments))


def _parse_message(
    data: bytes,
    start: int,
    end: int,
    depth: int,
    limits: ProtobufLimits,
    values: list[tuple[bytes, int, int]],
    fields_left: list[int],
) -> None:
    position = start
    while position < end:
        fields_left[0] -= 1
        if fields_left[0] < 0:
            raise _NotProtobuf
        tag, position = _varint(data, position, end)
        wire_type, number = tag & 7, tag >> 3
        if number == 0:
            raise _NotProtobuf
        value_start = position
        if wire_type == _VARINT:
            number_value, position = _varint(data, position, end)
            values.append((str(number_value).encode(), value_start, position))
        elif wire_type in (_FIXED64, _FIXED32):
            position += 8 if wire_type == _FIXED64 else 4
            if position > end:
                raise _NotProtobuf
        elif wire_type == _LENGTH_DELIMITED:
            length, value_start = _varint(data, position, end)
            position = value_start + length
            if position > end:
                raise _NotProtobuf
            _length_delimited(data, value_start, position, depth, limits, values, fields_left)
        else:
            raise _NotProtobuf  # groups (3, 4) are deprecated; 6 and 7 do not exist


def _length_delimited(
    data: bytes,
    start: int,
    end: int,
    depth: int,
    limits: ProtobufLimits,
    values: list[tuple[bytes, int, int]],
    fields_left: list[int],
) -> None:
    """A string, a nested message or opaque bytes: whichever the bytes are."""
    chunk = data[start:end]
    if not chunk:
        return
    if _is_text(chunk):
        values.append((chunk, start, end))
        return
    if depth + 1 < limits.max_depth:
        nested: list[tuple[bytes, int, int]] = []
        budget = [fields_left[0]]
        try:
            _parse_message(data, start, end, depth + 1, limits, nested, budget)
        except _NotProtobuf:
            pass
        else:
            values.extend(nested)
            fields_left[0] = budget[0]
            return
    if len(chunk) in _DIGEST_SIZES:
        values.append((chunk.hex().encode(), start, end))


def _varint(data: bytes, position: int, end: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if position >= end or shift > 63:
            raise _NotProtobuf
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, position
        shift += 7


def multipart_parts(data: bytes, max_parts: int = 64) -> Iterator[Layer]:
    """The bodies of a multipart body's parts (RFC 2046: "--boundary" lines), one layer each."""
    if not data.startswith(b"--"):
        return
    line_end = data.find(b"\r\n")
    if line_end <= 2 or line_end > 72:  # RFC 2046 boundaries are at most 70 characters
        return
    delimiter = b"\r\n" + data[:line_end]
    position = line_end + 2
    for _ in range(max_parts):
        headers_end = data.find(b"\r\n\r\n", position)
        if headers_end == -1:
            return
        body_start = headers_end + 4
        body_end = data.find(delimiter, body_start)
        if body_end == -1:
            return
        body = data[body_start:body_end]
        if body and (_compression(body) is not None or not _is_text(body[:_BINARY_HINT])):
            yield Layer.of(body, "multipart", body_start, body_end)
        position = body_end + len(delimiter)
        if data.startswith(b"--", position):
            return
        position += 2
