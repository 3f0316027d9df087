"""Build a sim example app (AndroidManifest.xml + src/**/*.java) into a real, signed APK.

Needs the Android SDK (ANDROID_HOME or ANDROID_SDK_ROOT with build-tools and a platform)
and a JDK; used by the device test tier and the device-tests workflow, never by the
default tests. The sim apps are written against the subset of the Android SDK that the sim
framework mirrors, so they compile against the real android.jar unchanged.

    python examples/android-build/build_apk.py examples/leaky_sdk build/apks/leaky_sdk.apk

Steps: aapt2 links the manifest (no resources: labels are literal strings), javac compiles
the sources against android.jar (Java 8 bytecode, which d8 accepts), d8 turns the classes
into classes.dex, zipalign aligns, apksigner signs with a debug key made on first use.
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
    sdk = sdk or find_sdk()
    if not (app / "AndroidManifest.xml").exists():
        raise BuildError(f"{app} has no AndroidManifest.xml")
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
