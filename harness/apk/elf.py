"""Just enough of a 64-bit little-endian ELF shared library to read its code: load segments,
address ↔ file offset, and function starts from the unwind table. Everything is bounds-checked:
the bytes come from an app and a malformed file is an InputError, never an IndexError.

Function starts come from PT_GNU_EH_FRAME (.eh_frame_hdr) when the library has one: its
binary-search table lists the initial location of every FDE, sorted, and survives `strip` (the
unwinder needs it); builds without unwind tables leave it empty. Layout:
LSB "Exception Frame Header" (refspecs.linuxfoundation.org, LSB 5.0 core, §10.6.2); the
encodings are DWARF's DW_EH_PE_* values.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from harness.errors import InputError

EM_X86_64 = 62
EM_AARCH64 = 183
MACHINES = {EM_X86_64: "x64", EM_AARCH64: "arm64"}  # Frida's Process.arch names
PT_LOAD = 1
PT_GNU_EH_FRAME = 0x6474E550
PF_X = 1
DW_EH_PE_udata4 = 0x03
DW_EH_PE_sdata4 = 0x0B
DW_EH_PE_pcrel = 0x10
DW_EH_PE_datarel = 0x30
MAX_PROGRAM_HEADERS = 256


@dataclass(frozen=True)
class Segment:
    vaddr: int
    offset: int
    size: int
    executable: bool


@dataclass(frozen=True)
class ElfImage:
    data: bytes
    arch: str
    segments: tuple[Segment, ...]
    function_starts: tuple[int, ...]

    def vaddr_of(self, offset: int) -> int | None:
        for segment in self.segments:
            if segment.offset <= offset < segment.offset + segment.size:
                return segment.vaddr + offset - segment.offset
        return None

    def code(self) -> list[tuple[int, bytes]]:
        """(vaddr, bytes) of every executable load segment."""
        return [(s.vaddr, self.data[s.offset : s.offset + s.size]) for s in self.segments if s.executable]

    def load_bias(self) -> int:
        """What to subtract from a vaddr to get an offset from the module's base address."""
        return min((s.vaddr for s in self.segments), default=0) & ~0xFFF


def _unpack(fmt: str, data: bytes, offset: int, what: str) -> tuple[int, ...]:
    if offset < 0 or offset + struct.calcsize(fmt) > len(data):
        raise InputError(f"ELF {what} lies outside the file")
    return struct.unpack_from(fmt, data, offset)


def read_elf(data: bytes) -> ElfImage:
    """Parse a 64-bit little-endian x86-64 or AArch64 ELF; InputError for anything else."""
    if data[:4] != b"\x7fELF":
        raise InputError("not an ELF file")
    if data[4] != 2 or data[5] != 1:
        raise InputError("not a 64-bit little-endian ELF (32-bit ABIs are not supported)")
    (machine,) = _unpack("<H", data, 18, "header")
    arch = MACHINES.get(machine)
    if arch is None:
        raise InputError(f"ELF machine {machine} is not x86-64 or AArch64")
    (phoff,) = _unpack("<Q", data, 32, "header")
    phentsize, phnum = _unpack("<HH", data, 54, "header")
    if phnum > MAX_PROGRAM_HEADERS or phentsize < 56:
        raise InputError(f"ELF program header table is malformed ({phnum} × {phentsize} bytes)")
    segments: list[Segment] = []
    eh_frame_hdr: tuple[int, int] | None = None
    for index in range(phnum):
        kind, flags, offset, vaddr, _, filesz, _, _ = _unpack(
            "<IIQQQQQQ", data, phoff + index * phentsize, "program header"
        )
        if kind == PT_LOAD:
            if offset + filesz > len(data):
                raise InputError("ELF load segment lies outside the file")
            segments.append(Segment(vaddr, offset, filesz, bool(flags & PF_X)))
        elif kind == PT_GNU_EH_FRAME:
            eh_frame_hdr = (offset, vaddr)
    starts = _function_starts(data, eh_frame_hdr) if eh_frame_hdr is not None else ()
    return ElfImage(data, arch, tuple(segments), starts)


def _function_starts(data: bytes, header: tuple[int, int]) -> tuple[int, ...]:
    offset, vaddr = header
    version, frame_encoding, count_encoding, table_encoding = _unpack("<BBBB", data, offset, "eh_frame_hdr")
    # what every GNU and LLVM linker writes: pcrel|sdata4 frame pointer, udata4 count,
    # datarel|sdata4 table (pairs of initial location and FDE address, relative to the header)
    if (version, count_encoding, table_encoding) != (1, DW_EH_PE_udata4, DW_EH_PE_datarel | DW_EH_PE_sdata4):
        return ()
    if frame_encoding != DW_EH_PE_pcrel | DW_EH_PE_sdata4:
        return ()
    (count,) = _unpack("<I", data, offset + 8, "eh_frame_hdr")
    table = offset + 12
    if table + 8 * count > len(data):
        raise InputError("ELF eh_frame_hdr table lies outside the file")
    locations = struct.unpack_from(f"<{2 * count}i", data, table)[0::2]
    return tuple(sorted(vaddr + location for location in locations))
