"""Build a sim example app (AndroidManifest.xml + src/**/*.java) into a real, signed APK.

Two toolchains:

- Debian's (the default when ANDROID_HOME is unset; CI has it): `apt-get install aapt
  zipalign apksigner libsmali-java`. aapt links the manifest against a stand-in of the
  framework's public attribute table (`android:name` is 0x01010003 on every phone; the ids are
  read from the AOSP public.xml that androguard ships), the application label becomes a string
  resource, zipalign aligns, apksigner signs. Debian 12 packages no Java-to-dex compiler
  (dx left with bullseye, d8 is on Google's Maven only), so the code comes from a `d8` on PATH,
  or from smali sources (`APP/smali/**/*.smali`, assembled with Debian's smali); an app with
  neither is built without code (`android:hasCode="false"` APKs are valid), and says so.
- The Android SDK's (ANDROID_HOME or ANDROID_SDK_ROOT with build-tools and a platform): aapt2
  links against the real android.jar, javac compiles the sources against it (Java 8 bytecode),
  d8 dexes them. The device test tier uses this one.

    python examples/android-build/build_apk.py examples/leaky_sdk build/apks/leaky_sdk.apk
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

MIN_SDK = 24
DEFAULT_TARGET_SDK = 30
KEY_PASSWORD = "android"  # the conventional debug-key password; these APKs are test builds


class BuildError(Exception):
    pass


@dataclass(frozen=True)
class Sdk:
    build_tools: Path
    android_jar: Path

    def tool(self, name: str) -> str:
        path = self.build_tools / name
        if not path.exists():
            raise BuildError(f"{name} is missing from {self.build_tools}")
        return str(path)


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", path.name))


def find_sdk(environ: dict[str, str] | None = None, platform: int | None = None) -> Sdk:
    """The newest build-tools and the newest (or the requested) platform of the SDK."""
    environ = dict(os.environ) if environ is None else environ
    home = environ.get("ANDROID_HOME") or environ.get("ANDROID_SDK_ROOT")
    if not home or not Path(home).is_dir():
        raise BuildError("no Android SDK: set ANDROID_HOME to an SDK with build-tools and a platform")
    root = Path(home)
    tools = sorted((p for p in (root / "build-tools").glob("*") if (p / "aapt2").exists()), key=_version_key)
    if not tools:
        raise BuildError(f"{root}/build-tools has no aapt2: sdkmanager 'build-tools;34.0.0'")
    platforms = sorted(
        (p for p in (root / "platforms").glob("android-*") if (p / "android.jar").exists()),
        key=_version_key,
    )
    if platform is not None:
        platforms = [p for p in platforms if p.name == f"android-{platform}"]
    if not platforms:
        raise BuildError(f"{root}/platforms has no android.jar: sdkmanager 'platforms;android-34'")
    return Sdk(tools[-1], platforms[-1] / "android.jar")


def build_commands(sdk: Sdk, app: Path, work: Path, target_sdk: int) -> list[list[str]]:
    """aapt2 link, javac and zipalign; d8 (`d8_command`) runs on javac's output and its
    classes.dex is added to the APK before zipalign."""
    sources = sorted(str(path) for path in (app / "src").rglob("*.java"))
    if not sources:
        raise BuildError(f"{app}/src holds no .java files")
    classes = work / "classes"
    return [
        [
            sdk.tool("aapt2"), "link",
            "--manifest", str(app / "AndroidManifest.xml"),
            "-I", str(sdk.android_jar),
            "--min-sdk-version", str(MIN_SDK),
            "--target-sdk-version", str(target_sdk),
            "-o", str(work / "unaligned.apk"),
        ],
        [
            "javac", "-source", "8", "-target", "8", "-nowarn", "-encoding", "UTF-8",
            "-bootclasspath", str(sdk.android_jar), "-d", str(classes), *sources,
        ],
        [sdk.tool("zipalign"), "-f", "4", str(work / "unaligned.apk"), str(work / "aligned.apk")],
    ]  # fmt: skip


def d8_command(sdk: Sdk, class_files: list[str], work: Path) -> list[str]:
    return [
        sdk.tool("d8"), "--min-api", str(MIN_SDK), "--lib", str(sdk.android_jar),
        "--output", str(work), *class_files,
    ]  # fmt: skip


def add_dex(apk: Path, dex: Path) -> None:
    with zipfile.ZipFile(apk, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(dex, "classes.dex")


def debug_keystore(path: Path) -> Path:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        _run(
            [
                "keytool", "-genkeypair", "-keystore", str(path), "-storepass", KEY_PASSWORD,
                "-alias", "androiddebugkey", "-keypass", KEY_PASSWORD, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "10000", "-dname", "CN=Android Debug,O=Android,C=US",
            ]
        )  # fmt: skip
    return path


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None and not Path(command[0]).exists():
        raise BuildError(f"{command[0]} not found (a JDK and the Android SDK build-tools are needed)")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise BuildError(f"{Path(command[0]).name} failed: " + " | ".join(tail))


def build_apk(app: Path, out: Path, target_sdk: int = DEFAULT_TARGET_SDK, sdk: Sdk | None = None) -> Path:
    if not (app / "AndroidManifest.xml").exists():
        raise BuildError(f"{app} has no AndroidManifest.xml")
    if sdk is None:
        try:
            sdk = find_sdk()
        except BuildError:
            return build_apk_debian(app, out, target_sdk)
    with tempfile.TemporaryDirectory(prefix="pp-apk-") as tmp:
        work = Path(tmp)
        aapt2, javac, zipalign = build_commands(sdk, app, work, target_sdk)
        _run(aapt2)
        _run(javac)
        class_files = sorted(str(p) for p in (work / "classes").rglob("*.class"))
        _run(d8_command(sdk, class_files, work))
        add_dex(work / "unaligned.apk", work / "classes.dex")
        _run(zipalign)
        keystore = debug_keystore(out.parent / "debug.keystore")
        out.parent.mkdir(parents=True, exist_ok=True)
        _run(
            [
                sdk.tool("apksigner"), "sign", "--ks", str(keystore),
                "--ks-pass", f"pass:{KEY_PASSWORD}", "--key-pass", f"pass:{KEY_PASSWORD}",
                "--out", str(out), str(work / "aligned.apk"),
            ]
        )  # fmt: skip
    return out


# -- Debian's toolchain ---------------------------------------------------------------------

ANDROID_NS = "http://schemas.android.com/apk/res/android"
SMALI_JAR = Path("/usr/share/java/smali.jar")
# The framework attributes the sim apps' manifests use, with the value format aapt must check.
FRAMEWORK_ATTRS = {
    "label": "string|reference", "icon": "reference", "name": "string", "permission": "string",
    "protectionLevel": "string|integer", "hasCode": "boolean", "exported": "boolean",
    "process": "string", "minSdkVersion": "integer|string", "versionCode": "integer",
    "versionName": "string", "targetSdkVersion": "integer|string",
}  # fmt: skip


@dataclass(frozen=True)
class DebianTools:
    aapt: str
    zipalign: str
    apksigner: str


def debian_tools() -> DebianTools:
    found = {name: shutil.which(name) for name in ("aapt", "zipalign", "apksigner")}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        raise BuildError(
            f"{', '.join(missing)} not found: apt-get install -y aapt zipalign apksigner libsmali-java "
            "(or set ANDROID_HOME to an Android SDK)"
        )
    return DebianTools(str(found["aapt"]), str(found["zipalign"]), str(found["apksigner"]))


def public_attribute_ids() -> dict[str, str]:
    """The framework's public attribute ids (AOSP core/res/res/values/public.xml, as shipped by
    androguard, a dependency of privacy-probe)."""
    import androguard.core.resources as androguard_resources

    table = Path(androguard_resources.__file__).with_name("public.xml")
    ids: dict[str, str] = {}
    for element in ElementTree.parse(table).getroot().iter("public"):
        if element.get("type") == "attr" and element.get("name") in FRAMEWORK_ATTRS:
            ids[str(element.get("name"))] = str(element.get("id"))
    missing = set(FRAMEWORK_ATTRS) - set(ids)
    if missing:
        raise BuildError(f"{table} lacks the attribute ids of {sorted(missing)}")
    return ids


def framework_stand_in(tools: DebianTools, work: Path) -> Path:
    """A resource package named `android` (package id 0x01) holding only the public attribute
    table, for aapt to resolve `android:` attributes to the ids real phones use."""
    root = work / "framework"
    values = root / "res" / "values"
    values.mkdir(parents=True)
    (root / "AndroidManifest.xml").write_text('<manifest package="android"/>\n')
    ids = public_attribute_ids()
    attrs = "".join(f'<attr name="{name}" format="{fmt}"/>' for name, fmt in FRAMEWORK_ATTRS.items())
    public = "".join(f'<public type="attr" name="{name}" id="{ids[name]}"/>' for name in FRAMEWORK_ATTRS)
    (values / "attrs.xml").write_text(f"<resources>{attrs}</resources>\n")
    (values / "public.xml").write_text(f"<resources>{public}</resources>\n")
    out = work / "framework-res.apk"
    _run([tools.aapt, "package", "-f", "-x", "-M", str(root / "AndroidManifest.xml"),
          "-S", str(root / "res"), "-F", str(out)])  # fmt: skip
    return out


def manifest_with_label_resource(app: Path, work: Path, has_code: bool) -> tuple[Path, Path]:
    """The app's manifest with its literal label moved into res/values/strings.xml, as Android
    Studio projects have it; `hasCode="false"` when the APK carries no dex."""
    ElementTree.register_namespace("android", ANDROID_NS)
    tree = ElementTree.parse(app / "AndroidManifest.xml")
    application = tree.getroot().find("application")
    if application is None:
        raise BuildError(f"{app}/AndroidManifest.xml has no <application>")
    res = work / "res"
    (res / "values").mkdir(parents=True)
    label = application.get(f"{{{ANDROID_NS}}}label")
    strings = ""
    if label and not label.startswith("@"):
        escaped = label.replace("&", "&amp;").replace("<", "&lt;").replace("'", "\\'")
        strings = f'<string name="app_label">{escaped}</string>'
        application.set(f"{{{ANDROID_NS}}}label", "@string/app_label")
    if not has_code:
        application.set(f"{{{ANDROID_NS}}}hasCode", "false")
    (res / "values" / "strings.xml").write_text(f"<resources>{strings}</resources>\n", encoding="utf-8")
    manifest = work / "AndroidManifest.xml"
    tree.write(manifest, encoding="utf-8", xml_declaration=True)
    return manifest, res


def dex_for(app: Path, work: Path) -> Path | None:
    """classes.dex from a d8 on PATH, else from APP/smali, else from the Java sources translated
    to smali (class2smali.py; the sim's Android subset) — all assembled by Debian's smali.
    None: the app has no code."""
    smali = app / "smali"
    sources = sorted(str(path) for path in (app / "src").rglob("*.java")) if (app / "src").is_dir() else []
    d8 = shutil.which("d8")
    if d8 is not None and sources:
        classes = work / "classes"
        _run(["javac", "-source", "8", "-target", "8", "-nowarn", "-encoding", "UTF-8",
              "-d", str(classes), *sources])  # fmt: skip
        _run([d8, "--min-api", str(MIN_SDK), "--output", str(work),
              *sorted(str(p) for p in classes.rglob("*.class"))])  # fmt: skip
        return work / "classes.dex"
    if not smali.is_dir() and sources:
        smali = translated_sources(sources, work)
    if smali.is_dir():
        if not SMALI_JAR.exists():
            raise BuildError(f"{SMALI_JAR} not found: apt-get install -y libsmali-java")
        _run(["java", "-jar", str(SMALI_JAR), "assemble", "--api", str(MIN_SDK),
              "-o", str(work / "classes.dex"), str(smali)])  # fmt: skip
        return work / "classes.dex"
    return None


def translated_sources(sources: list[str], work: Path) -> Path:
    """javac (Java 8 bytecode, against the sim framework: the subset of android.* the sim apps
    use) and class2smali.py: the app's own classes as smali."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from class2smali import TranslationError, translate_classes

    from harness.sim.build import framework_classes

    classes, smali = work / "classes", work / "smali"
    _run(["javac", "-source", "8", "-target", "8", "-Xlint:-options", "-nowarn", "-encoding", "UTF-8",
          "-cp", str(framework_classes()),
          "-d", str(classes), *sources])  # fmt: skip
    try:
        translate_classes(classes, smali)
    except TranslationError as error:
        raise BuildError(f"class → smali: {error}") from None
    return smali


def build_apk_debian(app: Path, out: Path, target_sdk: int = DEFAULT_TARGET_SDK) -> Path:
    tools = debian_tools()
    with tempfile.TemporaryDirectory(prefix="pp-apk-") as tmp:
        work = Path(tmp)
        framework = framework_stand_in(tools, work)
        dex = dex_for(app, work)
        if dex is None:
            print(
                f"build_apk: {app.name}: no Java sources and no smali/: an APK without code", file=sys.stderr
            )
        manifest, res = manifest_with_label_resource(app, work, has_code=dex is not None)
        unaligned = work / "unaligned.apk"
        _run([tools.aapt, "package", "-f", "-M", str(manifest), "-S", str(res), "-I", str(framework),
              "--min-sdk-version", str(MIN_SDK), "--target-sdk-version", str(target_sdk),
              "-F", str(unaligned)])  # fmt: skip
        if dex is not None:
            add_dex(unaligned, dex)
        _run([tools.zipalign, "-f", "4", str(unaligned), str(work / "aligned.apk")])
        keystore = debug_keystore(out.parent / "debug.keystore")
        out.parent.mkdir(parents=True, exist_ok=True)
        _run([tools.apksigner, "sign", "--ks", str(keystore), "--ks-pass", f"pass:{KEY_PASSWORD}",
              "--key-pass", f"pass:{KEY_PASSWORD}", "--out", str(out),
              str(work / "aligned.apk")])  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", type=Path, help="a sim app directory (AndroidManifest.xml + src/)")
    parser.add_argument("out", type=Path, help="the APK to write")
    parser.add_argument("--target-sdk", type=int, default=DEFAULT_TARGET_SDK)
    args = parser.parse_args(argv)
    try:
        print(build_apk(args.app, args.out, args.target_sdk))
    except BuildError as error:
        print(f"build_apk: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
