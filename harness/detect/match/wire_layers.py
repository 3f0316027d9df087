"""Decoding layers of binary bodies: the fields of a Protocol Buffers message read without its
schema, and the parts of a multipart body. Each gives `Layer`s like the text layers of layers.py,
searched again by the matcher.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from harness.detect.match.layers import BINARY_HINT, TEXT_BYTES, Layer, Segment, compression_kind, is_text

# Protocol Buffers wire format without a schema: https://protobuf.dev/programming-guides/encoding/
_VARINT, _FIXED64, _LENGTH_DELIMITED, _FIXED32 = 0, 1, 2, 5
_DIGEST_SIZES = frozenset({16, 20, 32})  # MD5, SHA-1, SHA-256: shown as hex


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
    if len(data) < 2 or len(data) > limits.max_bytes or not data[:BINARY_HINT].translate(None, TEXT_BYTES):
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
    if is_text(chunk):
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
        if body and (compression_kind(body) is not None or not is_text(body[:BINARY_HINT])):
            yield Layer.of(body, "multipart", body_start, body_end)
        position = body_end + len(delimiter)
        if data.startswith(b"--", position):
            return
        position += 2
