"""The same static scan for a sim app folder (AndroidManifest.xml + src/**/*.java), so runs from
source folders and from APKs carry the same scan.json.

The manifest is the text one (defusedxml); protection levels come from the platform's table
for the app's target SDK; class names come from the source paths, strings from the Java string
literals. Sizes are capped as for APKs: a folder is user input too.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from harness.apk.code import CodeFacts, code_facts
from harness.apk.manifest import (
    ANDROID,
    ManifestFacts,
    Permission,
    components_of,
    platform_protection_level,
    process_name,
    protection_level_name,
    qualify,
)
from harness.errors import InputError

MAX_SOURCE_FILES = 20_000
MAX_SOURCE_BYTES = 1024 * 1024  # per file; the rest of a larger file is not read
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
DEFAULT_API_LEVEL = 34
_STRING_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.){0,4096})"')


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _read_manifest(path: Path) -> Element:
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise InputError(f"{path}: over {MAX_MANIFEST_BYTES} bytes, not a manifest")
        root = ElementTree.fromstring(path.read_bytes())
    except FileNotFoundError:
        raise InputError(f"{path.parent}: no AndroidManifest.xml (not an app folder)") from None
    except (OSError, ElementTree.ParseError, DefusedXmlException) as error:
        raise InputError(f"{path}: not a valid AndroidManifest.xml ({error})") from None
    if root.tag != "manifest" or not root.get("package"):
        raise InputError(f"{path}: no <manifest package=…> root")
    return root


def source_manifest_facts(folder: Path) -> ManifestFacts:
    root = _read_manifest(folder / "AndroidManifest.xml")
    package = str(root.get("package"))
    uses_sdk = root.find("uses-sdk")
    target_sdk = _int(uses_sdk.get(ANDROID + "targetSdkVersion")) if uses_sdk is not None else None
    min_sdk = _int(uses_sdk.get(ANDROID + "minSdkVersion")) if uses_sdk is not None else None
    declared = {
        str(p.get(ANDROID + "name")): protection_level_name(p.get(ANDROID + "protectionLevel")) or "normal"
        for p in root.iter("permission")
        if p.get(ANDROID + "name")
    }
    permissions = []
    for element in root.iter("uses-permission"):
        name = element.get(ANDROID + "name")
        if name:
            level = declared.get(name) or platform_protection_level(name, target_sdk or DEFAULT_API_LEVEL)
            permissions.append(Permission(name, level))
    components, launcher = components_of(root, package, target_sdk)
    application = root.find("application")
    app_class = application.get(ANDROID + "name") if application is not None else None
    raw_label = application.get(ANDROID + "label") if application is not None else None
    processes = {c.process for c in components if c.process}
    if application is not None and application.get(ANDROID + "process"):
        processes.add(process_name(package, application.get(ANDROID + "process"), None) or package)
    return ManifestFacts(
        package=package,
        version_name=root.get(ANDROID + "versionName") or None,
        version_code=_int(root.get(ANDROID + "versionCode")),
        min_sdk=min_sdk,
        target_sdk=target_sdk,
        label=raw_label if raw_label and not raw_label.startswith("@") else None,
        application_class=qualify(package, app_class) if app_class else None,
        launcher_activity=launcher,
        permissions=tuple(permissions),
        declared_permissions=tuple(Permission(n, level) for n, level in declared.items()),
        components=tuple(components),
        processes=tuple(sorted(processes)),
    )


def source_strings_by_class(folder: Path) -> list[tuple[str, list[str]]]:
    """(class name, its string literals) for every source file of the folder."""
    src = folder / "src"
    files = sorted(src.rglob("*.java")) if src.is_dir() else []
    if len(files) > MAX_SOURCE_FILES:
        raise InputError(f"{src}: {len(files)} source files (limit {MAX_SOURCE_FILES})")
    classes = []
    for file in files:
        with file.open("rb") as handle:
            text = handle.read(MAX_SOURCE_BYTES).decode("utf-8", errors="replace")
        strings = [match.group(1) for match in _STRING_LITERAL.finditer(text)]
        classes.append((".".join(file.relative_to(src).with_suffix("").parts), strings))
    return classes


def source_code_facts(folder: Path) -> CodeFacts:
    classes = source_strings_by_class(folder)
    return code_facts([s for _, strings in classes for s in strings], [name for name, _ in classes])
