"""The APK's native libraries that link BoringSSL statically (Flutter's libflutter.so), with the
offsets of SSL_write/SSL_read located in each (harness/apk/boringssl.py), for the agent to hook.

scan.json `native_tls`: [{library, abi, arch, ssl_write, ssl_read, bounds_from, not_located}] —
library is the entry name (lib/arm64-v8a/libflutter.so), offsets are from the loaded module's
base, bounds_from says where function starts came from ("unwind table", or "call targets" for a
build without one), and not_located says why a library that links BoringSSL could not be hooked
(offsets are null then).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath
from typing import Any

from harness.apk.archive import ApkArchive
from harness.apk.boringssl import NotLocated, links_boringssl, locate_tls_functions
from harness.errors import InputError

NATIVE_LIBRARY = re.compile(r"lib/([\w-]+)/[\w.+-]+\.so")


@dataclass(frozen=True)
class NativeTlsLibrary:
    library: str
    abi: str
    arch: str | None
    ssl_write: int | None
    ssl_read: int | None
    bounds_from: str | None = None
    not_located: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def native_tls_libraries(archive: ApkArchive) -> tuple[NativeTlsLibrary, ...]:
    found: list[NativeTlsLibrary] = []
    for name in archive.names:
        match = NATIVE_LIBRARY.fullmatch(name)
        if match is None:
            continue
        data = archive.read(name)
        if links_boringssl(data):
            found.append(locate(name, match.group(1), data))
    return tuple(found)


def locate(name: str, abi: str, data: bytes) -> NativeTlsLibrary:
    try:
        located = locate_tls_functions(data)
    except (NotLocated, InputError) as reason:
        return NativeTlsLibrary(name, abi, None, None, None, not_located=str(reason))
    return NativeTlsLibrary(
        name, abi, located.arch, located.ssl_write, located.ssl_read, bounds_from=located.bounds_from
    )


def agent_targets(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The located libraries among a scan's `native_tls` entries, as the agent's config takes them."""
    targets = []
    for entry in entries:
        offsets = (entry.get("ssl_write"), entry.get("ssl_read"))
        if all(isinstance(offset, int) for offset in offsets) and isinstance(entry.get("arch"), str):
            targets.append(
                {
                    "library": PurePosixPath(str(entry["library"])).name,  # what Frida calls the module
                    "arch": entry["arch"],
                    "ssl_write": offsets[0],
                    "ssl_read": offsets[1],
                }
            )
    return targets


def native_tls_coverage(entries: list[dict[str, Any]], hooks_installed: list[str]) -> list[dict[str, Any]]:
    """What became of each static-BoringSSL library of the scan in the run (manifest coverage
    `native_tls`): state "hooked", "not loaded" (located, but the app never loaded the library,
    or not in the process's architecture) or "not located"."""
    coverage = []
    for entry in entries:
        library = str(entry.get("library"))
        if entry.get("not_located") or not isinstance(entry.get("ssl_write"), int):
            state, detail = "not located", f"its TLS plaintext is not hooked: {entry.get('not_located')}"
        else:
            name = PurePosixPath(library).name
            hook = f"{name}!SSL_write@{entry['ssl_write']:x}"
            located = f"SSL_write at +{entry['ssl_write']:#x}, SSL_read at +{entry['ssl_read']:#x}"
            if hook in hooks_installed:
                state, detail = "hooked", located
            else:
                state, detail = "not loaded", f"{located}; no app process of its ABI loaded it"
        coverage.append({"library": library, "state": state, "detail": detail})
    return coverage
