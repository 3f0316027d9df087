from __future__ import annotations

from pathlib import Path

import pytest

from harness.errors import InputError
from harness.manifest import parse_manifest, read_manifest
from tests.conftest import EXAMPLES

MANIFEST = """<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="{package}"
    android:versionName="4.5">
  <uses-permission android:name="android.permission.READ_CONTACTS"/>
  <uses-permission android:name="android.permission.INTERNET"/>
  <application android:name=".App" android:label="Demo">
    <activity android:name=".Settings"/>
    <activity android:name="{launcher}">{filter}</activity>
  </application>
</manifest>"""
LAUNCHER_FILTER = """<intent-filter>
  <action android:name="android.intent.action.MAIN"/>
  <category android:name="android.intent.category.LAUNCHER"/>
</intent-filter>"""


def manifest(
    package: str = "com.x.demo", launcher: str = ".Main", intent_filter: str = LAUNCHER_FILTER
) -> str:
    return MANIFEST.format(package=package, launcher=launcher, filter=intent_filter)


def test_reads_package_label_version_permissions_and_qualifies_class_names() -> None:
    info = parse_manifest(manifest(), "m.xml")
    assert info.package == "com.x.demo"
    assert info.label == "Demo"
    assert info.version == "4.5"
    assert info.launcher_activity == "com.x.demo.Main"
    assert info.application_class == "com.x.demo.App"
    assert info.permissions == ("android.permission.READ_CONTACTS", "android.permission.INTERNET")


def test_fully_qualified_launcher_is_kept() -> None:
    assert (
        parse_manifest(manifest(launcher="org.other.Start"), "m.xml").launcher_activity == "org.other.Start"
    )


def test_an_app_without_a_launcher_activity_is_still_an_app() -> None:
    assert parse_manifest(manifest(intent_filter=""), "m.xml").launcher_activity == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (manifest(package=""), "has no package attribute"),
        ("<manifest package='a.b'/>", "no <application> element"),
        ("<manifest", "not a valid AndroidManifest.xml"),
        ("<resources/>", "expected <manifest>"),
    ],
)
def test_bad_manifests_give_one_line_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        parse_manifest(text, "bad.xml")
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("bad.xml")


def test_entity_expansion_attack_is_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><manifest package="&b;"/>'
    )
    with pytest.raises(InputError, match=r"not a valid AndroidManifest\.xml"):
        parse_manifest(bomb, "bomb.xml")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"AndroidManifest.xml not found"):
        read_manifest(tmp_path / "AndroidManifest.xml")


@pytest.mark.parametrize("example", sorted(p.parent.name for p in EXAMPLES.glob("*/AndroidManifest.xml")))
def test_every_example_manifest_parses(example: str) -> None:
    info = read_manifest(EXAMPLES / example / "AndroidManifest.xml")
    assert info.package.startswith("com.")
    assert info.launcher_activity.startswith(info.package)
