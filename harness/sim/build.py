"""Compiling the sim framework and sim apps with javac, cached by content hash."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from harness.device.base import AppInfo
from harness.errors import CompileError, EnvironmentProblem, InputError
from harness.manifest import parse_manifest, read_manifest
from harness.paths import cache_dir

FRAMEWORK_SRC = Path(__file__).resolve().parent / "framework" / "src"
JAVA_RELEASE = "17"
_ERROR_LINE = re.compile(r"^(?P<file>.+?\.java):(?P<line>\d+): error: (?P<message>.*)$")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise EnvironmentProblem(
            f"{name} not found: install a JDK 17 (Debian: apt-get install -y openjdk-17-jdk-headless)"
        )
    return found


def java_executable() -> str:
    return _tool("java")


def _hash_files(files: Iterable[Path], root: Path, salt: str = "") -> str:
    digest = hashlib.sha256(salt.encode())
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def _first_compiler_error(output: str) -> str:
    lines = output.splitlines()
    for index, line in enumerate(lines):
        match = _ERROR_LINE.match(line)
        if match:
            detail = [match.group("message")]
            for follow in lines[index + 1 : index + 4]:
                if follow.strip().startswith(("symbol:", "location:")):
                    detail.append(follow.strip())
            name = Path(match.group("file")).name
            return f"{name}:{match.group('line')}: {'; '.join(detail)}"
    return next((line for line in lines if line.strip()), "javac failed with no output")


def _javac(sources: list[Path], out: Path, classpath: Path | None = None) -> None:
    command = [
        _tool("javac"),
        "-encoding",
        "UTF-8",
        "--release",
        JAVA_RELEASE,
        "-nowarn",
        "-d",
        str(out),
    ]
    if classpath is not None:
        command += ["-cp", str(classpath)]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as argfile:
        argfile.write("\n".join(f'"{s.as_posix()}"' for s in sources))
    try:
        result = subprocess.run([*command, f"@{argfile.name}"], capture_output=True, text=True, check=False)
    finally:
        Path(argfile.name).unlink(missing_ok=True)
    if result.returncode != 0:
        raise CompileError(_first_compiler_error(result.stderr + result.stdout))


def _compile_cached(key: str, kind: str, sources: list[Path], classpath: Path | None) -> Path:
    """Compile into the cache once per key; a half-written entry is never used."""
    target = cache_dir("sim", kind) / key
    if (target / ".complete").exists():
        return target
    staging = Path(tempfile.mkdtemp(prefix=f"{key}.", dir=target.parent))
    try:
        _javac(sources, staging, classpath)
        (staging / ".complete").touch()
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def framework_classes() -> Path:
    sources = sorted(FRAMEWORK_SRC.rglob("*.java"))
    if not sources:
        raise EnvironmentProblem(f"sim framework sources missing under {FRAMEWORK_SRC}")
    key = _hash_files(sources, FRAMEWORK_SRC, salt=JAVA_RELEASE)
    return _compile_cached(key, "framework", sources, None)


PATCH_SRC = Path(__file__).resolve().parent / "framework" / "patch" / "java.base"


def java_base_patch() -> Path:
    """Classes patched into java.base of the sim's JVM (--patch-module): java.net.NetworkInterface
    shows the simulated device's interfaces, so the host's own never reach an app or a record."""
    sources = sorted(PATCH_SRC.rglob("*.java"))
    if not sources:
        raise EnvironmentProblem(f"sim java.base patch sources missing under {PATCH_SRC}")
    key = _hash_files(sources, PATCH_SRC, salt=JAVA_RELEASE)
    target = cache_dir("sim", "patch") / key
    if (target / ".complete").exists():
        return target
    staging = Path(tempfile.mkdtemp(prefix=f"{key}.", dir=target.parent))
    try:
        # javac refuses --release together with --patch-module: the running JDK's java.base is patched.
        patch = f"java.base={PATCH_SRC}"
        command = [
            _tool("javac"),
            "-encoding",
            "UTF-8",
            "-nowarn",
            "--patch-module",
            patch,
            "-d",
            f"{staging}",
        ]
        result = subprocess.run(
            [*command, *(str(s) for s in sources)], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise CompileError(_first_compiler_error(result.stderr + result.stdout))
        (staging / ".complete").touch()
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


@dataclass(frozen=True)
class SimApp:
    info: AppInfo
    classes: Path  # directory or jar holding the compiled app


def _build_from_directory(directory: Path) -> SimApp:
    info = read_manifest(directory / "AndroidManifest.xml")
    src = directory / "src"
    sources = sorted(src.rglob("*.java")) if src.is_dir() else []
    if not sources:
        raise InputError(f"{directory}: no Java sources under src/")
    framework = framework_classes()
    key = _hash_files(sources, src, salt=framework.name)
    classes = _compile_cached(f"{info.package}-{key}", "apps", sources, framework)
    return SimApp(info=info, classes=classes)


def _build_from_jar(jar: Path) -> SimApp:
    try:
        with zipfile.ZipFile(jar) as archive:
            manifest = archive.read("AndroidManifest.xml").decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise InputError(f"{jar}: not a sim app jar with an AndroidManifest.xml ({exc})") from None
    return SimApp(info=parse_manifest(manifest, f"{jar}!AndroidManifest.xml"), classes=jar)


def _build_from_apk(apk: Path) -> SimApp:
    """An APK of an app written against the sim's Android subset: the binary manifest (and the
    label from resources.arsc) read by harness.apk, the dex translated to JVM classes."""
    from harness.apk.archive import open_apk
    from harness.apk.manifest import read_manifest_facts
    from harness.apk.translate import dex_to_jar

    archive = open_apk(apk)
    facts = read_manifest_facts(archive)
    digest = hashlib.sha256(apk.read_bytes()).hexdigest()
    info = AppInfo(
        package=facts.package,
        label=facts.label or facts.package,
        version=facts.version_name or "",
        launcher_activity=facts.launcher_activity or "",
        application_class=facts.application_class,
        permissions=tuple(p.name for p in facts.permissions),
        source=str(apk),
        extra={"target_sdk": facts.target_sdk} if facts.target_sdk else {},
    )
    return SimApp(info=info, classes=dex_to_jar(archive, digest, facts.package))


def build_app(source: Path) -> SimApp:
    """A sim app directory (manifest + src/), a prebuilt jar or an APK → runnable classes."""
    if not source.exists():
        raise InputError(f"{source}: no such file or directory")
    if source.is_dir():
        return _build_from_directory(source)
    if source.suffix == ".jar":
        return _build_from_jar(source)
    if source.suffix == ".apk":
        return _build_from_apk(source)
    raise InputError(
        f"{source}: not a sim app (expected a directory with AndroidManifest.xml, a .jar or an .apk)"
    )
