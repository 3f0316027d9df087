"""Decoding layers: the parts of a text that decode to another text worth searching.

Each finder gives `Layer`s: the decoded bytes, the name of the decoding and, for each part
of the decoded bytes, the span of the source text it came from (the percent-encoded tokens
of a form body are decoded into one layer, one line per token, so that a form with fifty
fields costs one more search, not fifty). The matcher searches every layer again (nested
chains such as gzip → base64 → JSON) until its depth and byte budget run out.
The layers of binary bodies (protobuf, multipart) are in wire_layers.py.
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
TEXT_BYTES = bytes([9, 10, 13, *range(32, 256)])
BINARY_HINT = 64  # bytes looked at to tell binary from text before trying to parse
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
    compression = compression_kind(data)
    if compression is None:
        return None
    name, wbits = compression
    try:
        inflated = zlib.decompressobj(wbits).decompress(data, max_bytes)
    except zlib.error:
        return None
    return Layer.of(inflated, name, 0, len(data)) if inflated else None


def compression_kind(data: bytes) -> tuple[str, int] | None:
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
        if compression_kind(decoded) is not None or (decoded and is_text(decoded)):
            yield Layer.of(decoded, "base64url" if url_safe else "base64", run_start, end)


def _decode_base64(text: bytes) -> bytes:
    if len(text) % 4 == 1:
        text = text[:-1]
    try:
        return binascii.a2b_base64(text + b"=" * (-len(text) % 4))
    except binascii.Error:
        return b""


def is_text(data: bytes) -> bool:
    if len(data.translate(None, TEXT_BYTES)) * 50 > len(data):
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
    if b"\\" not in data or not _JSON_ESCAPE.search(data) or not is_text(data):
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
    if data[:BINARY_HINT].translate(None, TEXT_BYTES):
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
