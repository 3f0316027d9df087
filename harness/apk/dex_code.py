"""Which string constants each class of a .dex file loads: the evidence that names an obfuscated SDK.

Layout (source.android.com/docs/core/runtime/dex-format): header class_defs (size, offset) at
0x60; each 32-byte class_def_item holds its class's type index and, at +24, the offset of its
class_data_item (uleb128 field and method counts, then encoded fields and methods; a method's
third uleb128 is the offset of its code_item). A code_item's instructions start at +16, their
count in 16-bit units at +12. Strings are loaded by const-string (0x1a, a 16-bit string index)
and const-string/jumbo (0x1b, 32-bit); instruction widths come from the opcode's format
(source.android.com/docs/core/runtime/dalvik-bytecode, instruction-formats). Every offset is
checked; a malformed class is skipped, so a hostile dex costs at most one pass over its bytes.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

from harness.apk.dex import DexTables

CONST_STRING, CONST_STRING_JUMBO = 0x1A, 0x1B
# code units per opcode (formats 10x…51l); unused opcodes count one unit, as the verifier would reject them
_WIDTH = bytearray([1] * 256)
for _ops, _units in (
    ((0x02, 0x05, 0x08, 0x13, 0x15, 0x16, 0x19, 0x1A, 0x1C, 0x1F, 0x20, 0x22, 0x23, 0x29), 2),
    ((0x03, 0x06, 0x09, 0x14, 0x17, 0x1B, 0x24, 0x25, 0x26, 0x2A, 0x2B, 0x2C, 0xFC, 0xFD), 3),
    ((0x18,), 5),
    ((0xFA, 0xFB), 4),
    ((*range(0x2D, 0x3E), *range(0x44, 0x6E), *range(0x90, 0xB0), *range(0xD0, 0xE3), 0xFE, 0xFF), 2),
    ((*range(0x6E, 0x73), *range(0x74, 0x79)), 3),
):
    for _op in _ops:
        _WIDTH[_op] = _units
PACKED_SWITCH, SPARSE_SWITCH, FILL_ARRAY = 0x0100, 0x0200, 0x0300


class _Malformed(Exception):
    pass


def _uleb128(data: bytes, position: int) -> tuple[int, int]:
    result = shift = 0
    for _ in range(5):
        if position >= len(data):
            raise _Malformed
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, position
        shift += 7
    raise _Malformed


def _code_offsets(data: bytes, class_data: int) -> list[int]:
    position = class_data
    counts = []
    for _ in range(4):
        count, position = _uleb128(data, position)
        counts.append(count)
    for _ in range(counts[0] + counts[1]):  # encoded_field: field_idx_diff, access_flags
        _, position = _uleb128(data, position)
        _, position = _uleb128(data, position)
    offsets = []
    for _ in range(counts[2] + counts[3]):  # encoded_method: method_idx_diff, access_flags, code_off
        _, position = _uleb128(data, position)
        _, position = _uleb128(data, position)
        code, position = _uleb128(data, position)
        if code:
            offsets.append(code)
    return offsets


def _payload_units(data: bytes, at: int, unit: int) -> int:
    if unit == PACKED_SWITCH:
        return 4 + 2 * int(struct.unpack_from("<H", data, at + 2)[0])
    if unit == SPARSE_SWITCH:
        return 2 + 4 * int(struct.unpack_from("<H", data, at + 2)[0])
    width, size = struct.unpack_from("<HI", data, at + 2)
    return 4 + (int(width) * int(size) + 1) // 2


def _string_indexes(data: bytes, code: int) -> list[int]:
    if code + 16 > len(data):
        raise _Malformed
    (units,) = struct.unpack_from("<I", data, code + 12)
    start, end = code + 16, code + 16 + 2 * units
    if end > len(data):
        raise _Malformed
    found = []
    at = start
    while at < end:
        (unit,) = struct.unpack_from("<H", data, at)
        opcode = unit & 0xFF
        if opcode == CONST_STRING and at + 4 <= end:
            found.append(struct.unpack_from("<H", data, at + 2)[0])
        elif opcode == CONST_STRING_JUMBO and at + 6 <= end:
            found.append(struct.unpack_from("<I", data, at + 2)[0])
        step = (
            _payload_units(data, at, unit)
            if unit in (PACKED_SWITCH, SPARSE_SWITCH, FILL_ARRAY)
            else _WIDTH[opcode]
        )
        at += 2 * step
    return found


def strings_by_class(
    data: bytes, tables: DexTables, wanted: Callable[[str], bool] = lambda _name: True
) -> list[tuple[str, list[str]]]:
    """(class name, the string constants its methods load) for every `wanted` class the dex defines."""
    count, offset = struct.unpack_from("<II", data, 0x60)
    if offset + 32 * count > len(data):
        return []
    type_count, type_offset = struct.unpack_from("<II", data, 64)
    seen_code: set[int] = set()
    classes = []
    for index in range(count):
        class_idx, class_data = struct.unpack_from("<I20xI", data, offset + 32 * index)
        if class_idx >= type_count or not class_data:
            continue
        (descriptor_idx,) = struct.unpack_from("<I", data, type_offset + 4 * class_idx)
        if descriptor_idx >= len(tables.strings):
            continue
        descriptor = tables.strings[descriptor_idx]
        if not (descriptor.startswith("L") and descriptor.endswith(";")):
            continue
        class_name = descriptor[1:-1].replace("/", ".")
        if not wanted(class_name):
            continue
        strings: set[str] = set()
        try:
            for code in _code_offsets(data, class_data):
                if code in seen_code:
                    continue
                seen_code.add(code)
                strings.update(
                    tables.strings[i] for i in _string_indexes(data, code) if i < len(tables.strings)
                )
        except (_Malformed, struct.error):
            continue
        classes.append((class_name, sorted(strings)))
    return classes
