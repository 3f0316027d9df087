"""Read the binary AndroidManifest.xml inside an APK (no Android SDK needed on the host).

An APK's manifest is compiled to Android's binary XML: a string pool, a map from string
index to attribute resource id, then start/end element chunks whose attributes carry typed
values. Attribute names are matched by resource id first, because optimising build tools
may blank the `android:` attribute names in the string pool.
"""

from __future__ import annotations

import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from harness.errors import InputError

_RES_XML = 0x0003
_STRING_POOL = 0x0001
_RESOURCE_MAP = 0x0180
_START_ELEMENT = 0x0102
_END_ELEMENT = 0x0103
_UTF8_FLAG = 0x100

_TYPE_REFERENCE = 0x01
_TYPE_STRING = 0x03
_TYPE_INT_DEC = 0x10
_TYPE_INT_HEX = 0x11
_TYPE_BOOLEAN = 0x12

_ATTRIBUTE_IDS = {
    0x01010001: "label",
    0x01010003: "name",
    0x0101020C: "minSdkVersion",
    0x0101021B: "versionCode",
    0x0101021C: "versionName",
    0x01010270: "targetSdkVersion",
}


@dataclass(frozen=True)
class ApkManifest:
    package: str
    version_name: str | None
    version_code: int | None
    min_sdk: int | None
    target_sdk: int | None
    label: str | None  # literal label, or None when it is a resource reference
    application_class: str | None
    launcher_activity: str | None
    permissions: tuple[str, ...]
    split: str | None  # the split name for a split APK, None for a base APK


@dataclass(frozen=True)
class _Element:
    depth: int
    tag: str
    attributes: dict[str, str | int | bool]


def read_apk_manifest(apk: Path) -> ApkManifest:
    try:
        with zipfile.ZipFile(apk) as archive:
            data = archive.read("AndroidManifest.xml")
    except (OSError, zipfile.BadZipFile, KeyError) as error:
        raise InputError(f"{apk} is not a readable APK ({error})") from None
    try:
        elements = _parse_binary_xml(data)
    except (struct.error, IndexError, UnicodeDecodeError, ValueError) as error:
        raise InputError(f"{apk}: corrupt binary AndroidManifest.xml ({error})") from None
    return _manifest(elements, apk)


def _manifest(elements: list[_Element], apk: Path) -> ApkManifest:
    if not elements or elements[0].tag != "manifest":
        raise InputError(f"{apk}: AndroidManifest.xml has no <manifest> root")
    root = elements[0].attributes
    package = str(root.get("package", ""))
    if not package:
        raise InputError(f"{apk}: the manifest names no package")

    def qualify(name: str) -> str:
        return package + name if name.startswith(".") else name

    def integer(value: object) -> int | None:
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    permissions: list[str] = []
    application_class = label = launcher = None
    min_sdk = target_sdk = None
    activity: str | None = None
    activity_depth = 0
    filter_actions: set[str] = set()
    filter_categories: set[str] = set()
    for element in elements[1:]:
        attrs = element.attributes
        name = attrs.get("name")
        if element.depth <= activity_depth:
            activity = None
        if element.tag == "uses-permission" and isinstance(name, str):
            permissions.append(name)
        elif element.tag == "uses-sdk":
            min_sdk = integer(attrs.get("minSdkVersion"))
            target_sdk = integer(attrs.get("targetSdkVersion"))
        elif element.tag == "application":
            application_class = qualify(name) if isinstance(name, str) else None
            raw_label = attrs.get("label")
            label = raw_label if isinstance(raw_label, str) and not raw_label.startswith("@") else None
        elif element.tag in ("activity", "activity-alias") and isinstance(name, str):
            activity, activity_depth = qualify(name), element.depth
        elif element.tag == "intent-filter":
            filter_actions, filter_categories = set(), set()
        elif element.tag == "action" and isinstance(name, str):
            filter_actions.add(name)
        elif element.tag == "category" and isinstance(name, str):
            filter_categories.add(name)
        if (
            activity
            and launcher is None
            and "android.intent.action.MAIN" in filter_actions
            and "android.intent.category.LAUNCHER" in filter_categories
        ):
            launcher = activity
    version_name = root.get("versionName")
    split = root.get("split")
    return ApkManifest(
        package=package,
        version_name=version_name if isinstance(version_name, str) else None,
        version_code=integer(root.get("versionCode")),
        min_sdk=min_sdk,
        target_sdk=target_sdk,
        label=label,
        application_class=application_class,
        launcher_activity=launcher,
        permissions=tuple(permissions),
        split=split if isinstance(split, str) else None,
    )


