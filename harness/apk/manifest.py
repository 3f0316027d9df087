"""What an APK's binary AndroidManifest.xml declares, read with androguard.

androguard decodes the binary XML (AXML) and resolves resource references (the label) through
resources.arsc; this module turns its answers into typed records. It is handed an in-memory
zip of the manifest and resources only (see archive.ApkArchive.subset), never the original
file, so its unbounded inflation never sees hostile entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loguru import logger

from harness.apk.archive import ApkArchive
from harness.errors import InputError

logger.disable("androguard")  # androguard narrates every parse step on stderr

ANDROID = "{http://schemas.android.com/apk/res/android}"
COMPONENT_TAGS = ("activity", "activity-alias", "service", "receiver", "provider")
MAIN_ACTION = "android.intent.action.MAIN"
LAUNCHER_CATEGORY = "android.intent.category.LAUNCHER"
# Providers were exported by default up to API 16 (developer.android.com/guide/topics/manifest/
# provider-element#exported); other components, and providers since 17, only with an intent filter
# (activity-element#exported, service-element#exported, receiver-element#exported).
PROVIDER_DEFAULT_EXPORTED_MAX_SDK = 16
# android.content.pm.PermissionInfo: PROTECTION_MASK_BASE values and the PROTECTION_FLAG_* bits
# most seen in apps (frameworks/base/core/java/android/content/pm/PermissionInfo.java)
_BASE_LEVELS = {0: "normal", 1: "dangerous", 2: "signature", 3: "signatureOrSystem", 4: "internal"}
_LEVEL_FLAGS = {0x10: "privileged", 0x20: "development", 0x40: "appop", 0x80: "pre23", 0x100: "installer"}


@dataclass(frozen=True)
class Permission:
    name: str
    protection_level: str | None  # "dangerous", "normal", "signature|privileged", …; None: unknown


@dataclass(frozen=True)
class Component:
    kind: str  # activity, activity-alias, service, receiver, provider
    name: str
    exported: bool
    exported_explicit: bool  # False: exported follows from the platform default
    process: str | None
    permission: str | None


@dataclass(frozen=True)
class ManifestFacts:
    package: str
    version_name: str | None
    version_code: int | None
    min_sdk: int | None
    target_sdk: int | None
    label: str | None
    application_class: str | None
    launcher_activity: str | None
    permissions: tuple[Permission, ...]
    declared_permissions: tuple[Permission, ...]  # <permission> elements: defined by the app
    components: tuple[Component, ...]
    processes: tuple[str, ...]  # every android:process name, application's included


def _int(value: Any) -> int | None:
    try:
        return int(str(value), 0)
    except (TypeError, ValueError):
        return None


def protection_level_name(value: object) -> str | None:
    """ "dangerous" stays as it is; a raw AXML integer such as 0x00000012 → "signature|privileged"."""
    if value is None or str(value) in ("", "None"):
        return None
    number = _int(value)
    if number is None:
        return str(value)
    names = [_BASE_LEVELS.get(number & 0xF, f"0x{number & 0xF:x}")]
    names += [name for bit, name in _LEVEL_FLAGS.items() if number & bit]
    return "|".join(names)


def platform_protection_level(permission: str, api_level: int = 34) -> str | None:
    """The protection level AOSP gives a platform permission at that API level (androguard's
    copy of frameworks/base/core/res/AndroidManifest.xml); None for a permission it lacks."""
    from androguard.core.api_specific_resources import load_permissions

    entry = load_permissions(api_level).get(permission)
    return protection_level_name(entry.get("protectionLevel")) if entry else None


def qualify(package: str, name: str) -> str:
    if name.startswith("."):
        return package + name
    return name if "." in name else f"{package}.{name}"


def process_name(package: str, value: str | None, default: str | None) -> str | None:
    if not value:
        return default
    # ":name" is private to the app and prefixed with its package (developer.android.com/guide/
    # topics/manifest/application-element#proc)
    return package + value if value.startswith(":") else value


def _is_launcher(element: Any) -> bool:
    for intent_filter in element.iter("intent-filter"):
        actions = {a.get(ANDROID + "name") for a in intent_filter.iter("action")}
        categories = {c.get(ANDROID + "name") for c in intent_filter.iter("category")}
        if MAIN_ACTION in actions and LAUNCHER_CATEGORY in categories:
            return True
    return False


def components_of(root: Any, package: str, target_sdk: int | None) -> tuple[list[Component], str | None]:
    application = root.find("application")
    if application is None:
        return [], None
    app_process = process_name(package, application.get(ANDROID + "process"), None)
    components = []
    launcher = None
    for element in application:
        kind = element.tag
        name = element.get(ANDROID + "name")
        if kind not in COMPONENT_TAGS or not isinstance(name, str):
            continue
        explicit = element.get(ANDROID + "exported")
        if explicit is not None:
            exported = str(explicit).lower() == "true"
        elif kind == "provider":
            exported = target_sdk is not None and target_sdk <= PROVIDER_DEFAULT_EXPORTED_MAX_SDK
        else:
            exported = element.find("intent-filter") is not None
        qualified = qualify(package, name)
        if launcher is None and kind in ("activity", "activity-alias") and _is_launcher(element):
            launcher = qualified
        components.append(
            Component(
                kind=kind,
                name=qualified,
                exported=exported,
                exported_explicit=explicit is not None,
                process=process_name(package, element.get(ANDROID + "process"), app_process),
                permission=element.get(ANDROID + "permission"),
            )
        )
    return components, launcher


def read_manifest_facts(archive: ApkArchive) -> ManifestFacts:
    from androguard.core.apk import APK

    raw = archive.subset(["AndroidManifest.xml", "resources.arsc"])
    try:
        apk = APK(raw, raw=True)
    except Exception as error:  # androguard raises a variety of types on malformed input
        raise InputError(f"{archive.path}: malformed APK ({type(error).__name__}: {error})") from None
    if not apk.is_valid_APK():
        raise InputError(f"{archive.path}: malformed binary AndroidManifest.xml (AXML cannot be decoded)")
    root = apk.get_android_manifest_xml()
    package = apk.get_package() or ""
    if root is None or root.tag != "manifest" or not package:
        raise InputError(f"{archive.path}: the binary AndroidManifest.xml names no package")
    target_sdk = _int(apk.get_target_sdk_version())
    details: dict[str, list[object]] = apk.get_details_permissions()
    declared = apk.get_declared_permissions_details()
    permissions = []
    requested = [e.get(ANDROID + "name") for e in root.iter("uses-permission", "uses-permission-sdk-23")]
    for name in dict.fromkeys(str(n) for n in requested if n):  # manifest order, once each
        level = (details.get(name) or [None])[0]
        own = declared.get(name) or {}
        level = own.get("protectionLevel") or level
        permissions.append(Permission(name, protection_level_name(level)))
    declared_permissions = tuple(
        Permission(name, protection_level_name(values.get("protectionLevel")) or "normal")
        for name, values in declared.items()
    )
    components, launcher = components_of(root, package, target_sdk)
    application = root.find("application")
    application_class = application.get(ANDROID + "name") if application is not None else None
    processes = {c.process for c in components if c.process}
    if application is not None and application.get(ANDROID + "process"):
        processes.add(process_name(package, application.get(ANDROID + "process"), None) or package)
    label = _label(apk)
    return ManifestFacts(
        package=package,
        version_name=apk.get_androidversion_name() or None,
        version_code=_int(apk.get_androidversion_code()),
        min_sdk=_int(apk.get_min_sdk_version()),
        target_sdk=target_sdk,
        label=label,
        application_class=qualify(package, application_class) if application_class else None,
        launcher_activity=launcher,
        permissions=tuple(permissions),
        declared_permissions=declared_permissions,
        components=tuple(components),
        processes=tuple(sorted(processes)),
    )


def _label(apk: Any) -> str | None:
    try:
        label = apk.get_app_name()
    except Exception:  # a broken resources.arsc leaves the label unknown, not the scan failed
        return None
    return label if isinstance(label, str) and label and not label.startswith("@") else None
