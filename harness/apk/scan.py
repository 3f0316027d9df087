"""`privacy-probe scan APP.apk`: what can be learnt about an app without running it.

The scan document (scan.json in a run folder, `scan --json` on stdout):

    schema              1
    file                {name, size, sha256, kind}: kind "apk", or "source" for a sim app folder
                        (then size and sha256 are null)
    package, label, version_name, version_code, min_sdk, target_sdk
    application_class, launcher_activity
    permissions         [{name, protection_level}]  uses-permission, with the platform's level
    declared_permissions [{name, protection_level}] permissions the app defines itself
    components          [{kind, name, exported, exported_explicit, process, permission}]
    exported_components the names of the exported ones
    processes           every android:process name
    sdks                [{prefix, name, vendor, category, classes}] from the dex class names
    urls, domains       named in the code (dex strings)
    privacy_policy_url  the first URL in the code that names a privacy policy, or null
    sdk_fingerprints    [{root, sdk, by: "strings", evidence}] obfuscated package roots whose
                        code carries an SDK's string fingerprints (harness/sdk_fingerprint.py)
    native_tls          [{library, abi, arch, ssl_write, ssl_read, bounds_from, not_located}]:
                        native libraries linking BoringSSL statically, with SSL_write/SSL_read
                        located in them (harness/apk/native_libs.py; hooked on a device)
    dex_files           the dex entries read
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from harness.apk.archive import ApkArchive, open_apk
from harness.apk.code import CodeFacts, code_facts
from harness.apk.dex import read_dex_tables
from harness.apk.dex_code import strings_by_class
from harness.apk.manifest import ManifestFacts, read_manifest_facts
from harness.apk.native_libs import NativeTlsLibrary, native_tls_libraries
from harness.errors import InputError
from harness.sdk_fingerprint import RootAttribution, fingerprint_code, is_fingerprint_candidate

SCAN_SCHEMA = 1
SCAN_FILE = "scan.json"


@dataclass(frozen=True)
class ApkScan:
    name: str
    size: int | None
    sha256: str | None
    manifest: ManifestFacts
    code: CodeFacts
    dex_files: tuple[str, ...]
    kind: str = "apk"
    sdk_fingerprints: tuple[RootAttribution, ...] = ()
    native_tls: tuple[NativeTlsLibrary, ...] = ()

    def to_json(self) -> dict[str, Any]:
        facts = self.manifest
        components = [asdict(c) for c in facts.components]
        return {
            "schema": SCAN_SCHEMA,
            "file": {"name": self.name, "size": self.size, "sha256": self.sha256, "kind": self.kind},
            "package": facts.package,
            "label": facts.label,
            "version_name": facts.version_name,
            "version_code": facts.version_code,
            "min_sdk": facts.min_sdk,
            "target_sdk": facts.target_sdk,
            "application_class": facts.application_class,
            "launcher_activity": facts.launcher_activity,
            "permissions": [asdict(p) for p in facts.permissions],
            "declared_permissions": [asdict(p) for p in facts.declared_permissions],
            "components": components,
            "exported_components": [c["name"] for c in components if c["exported"]],
            "processes": list(facts.processes),
            "sdks": [asdict(s) for s in self.code.sdks],
            "urls": list(self.code.urls),
            "domains": list(self.code.domains),
            "privacy_policy_url": self.code.privacy_policy_url,
            "sdk_fingerprints": [a.to_json() for a in self.sdk_fingerprints],
            "native_tls": [library.to_json() for library in self.native_tls],
            "dex_files": list(self.dex_files),
        }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _code(
    archive: ApkArchive, package: str
) -> tuple[CodeFacts, tuple[str, ...], tuple[RootAttribution, ...]]:
    strings: list[str] = []
    class_names: list[str] = []
    by_class: list[tuple[str, list[str]]] = []
    names = archive.dex_names()
    for name in names:
        data = archive.read(name)
        try:
            tables = read_dex_tables(data)
        except InputError as error:
            raise InputError(f"{archive.path}: malformed {name}: {error}") from None
        strings.extend(tables.strings)
        class_names.extend(tables.class_names)
        by_class.extend(strings_by_class(data, tables, lambda name: is_fingerprint_candidate(name, package)))
    return code_facts(strings, class_names), tuple(names), fingerprint_code(by_class, package)


def scan_apk(path: Path) -> ApkScan:
    """Scan one APK; any malformed or hostile input raises InputError with a one-line reason."""
    archive = open_apk(path)
    manifest = read_manifest_facts(archive)
    code, dex_files, fingerprints = _code(archive, manifest.package)
    return ApkScan(
        name=path.name,
        size=archive.size,
        sha256=_sha256(path),
        manifest=manifest,
        code=code,
        dex_files=dex_files,
        sdk_fingerprints=fingerprints,
        native_tls=native_tls_libraries(archive),
    )


def scan_app(path: Path) -> ApkScan:
    """An APK, or a sim app folder (AndroidManifest.xml + src/): the same scan document."""
    if path.is_dir():
        from harness.apk.source import source_code_facts, source_manifest_facts, source_strings_by_class

        manifest = source_manifest_facts(path)
        return ApkScan(
            name=path.name,
            size=None,
            sha256=None,
            manifest=manifest,
            code=source_code_facts(path),
            dex_files=(),
            kind="source",
            sdk_fingerprints=fingerprint_code(source_strings_by_class(path), manifest.package),
        )
    return scan_apk(path)


def summary_lines(document: dict[str, Any]) -> list[str]:
    """The scan as a few readable lines (the CLI's output without --json)."""
    permissions = document["permissions"]
    dangerous = [p["name"] for p in permissions if "dangerous" in (p["protection_level"] or "")]
    sdks = ", ".join(f"{s['name']} ({s['prefix']})" for s in document["sdks"]) or "none recognised"
    return [
        f"{document['package']} {document['version_name'] or '?'} ({document['version_code'] or '?'})"
        f"  label: {document['label'] or '?'}",
        f"SDK: min {document['min_sdk'] or '?'}, target {document['target_sdk'] or '?'}",
        f"permissions: {len(permissions)} ({len(dangerous)} dangerous: {', '.join(dangerous) or '-'})",
        f"components: {len(document['components'])}, exported: "
        + (", ".join(document["exported_components"]) or "-"),
        f"processes: {', '.join(document['processes']) or '-'}",
        f"SDKs shipped: {sdks}",
        f"domains in code: {', '.join(document['domains'][:20]) or '-'}"
        + (f" (+{len(document['domains']) - 20} more)" if len(document["domains"]) > 20 else ""),
        f"privacy policy: {document['privacy_policy_url'] or 'no link found in the code'}",
        *(_native_tls_line(entry) for entry in document.get("native_tls") or []),
    ]


def _native_tls_line(entry: dict[str, Any]) -> str:
    if entry.get("not_located"):
        return f"static BoringSSL: {entry['library']}: not located ({entry['not_located']})"
    return (
        f"static BoringSSL: {entry['library']}: SSL_write at +{entry['ssl_write']:#x},"
        f" SSL_read at +{entry['ssl_read']:#x} (hooked on a device)"
    )
