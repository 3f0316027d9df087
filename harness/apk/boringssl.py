"""Finding SSL_write and SSL_read in a stripped library that links BoringSSL statically (Flutter's
libflutter.so): no symbols, so the functions are recognised by the errors they can raise. Every
byte a Dart HttpClient or WebSocket sends or receives passes through these two (dart-lang/sdk
runtime/bin/secure_socket_filter.cc: the plaintext buffers are drained with SSL_write and filled
with SSL_read).

BoringSSL's OPENSSL_PUT_ERROR passes __FILE__, so every error site in ssl/ssl_lib.cc loads the
address of the string "…/ssl/ssl_lib.cc" into the file argument of ERR_put_error, next to an
immediate reason code: ERR_put_error(library, 0, reason, __FILE__, __LINE__), as
include/openssl/err.h has it. A build whose link-time optimisation makes ERR_put_error internal
drops the unused second argument (the January 2026 engines pass four arguments, those of May
2025 five), which moves file and reason one register down; both forms are read. In ssl_lib.cc
(SSL_write's QUIC check since BoringSSL e6eef1c, November 2018; its BAD_LENGTH check since
4bd32a8, May 2021 — an engine built from older BoringSSL is reported not located):

    SSL_write      ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED (QUIC), SSL_R_UNINITIALIZED,
                   SSL_R_SSL_HANDSHAKE_FAILURE, SSL_R_BAD_LENGTH (num < 0)
    ssl_read_impl  SSL_R_UNINITIALIZED, SSL_R_SSL_HANDSHAKE_FAILURE
    SSL_read       ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED (SSL_peek's QUIC check, inlined), then a call
                   to ssl_read_impl — or ssl_read_impl inlined: all three, and no BAD_LENGTH

So SSL_write is the one function whose sites carry all four reasons; SSL_read is the other one
carrying the first three, or the one whose only site is the QUIC check and that calls the function
carrying UNINITIALIZED and HANDSHAKE_FAILURE. Function bounds come from the unwind table; a build
without one (built with -fno-unwind-tables, as size-conscious release builds can be) falls back
to the targets of direct calls as function starts (x86-64: 16-byte aligned, as clang aligns
functions), which gives the same answer on every engine tested with its unwind table hidden.
Reason values: include/openssl/err.h (ERR_R_FATAL 64 | 2) and include/openssl/ssl.h.

Checked against the Linux engines flet ships on PyPI (libflutter_linux_gtk.so, x86-64 and
AArch64, of flet-desktop 0.28.3 and flet-desktop-light 0.80.2 in tests/test_boringssl_locate.py,
and of flet-desktop 0.25.2 and 0.27.6 by hand; built December 2024 to January 2026): where a
build keeps its symbol table the answer equals SSL_write's and SSL_read's symbols, and the located
functions carry a real client's plaintext under Frida (tests/test_flutter_tls.py).
"""

from __future__ import annotations

import bisect
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from harness.apk.elf import ElfImage, read_elf

SSL_LIB_FILE = re.compile(rb"/ssl/ssl_lib\.cc\x00")
SHOULD_NOT_HAVE_BEEN_CALLED = 66
BAD_LENGTH = 111
HANDSHAKE_FAILURE = 215
UNINITIALIZED = 226
WRITE_REASONS = frozenset({SHOULD_NOT_HAVE_BEEN_CALLED, UNINITIALIZED, HANDSHAKE_FAILURE, BAD_LENGTH})
READ_IMPL_REASONS = frozenset({UNINITIALIZED, HANDSHAKE_FAILURE})
REASON_WINDOW = 32  # bytes around the address load where the reason's immediate is looked for
# lea r64, [rip + disp32]: REX.W (and REX.R for r8–r15), 8D, ModRM with mod 00 and rm 101
X64_RIP_LEA = re.compile(rb"[\x48\x4c]\x8d[\x05\x0d\x15\x1d\x25\x2d\x35\x3d]", re.DOTALL)
X64_CALL = re.compile(rb"\xe8")  # call rel32
X64_CALL_OR_JUMP = re.compile(rb"[\xe8\xe9]")  # call rel32, jmp rel32
# BL / B imm26: the top byte (the last in memory) is 0x94–0x97 / 0x14–0x17
ARM64_CALL = re.compile(rb"(?=...[\x94-\x97])", re.DOTALL)
ARM64_CALL_OR_JUMP = re.compile(rb"(?=...[\x14-\x17\x94-\x97])", re.DOTALL)
X64_RCX, X64_RDX = 1, 2
X64_MOV_IMM32 = {X64_RCX: 0xBA, X64_RDX: 0xBE}  # file in rcx → reason in edx; file in rdx → esi


