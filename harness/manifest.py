"""Reading AndroidManifest.xml (the real schema) into an AppInfo."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from harness.device.base import AppInfo
from harness.errors import InputError

ANDROID_NS = "{http://schemas.android.com/apk/res/android}"
MAIN_ACTION = "android.intent.action.MAIN"
LAUNCHER_CATEGORY = "android.intent.category.LAUNCHER"


def _attr(element: Element, name: str) -> str | None:
    return element.get(ANDROID_NS + name)


def _qualify(package: str, class_name: str) -> str:
    if class_name.startswith("."):
        return package + class_name
    if "." not in class_name:
        return f"{package}.{class_name}"
    return class_name


def _process_name(package: str, process: str | None) -> str:
    """android:process: absent = the app's main process (named after the package); ":name" = a
    process private to the app, "package:name"; anything else is a global process name
    (developer.android.com/guide/topics/manifest/service-element#proc)."""
    if not process:
        return package
    return package + process if process.startswith(":") else process


def _is_launcher(activity: Element) -> bool:
    for intent_filter in activity.iter("intent-filter"):
        actions = {_attr(a, "name") for a in intent_filter.iter("action")}
        categories = {_attr(c, "name") for c in intent_filter.iter("category")}
        if MAIN_ACTION in actions and LAUNCHER_CATEGORY in categories:
            return True
    return False


def parse_manifest(text: str, where: str) -> AppInfo:
    """Parse manifest XML; `where` names the file in error messages."""
    try:
        root = ElementTree.fromstring(text)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise InputError(f"{where}: not a valid AndroidManifest.xml ({exc})") from None
    if root.tag != "manifest":
        raise InputError(f"{where}: root element is <{root.tag}>, expected <manifest>")
    package = root.get("package")
    if not package:
        raise InputError(f"{where}: <manifest> has no package attribute")
    application = root.find("application")
    if application is None:
        raise InputError(f"{where}: no <application> element")
    launchers = [a for a in application.iter("activity") if _is_launcher(a)]
    launchers += [a for a in application.iter("activity-alias") if _is_launcher(a)]
    # Android installs an app without a launcher activity; only starting it fails (the device says so).
    launcher_name = ""
    if launchers:
        launcher_name = _attr(launchers[0], "name") or _attr(launchers[0], "targetActivity") or ""
        if not launcher_name:
            raise InputError(f"{where}: the launcher activity has no android:name")
    app_class = _attr(application, "name")
    services = {
        _qualify(package, name): _process_name(package, _attr(service, "process"))
        for service in application.iter("service")
        if (name := _attr(service, "name"))
    }
    uses_sdk = root.find("uses-sdk")
    target_sdk = _attr(uses_sdk, "targetSdkVersion") if uses_sdk is not None else None
    permissions = tuple(name for p in root.iter("uses-permission") if (name := _attr(p, "name")))
    return AppInfo(
        package=package,
        label=_attr(application, "label") or package,
        version=_attr(root, "versionName") or "",
        launcher_activity=_qualify(package, launcher_name) if launcher_name else "",
        application_class=_qualify(package, app_class) if app_class else None,
        permissions=permissions,
        extra={
            **({"target_sdk": int(target_sdk)} if target_sdk and target_sdk.isdigit() else {}),
            **({"services": services} if services else {}),
        },
    )


def read_manifest(path: Path) -> AppInfo:
    if not path.is_file():
        raise InputError(f"{path}: AndroidManifest.xml not found")
    return parse_manifest(path.read_text(encoding="utf-8", errors="replace"), str(path))
