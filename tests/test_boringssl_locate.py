"""Locating SSL_write/SSL_read in real Flutter engines (harness/apk/boringssl.py), with the symbol
table of the builds that keep one as the ground truth, and the scan reporting them for an APK."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from harness.apk.boringssl import NotLocated, links_boringssl, locate_tls_functions
from harness.apk.elf import read_elf
from harness.apk.native_libs import agent_targets
from harness.apk.scan import scan_apk, summary_lines
from harness.cli import main
from harness.errors import InputError
from tests.fixtures.apk.support import EXAMPLES, build_app_apk, need_apk_tools
from tests.fixtures.flutter_engines import flutter_engine

SYMBOLS_KEPT = ("flet-desktop-light", "0.80.2")
STRIPPED = ("flet-desktop", "0.28.3")


def symbol_addresses(data: bytes, names: set[str]) -> dict[str, int]:
    """The .symtab values of names, read the plain way (section headers → SHT_SYMTAB + its strtab)."""
    (shoff,) = struct.unpack_from("<Q", data, 40)
    shentsize, shnum = struct.unpack_from("<HH", data, 58)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    found: dict[str, int] = {}
    for _, kind, _, _, offset, size, link, _, _, entsize in sections:
        if kind != 2:  # SHT_SYMTAB
            continue
        strings = sections[link][4]
        for at in range(offset, offset + size, entsize):
            name_offset, _, _, _, value, _ = struct.unpack_from("<IBBHQQ", data, at)
            end = data.index(b"\x00", strings + name_offset)
            name = data[strings + name_offset : end].decode()
            if name in names:
                found[name] = value
    return found


@pytest.mark.parametrize("arch", ["x64", "arm64"])
def test_located_functions_are_the_ones_the_symbol_table_names(arch: str) -> None:
    data = flutter_engine(*SYMBOLS_KEPT, arch).read_bytes()
    truth = symbol_addresses(data, {"SSL_write", "SSL_read"})
    assert set(truth) == {"SSL_write", "SSL_read"}, "this build keeps its symbol table"
    located = locate_tls_functions(data)
    assert located.arch == arch
    assert (located.ssl_write, located.ssl_read) == (truth["SSL_write"], truth["SSL_read"])


@pytest.mark.parametrize(
    ("arch", "write", "read"),
    [
        # found by disassembly (objdump): SSL_write has the four error sites and calls
        # method->write_app_data; SSL_read's one site is SSL_peek's QUIC check, then a call to
        # ssl_read_impl and the copy out of pending_app_data. test_flutter_tls.py shows the x86-64
        # pair carrying a live client's request and response.
        ("x64", 0xA27B20, 0xA27770),
        ("arm64", 0x980870, 0x9804F8),
    ],
)
def test_a_stripped_engine_with_the_older_error_call(arch: str, write: int, read: int) -> None:
    data = flutter_engine(*STRIPPED, arch).read_bytes()
    assert symbol_addresses(data, {"SSL_write", "SSL_read"}) == {}, "stripped: nothing to read them from"
    located = locate_tls_functions(data)
    assert (located.arch, located.ssl_write, located.ssl_read) == (arch, write, read)


def test_a_build_where_the_pattern_is_not_unique_is_not_located() -> None:
    """Remove SSL_write's BAD_LENGTH site (its reason immediate 0x6f, `mov edx, 0x6f`): nothing
    carries all four reasons, and the locator says so instead of guessing."""
    data = bytearray(flutter_engine(*STRIPPED, "x64").read_bytes())
    code = next(s for s in read_elf(bytes(data)).segments if s.executable)
    start = code.offset + 0xA27B20 - code.vaddr  # SSL_write in the file
    site = start + data[start : start + 0x2A0].index(b"\xba\x6f\x00\x00\x00")
    data[site + 1] = 0x70
    with pytest.raises(NotLocated, match="SSL_write: 0 functions"):
        locate_tls_functions(bytes(data))


def test_libraries_that_are_not_static_boringssl_are_left_alone() -> None:
    host_libssl = [p for p in Path("/usr/lib/x86_64-linux-gnu").glob("libssl.so.3") if p.is_file()]
    for library in host_libssl:  # OpenSSL's ssl_lib.c, exported symbols: the symbol hooks' case
        assert not links_boringssl(library.read_bytes())
    with pytest.raises(InputError, match="not an ELF"):
        read_elf(b"MZ\x90\x00" * 16)
    with pytest.raises(InputError, match="32-bit"):
        read_elf(b"\x7fELF\x01\x01" + bytes(58))
    truncated = flutter_engine(*STRIPPED, "x64").read_bytes()[:70]
    with pytest.raises(InputError, match="outside the file"):
        read_elf(truncated)
    with pytest.raises(NotLocated, match="does not carry BoringSSL"):
        locate_tls_functions(Path(sys.executable).resolve().read_bytes())


@pytest.mark.parametrize(
    ("engine", "arch"),
    [(STRIPPED, "x64"), (STRIPPED, "arm64"), (SYMBOLS_KEPT, "x64"), (SYMBOLS_KEPT, "arm64")],
)
def test_without_an_unwind_table_call_targets_bound_the_functions(engine: tuple[str, str], arch: str) -> None:
    """Hide PT_GNU_EH_FRAME (as a build without unwind tables has none): the starts then come from
    direct call targets, and the answer stays the one the unwind table (and symbols) give."""
    data = flutter_engine(*engine, arch).read_bytes()
    hidden = data.replace(struct.pack("<I", 0x6474E550), struct.pack("<I", 0x6474E551), 1)
    assert read_elf(hidden).function_starts == ()
    with_table, without = locate_tls_functions(data), locate_tls_functions(hidden)
    assert (with_table.bounds_from, without.bounds_from) == ("unwind table", "call targets")
    assert (without.ssl_write, without.ssl_read) == (with_table.ssl_write, with_table.ssl_read)


@pytest.fixture(scope="module")
def flutter_apk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An APK (an example app built by aapt/d8) with the two engines added under lib/<abi>/."""
    need_apk_tools()
    folder = tmp_path_factory.mktemp("flutter-apk")
    apk = build_app_apk(EXAMPLES / "clean_notes", folder / "app.apk")
    with zipfile.ZipFile(apk, "a") as archive:
        archive.write(flutter_engine(*STRIPPED, "x64"), "lib/x86_64/libflutter.so")
        archive.write(flutter_engine(*STRIPPED, "arm64"), "lib/arm64-v8a/libflutter.so")
        archive.writestr("lib/arm64-v8a/libapp.so", b"\x7fELF not BoringSSL")
        # a 32-bit build carrying BoringSSL's strings: reported, not hooked
        armv7 = b"\x7fELF\x01\x01" + bytes(58) + b"../../flutter/third_party/boringssl/src/ssl/ssl_lib.cc\x00"
        archive.writestr("lib/armeabi-v7a/libflutter.so", armv7)
    return apk