class NotLocated(Exception):
    """The library links BoringSSL but its SSL_write/SSL_read could not be told apart."""


@dataclass(frozen=True)
class TlsFunctions:
    """Offsets from the module's base address (what Frida's Module.base points at)."""

    arch: str
    ssl_write: int
    ssl_read: int
    bounds_from: str  # "unwind table" or "call targets": where function starts came from


@dataclass(frozen=True)
class Functions:
    starts: tuple[int, ...]

    def start_of(self, vaddr: int) -> int | None:
        index = bisect.bisect_right(self.starts, vaddr) - 1
        return self.starts[index] if index >= 0 else None

    def end_of(self, start: int) -> int:
        index = bisect.bisect_right(self.starts, start)
        return self.starts[index] if index < len(self.starts) else start + 0x10000


def links_boringssl(data: bytes) -> bool:
    return SSL_LIB_FILE.search(data) is not None


def locate_tls_functions(data: bytes) -> TlsFunctions:
    """SSL_write and SSL_read of the BoringSSL inside an ELF library; InputError for a file that is
    not a supported ELF, NotLocated when the pattern does not single them out."""
    image = read_elf(data)
    strings = list(_file_strings(image))
    if not strings:
        raise NotLocated("the library does not carry BoringSSL's ssl_lib.cc error strings")
    if image.function_starts:
        functions, bounds_from = Functions(image.function_starts), "unwind table"
    else:
        functions, bounds_from = Functions(tuple(sorted(_direct_call_targets(image)))), "call targets"
    sites = _x64_sites(image, strings) if image.arch == "x64" else _arm64_sites(image, strings)
    reasons: dict[int, set[int]] = {}
    for address, reason in sites:
        start = functions.start_of(address)
        if start is not None:
            reasons.setdefault(start, set()).add(reason)
    write = _one([start for start, found in reasons.items() if found >= WRITE_REASONS], "SSL_write")
    read = _read_function(image, functions, reasons, write)
    bias = image.load_bias()
    return TlsFunctions(image.arch, write - bias, read - bias, bounds_from)


def _one(candidates: list[int], name: str) -> int:
    if len(candidates) != 1:
        found = ", ".join(hex(c) for c in sorted(candidates)) or "none"
        raise NotLocated(f"{name}: {len(candidates)} functions match the pattern ({found})")
    return candidates[0]


def _read_function(image: ElfImage, functions: Functions, reasons: dict[int, set[int]], write: int) -> int:
    inlined = [
        start
        for start, found in reasons.items()
        if start != write and READ_IMPL_REASONS | {SHOULD_NOT_HAVE_BEEN_CALLED} <= found
    ]
    if inlined:
        return _one(inlined, "SSL_read")
    impls = {
        start
        for start, found in reasons.items()
        if found >= READ_IMPL_REASONS and SHOULD_NOT_HAVE_BEEN_CALLED not in found
    }
    callers = [
        start
        for start, found in reasons.items()
        if found == {SHOULD_NOT_HAVE_BEEN_CALLED}
        and impls & set(_calls(image, start, functions.end_of(start)))
    ]
    return _one(callers, "SSL_read")


def _file_strings(image: ElfImage) -> Iterator[tuple[int, int]]:
    """(start, end) addresses of every "…/ssl/ssl_lib.cc" string."""
    for match in SSL_LIB_FILE.finditer(image.data):
        begin = image.data.rfind(b"\x00", 0, match.start()) + 1
        start, end = image.vaddr_of(begin), image.vaddr_of(match.end() - 1)
        if start is not None and end is not None:
            yield start, end


