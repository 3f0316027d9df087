"""The string and type tables of a .dex file: what a static scan needs, and nothing it doesn't.

Layout (source.android.com/docs/core/runtime/dex-format): a 0x70-byte header whose
string_ids and type_ids (size, offset) pairs point at arrays of uint32; a string_id holds the
offset of a string_data_item (uleb128 UTF-16 length, then MUTF-8 bytes ending in 0); a type_id
holds the string index of a type descriptor such as `Lcom/umeng/analytics/Agent;`. Every offset
and length is checked against the file, so a malformed dex is an error, never a crash or a hang.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from harness.errors import InputError

HEADER_SIZE = 0x70
MAX_STRING_BYTES = 64 * 1024  # longer strings are kept cut to this length


@dataclass(frozen=True)
class DexTables:
    strings: tuple[str, ...]
    class_names: tuple[str, ...]  # every referenced reference type, dotted: com.umeng.analytics.Agent


class MalformedDex(InputError):
    pass


def _uleb128(data: bytes, position: int) -> tuple[int, int]:
    result = shift = 0
    for _ in range(5):
        if position >= len(data):
            raise MalformedDex("string length runs past the end of the file")
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, position
        shift += 7
    raise MalformedDex("over-long uleb128 string length")


def _table(data: bytes, size_at: int, what: str) -> tuple[int, ...]:
    count, offset = struct.unpack_from("<II", data, size_at)
    if count > (len(data) - HEADER_SIZE) // 4 or offset + 4 * count > len(data):
        raise MalformedDex(f"{what} table ({count} at {offset}) lies outside the file")
    return struct.unpack_from(f"<{count}I", data, offset)


def _string(data: bytes, offset: int) -> str:
    if not HEADER_SIZE <= offset < len(data):
        raise MalformedDex(f"string data offset {offset} lies outside the file")
    _utf16_length, start = _uleb128(data, offset)
    end = data.find(b"\0", start, start + MAX_STRING_BYTES * 3)
    raw = data[start : end if end >= 0 else start + MAX_STRING_BYTES]
    # MUTF-8 differs from UTF-8 only in NUL (C0 80) and in surrogate pairs; both are rare in
    # the identifiers and URLs a scan looks for, so they decode as replacement characters.
    return raw[:MAX_STRING_BYTES].decode("utf-8", errors="replace")


def read_dex_tables(data: bytes) -> DexTables:
    if len(data) < HEADER_SIZE or not data.startswith(b"dex\n") or data[7] != 0:
        raise MalformedDex("not a dex file (bad magic)")
    try:
        string_offsets = _table(data, 56, "string_ids")
        strings = tuple(_string(data, offset) for offset in string_offsets)
        type_indexes = _table(data, 64, "type_ids")
    except struct.error as error:
        raise MalformedDex(f"truncated dex header ({error})") from None
    names = []
    for index in type_indexes:
        if index >= len(strings):
            raise MalformedDex(f"type descriptor index {index} past the {len(strings)} strings")
        descriptor = strings[index]
        if descriptor.startswith("L") and descriptor.endswith(";"):
            names.append(descriptor[1:-1].replace("/", "."))
    return DexTables(strings=strings, class_names=tuple(names))
