"""Opening an APK as hostile input: the zip directory is checked before any entry is inflated.

An APK is a zip file. Every limit below is checked against the central directory first, and
reads are bounded by the declared size (Python's zipfile stops at the declared size and checks
the CRC), so a zip bomb, a lying header or a path-traversal entry name ends the scan with one
clear error instead of filling memory or a disk.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from harness.errors import InputError

MAX_ENTRIES = 65_536
MAX_ENTRY_BYTES = 128 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
# deflate cannot do better than ~1032:1; real APK entries stay far below 100:1 except for
# long runs of zeros, so a larger ratio on a sizeable entry is a bomb, not data.
MAX_RATIO = 200
RATIO_CHECK_MIN_BYTES = 1024 * 1024
DEX_NAME = re.compile(r"classes\d*\.dex")


@dataclass(frozen=True)
class ApkArchive:
    path: Path
    size: int
    names: tuple[str, ...]
    _infos: dict[str, zipfile.ZipInfo]

    def has(self, name: str) -> bool:
        return name in self._infos

    def dex_names(self) -> list[str]:
        """classes.dex, classes2.dex, … in the order the runtime loads them."""
        found = [name for name in self.names if DEX_NAME.fullmatch(name)]
        return sorted(found, key=lambda n: int(n[7:-4] or "1"))

    def read(self, name: str, limit: int = MAX_ENTRY_BYTES) -> bytes:
        info = self._infos.get(name)
        if info is None:
            raise InputError(f"{self.path}: the APK has no {name}")
        if info.file_size > limit:
            raise InputError(f"{self.path}: {name} declares {info.file_size} bytes (limit {limit})")
        try:
            with zipfile.ZipFile(self.path) as archive, archive.open(info) as entry:
                data = entry.read(limit + 1)
        except (OSError, zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as error:
            raise InputError(f"{self.path}: {name} cannot be read ({_one_line(error)})") from None
        except Exception as error:  # zlib.error and friends from a corrupt deflate stream
            raise InputError(f"{self.path}: {name} is corrupt ({_one_line(error)})") from None
        if len(data) > limit:
            raise InputError(f"{self.path}: {name} inflates past {limit} bytes")
        return data

    def subset(self, names: list[str]) -> bytes:
        """A new in-memory zip holding only `names` (already checked), for parsers that would
        otherwise inflate entries of the original file without limits."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as out:
            for name in names:
                if self.has(name):
                    limit = MAX_MANIFEST_BYTES if name == "AndroidManifest.xml" else MAX_ENTRY_BYTES
                    out.writestr(name, self.read(name, limit))
        return buffer.getvalue()


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def unsafe_entry_name(name: str) -> bool:
    """A name that would leave the folder it is extracted into (zip slip), or cannot be a file."""
    if not name or "\0" in name or name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return True
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return ".." in parts


def open_apk(path: Path) -> ApkArchive:
    """Check the APK's zip directory against the limits; nothing is inflated yet."""
    try:
        size = path.stat().st_size
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, zipfile.BadZipFile, EOFError, ValueError) as error:
        raise InputError(f"{path}: not an APK (not a readable zip file: {_one_line(error)})") from None
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"{path}: {len(infos)} zip entries (limit {MAX_ENTRIES}): refusing a zip bomb")
    total = 0
    table: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if unsafe_entry_name(info.filename):
            raise InputError(f"{path}: unsafe zip entry name {info.filename[:120]!r} (path traversal)")
        if info.file_size > MAX_ENTRY_BYTES:
            raise InputError(
                f"{path}: entry {info.filename[:120]!r} declares {info.file_size} bytes "
                f"(limit {MAX_ENTRY_BYTES}): refusing a zip bomb"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= RATIO_CHECK_MIN_BYTES and ratio > MAX_RATIO:
            raise InputError(
                f"{path}: entry {info.filename[:120]!r} inflates {ratio:.0f}:1 (limit {MAX_RATIO}:1): "
                "refusing a zip bomb"
            )
        total += info.file_size
        table.setdefault(info.filename, info)
    if total > MAX_TOTAL_BYTES:
        raise InputError(
            f"{path}: entries total {total} bytes (limit {MAX_TOTAL_BYTES}): refusing a zip bomb"
        )
    if "AndroidManifest.xml" not in table:
        raise InputError(f"{path}: not an APK (no AndroidManifest.xml)")
    return ApkArchive(path=path, size=size, names=tuple(i.filename for i in infos), _infos=table)
