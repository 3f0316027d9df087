"""Hostile APKs, built by the tests: each ends the scan with one clear line and exit code 2."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from harness.apk import archive
from harness.apk.dex import MalformedDex, read_dex_tables
from harness.apk.scan import scan_apk
from harness.cli import main
from harness.errors import InputError
from tests.fixtures.apk.support import build_app_apk

PROBE_APP = Path(__file__).resolve().parent / "fixtures" / "apk" / "probe_app"


@pytest.fixture(scope="module")
def good_apk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_app_apk(PROBE_APP, tmp_path_factory.mktemp("good") / "probe.apk")


def entries(apk: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(apk) as source:
        return {name: source.read(name) for name in source.namelist()}


def write_zip(path: Path, files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as out:
        for name, data in files.items():
            out.writestr(name, data)
    return path


def rejected(apk: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The CLI's verdict on a hostile APK: exit 2, one line on stderr, no traceback."""
    assert main(["scan", str(apk), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    return lines[0]


def test_the_untampered_apk_scans(good_apk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(good_apk), "--json"]) == 0
    assert '"package": "com.ppdemo.apkprobe"' in capsys.readouterr().out


def test_zip_bomb_entry_is_refused_before_inflating(
    good_apk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = entries(good_apk)
    files["assets/bomb.bin"] = b"\0" * (64 * 1024 * 1024)  # deflates ~1000:1
    line = rejected(write_zip(tmp_path / "bomb.apk", files), capsys)
    assert "assets/bomb.bin" in line and "zip bomb" in line


def test_a_manifest_bomb_is_refused(
    good_apk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = entries(good_apk)
    files["AndroidManifest.xml"] = files["AndroidManifest.xml"] + b"\0" * (8 * 1024 * 1024)
    line = rejected(write_zip(tmp_path / "manifest-bomb.apk", files), capsys)
    assert "AndroidManifest.xml" in line


def test_a_header_that_lies_about_the_size_is_caught(good_apk: Path, tmp_path: Path) -> None:
    files = entries(good_apk)
    lying = write_zip(tmp_path / "lying.apk", files)
    data = bytearray(lying.read_bytes())
    # shrink classes.dex's declared size in the central directory: reads stop there and the
    # CRC no longer matches
    name = b"classes.dex"
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    (declared,) = struct.unpack_from("<I", data, at + 24)
    struct.pack_into("<I", data, at + 24, declared // 2)
    lying.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"classes\.dex"):
        scan_apk(lying)


@pytest.mark.parametrize("name", ["../../evil.so", "/etc/cron.d/evil", "assets/../../x", "C:\\evil.dll"])
def test_path_traversal_entry_names(
    good_apk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    files = entries(good_apk)
    files[name] = b"payload"
    line = rejected(write_zip(tmp_path / "slip.apk", files), capsys)
    assert "path traversal" in line


def test_safe_names_are_not_flagged() -> None:
    assert not archive.unsafe_entry_name("res/raw/..hidden")
    assert not archive.unsafe_entry_name("lib/arm64-v8a/libfoo.so")
    assert archive.unsafe_entry_name("")


def test_malformed_binary_manifest(
    good_apk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = entries(good_apk)
    real = files["AndroidManifest.xml"]
    for label, manifest in {
        "garbage": b"\x03\x00\x08\x00" + bytes(range(256)) * 4,
        "truncated": real[: len(real) // 3],
        "text": b"<manifest package='x'/>",
    }.items():
        files["AndroidManifest.xml"] = manifest
        line = rejected(write_zip(tmp_path / f"{label}.apk", files), capsys)
        assert "AndroidManifest.xml" in line or "malformed" in line, (label, line)


def test_malformed_dex(good_apk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = entries(good_apk)
    dex = bytearray(files["classes.dex"])
    struct.pack_into("<II", dex, 56, 0x7FFFFFFF, 0x70)  # string_ids: absurd count
    files["classes.dex"] = bytes(dex)
    line = rejected(write_zip(tmp_path / "dex.apk", files), capsys)
    assert "malformed classes.dex" in line


def test_dex_reader_bounds() -> None:
    with pytest.raises(MalformedDex, match="bad magic"):
        read_dex_tables(b"PK\x03\x04" + b"\0" * 200)
    header = bytearray(b"dex\n035\0" + b"\0" * 0x68)
    struct.pack_into("<II", header, 56, 1, 0x70)
    header += struct.pack("<I", 0xFFFFFF)  # one string, its data far outside the file
    with pytest.raises(MalformedDex, match="outside the file"):
        read_dex_tables(bytes(header))


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x05\x06" + b"\0" * 18])
def test_not_an_apk(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "x.apk"
    path.write_bytes(content)
    assert "not an APK" in rejected(path, capsys)


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "no such file" in rejected(tmp_path / "absent.apk", capsys)