def test_the_scan_reports_each_abi_and_the_agent_gets_its_offsets(
    flutter_apk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = scan_apk(flutter_apk).to_json()
    by_abi = {entry["abi"]: entry for entry in document["native_tls"]}
    assert set(by_abi) == {"x86_64", "arm64-v8a", "armeabi-v7a"}
    assert "32-bit" in by_abi["armeabi-v7a"]["not_located"] and by_abi["armeabi-v7a"]["ssl_write"] is None
    assert len(agent_targets(document["native_tls"])) == 2
    assert by_abi["x86_64"] == {
        "library": "lib/x86_64/libflutter.so", "abi": "x86_64", "arch": "x64",
        "ssl_write": 0xA27B20, "ssl_read": 0xA27770, "bounds_from": "unwind table", "not_located": None,
    }  # fmt: skip
    assert {"library": "libflutter.so", "arch": "arm64", "ssl_write": 0x980870, "ssl_read": 0x9804F8} in (
        agent_targets(document["native_tls"])
    )
    assert main(["scan", str(flutter_apk)]) == 0
    out = capsys.readouterr().out
    assert "static BoringSSL: lib/x86_64/libflutter.so: SSL_write at +0xa27b20" in out
    assert "static BoringSSL: lib/armeabi-v7a/libflutter.so: not located (not a 64-bit" in out
    assert any("SSL_read at +0x9804f8" in line for line in summary_lines(document))


def test_an_apk_without_native_tls_says_nothing_of_it(flutter_apk: Path) -> None:
    plain = flutter_apk.with_name("plain.apk")
    with zipfile.ZipFile(flutter_apk) as source, zipfile.ZipFile(plain, "w") as target:
        for item in source.infolist():
            if not item.filename.endswith("libflutter.so"):
                target.writestr(item, source.read(item))
    document = scan_apk(plain).to_json()
    assert document["native_tls"] == [] and agent_targets(document["native_tls"]) == []


def test_objdump_agrees_where_it_is_installed() -> None:
    """An independent disassembler on the located SSL_write: its first error site loads the
    ssl_lib.cc string and the QUIC reason (0x42) in the registers ERR_put_error takes."""
    objdump = shutil.which("objdump")
    if objdump is None:
        pytest.skip("binutils' objdump is not installed (the other tests do not need it)")
    engine = flutter_engine(*STRIPPED, "x64")
    listing = subprocess.run(
        [objdump, "-d", "-M", "intel", "--no-show-raw-insn", f"--start-address={0xA27B20}",
         f"--stop-address={0xA27B20 + 0x200}", str(engine)],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    assert "mov    edx,0x42" in listing and "mov    edx,0x6f" in listing and "mov    edi,0x10" in listing