def _parse_binary_xml(data: bytes) -> list[_Element]:
    chunk_type, header_size, _ = struct.unpack_from("<HHI", data, 0)
    if chunk_type != _RES_XML:
        raise ValueError("not an Android binary XML document")
    strings: list[str] = []
    resource_ids: list[int] = []
    elements: list[_Element] = []
    depth = 0
    offset = header_size
    while offset + 8 <= len(data):
        chunk_type, header_size, size = struct.unpack_from("<HHI", data, offset)
        if size < 8:
            raise ValueError(f"chunk of size {size} at {offset}")
        if chunk_type == _STRING_POOL:
            strings = _string_pool(data, offset)
        elif chunk_type == _RESOURCE_MAP:
            count = (size - header_size) // 4
            resource_ids = list(struct.unpack_from(f"<{count}I", data, offset + header_size))
        elif chunk_type == _START_ELEMENT:
            depth += 1
            elements.append(_start_element(data, offset + 16, strings, resource_ids, depth))
        elif chunk_type == _END_ELEMENT:
            depth -= 1
        offset += size
    return elements


def _string_pool(data: bytes, start: int) -> list[str]:
    count, _styles, flags, strings_start, _ = struct.unpack_from("<IIIII", data, start + 8)
    offsets = struct.unpack_from(f"<{count}I", data, start + 28)
    utf8 = bool(flags & _UTF8_FLAG)
    base = start + strings_start
    return [_pool_string(data, base + item, utf8) for item in offsets]


def _pool_string(data: bytes, position: int, utf8: bool) -> str:
    if utf8:
        position += 2 if data[position] & 0x80 else 1  # length in characters (skipped)
        length = data[position]
        if length & 0x80:
            length = ((length & 0x7F) << 8) | data[position + 1]
            position += 1
        position += 1
        return data[position : position + length].decode("utf-8")
    (length,) = struct.unpack_from("<H", data, position)
    position += 2
    if length & 0x8000:
        (low,) = struct.unpack_from("<H", data, position)
        length = ((length & 0x7FFF) << 16) | low
        position += 2
    return data[position : position + 2 * length].decode("utf-16-le")


def _start_element(
    data: bytes, ext: int, strings: list[str], resource_ids: list[int], depth: int
) -> _Element:
    _ns, name, attr_start, attr_size, attr_count = struct.unpack_from("<IIHHH", data, ext)
    attributes: dict[str, str | int | bool] = {}
    for index in range(attr_count):
        position = ext + attr_start + index * attr_size
        _ans, attr_name, raw, _vsize, _res0, value_type, value = struct.unpack_from(
            "<IIIHBBI", data, position
        )
        key = _ATTRIBUTE_IDS.get(resource_ids[attr_name]) if attr_name < len(resource_ids) else None
        key = key or strings[attr_name]
        attributes[key] = _typed_value(value_type, value, raw, strings)
    return _Element(depth, strings[name], attributes)


def _typed_value(value_type: int, value: int, raw: int, strings: list[str]) -> str | int | bool:
    if value_type == _TYPE_STRING:
        return strings[raw if raw != 0xFFFFFFFF else value]
    if value_type == _TYPE_BOOLEAN:
        return value != 0
    if value_type in (_TYPE_INT_DEC, _TYPE_INT_HEX):
        return value - (1 << 32) if value & 0x80000000 else value
    if value_type == _TYPE_REFERENCE:
        return f"@0x{value:08x}"
    if raw != 0xFFFFFFFF and raw < len(strings):
        return strings[raw]
    return f"0x{value:08x}"