def _x64_sites(image: ElfImage, strings: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    for base, code in image.code():
        for match in X64_RIP_LEA.finditer(code):
            at = match.start()
            if at + 7 > len(code):
                continue
            (displacement,) = struct.unpack_from("<i", code, at + 3)
            target = base + at + 7 + displacement
            if not any(start <= target < end for start, end in strings):
                continue
            register = ((code[at + 2] >> 3) & 7) | (8 if code[at] == 0x4C else 0)
            opcode = X64_MOV_IMM32.get(register)
            if opcode is not None:
                reason = _x64_reason(code, at, at + 7, opcode)
                if reason is not None:
                    yield base + at, reason


def _x64_reason(code: bytes, begin: int, end: int, opcode: int) -> int | None:
    """The immediate of the `mov r32, imm32` nearest after the address load, else before it."""
    after = [i for i in range(end, min(end + REASON_WINDOW, len(code) - 4)) if code[i] == opcode]
    before = [i for i in range(max(0, begin - REASON_WINDOW), begin) if code[i] == opcode][::-1]
    for at in after + before:
        (value,) = struct.unpack_from("<I", code, at + 1)
        if value < 0x1000:  # reason codes are small; a larger value is another instruction's bytes
            return int(value)
    return None


def _arm64_sites(image: ElfImage, strings: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """ADRP Xn, page; … ADD Xd, Xn, #low12 with Xd the file argument (x3, or x2 in the four-argument
    form). The ADDs are found by a byte pattern (the C regex engine, not a loop over every word)."""
    for base, code in image.code():
        for start, _ in strings:
            low, page = start & 0xFFF, start & ~0xFFF
            for match in _arm64_add(low).finditer(code):
                at = match.start()
                if (base + at) % 4:
                    continue
                word = _word(code, at)
                destination = word & 31
                if destination in (2, 3) and _arm64_page_loaded(code, at, base, (word >> 5) & 31, page):
                    reason = _arm64_reason(code, at, destination - 1)
                    if reason is not None:
                        yield base + at, reason


def _arm64_add(low: int) -> re.Pattern[bytes]:
    """ADD Xd, Xn, #low (64-bit, unshifted) in little-endian bytes: Rd and Rn's low bits, then
    Rn's high bits with low's bottom six, then low's top six, then 0x91. A lookahead, so that a
    match at an unaligned offset cannot hide an aligned one overlapping it."""
    second = b"".join(re.escape(bytes([(low & 0x3F) << 2 | high])) for high in range(4))
    third = re.escape(bytes([low >> 6]))
    return re.compile(b"(?=.[" + second + b"]" + third + b"\x91)", re.DOTALL)


def _word(code: bytes, at: int) -> int:
    (word,) = struct.unpack_from("<I", code, at)
    return int(word)


def _arm64_page_loaded(code: bytes, at: int, base: int, register: int, page: int) -> bool:
    for back in range(at - 4, max(-4, at - 68), -4):
        word = _word(code, back)
        if word & 0x9F000000 == 0x90000000 and word & 31 == register:  # ADRP
            immediate = ((word >> 29) & 3) | (((word >> 5) & 0x7FFFF) << 2)
            if immediate & (1 << 20):
                immediate -= 1 << 21
            return ((base + back) & ~0xFFF) + (immediate << 12) == page
    return False


def _arm64_reason(code: bytes, at: int, register: int) -> int | None:
    """The immediate of the MOVZ Wreg nearest after the ADD, else before it (8 instructions)."""
    pattern = 0x52800000 | register
    after = range(at + 4, min(len(code) - 3, at + 36), 4)
    before = range(at - 4, max(-4, at - 36), -4)
    for offset in [*after, *before]:
        word = _word(code, offset)
        if word & 0xFFE0001F == pattern:
            return (word >> 5) & 0xFFFF
    return None


def _calls(
    image: ElfImage, begin: int, end: int, *, tail_jumps: bool = True, aligned: int = 1
) -> Iterator[int]:
    """Targets in code of the direct calls between begin and end (x86-64 `call rel32`, AArch64
    BL), and of tail jumps (`jmp rel32`, B) unless told not to; aligned filters x86-64 targets."""
    x64_opcode = X64_CALL_OR_JUMP if tail_jumps else X64_CALL
    for base, code in image.code():
        first, last = max(begin, base) - base, min(end, base + len(code)) - base
        if first >= last:
            continue
        if image.arch == "x64":
            for match in x64_opcode.finditer(code, first, min(last, len(code) - 4)):
                at = match.start()
                (displacement,) = struct.unpack_from("<i", code, at + 1)
                target = base + at + 5 + displacement
                if target % aligned == 0 and base <= target < base + len(code):
                    yield target
            continue
        branch = ARM64_CALL_OR_JUMP if tail_jumps else ARM64_CALL
        for match in branch.finditer(code, first, last):
            at = match.start()
            if (base + at) % 4 or at + 4 > len(code):
                continue
            offset = _word(code, at) & 0x03FFFFFF
            if offset & (1 << 25):
                offset -= 1 << 26
            target = base + at + 4 * offset
            if base <= target < base + len(code):
                yield target


def _direct_call_targets(image: ElfImage) -> set[int]:
    """Function starts when there is no unwind table: where direct calls go (BL on AArch64; on
    x86-64 `call rel32` to 16-byte aligned addresses, which also drops most stray E8 bytes)."""
    return {
        target
        for base, code in image.code()
        for target in _calls(image, base, base + len(code), tail_jumps=False, aligned=16)
    }
