"""An APK's dex code → JVM classes, with enjarify (Debian's `enjarify` package, maintained by
Google), so apps written against the sim's Android subset run on the sim from their APK.

Only the checked dex entries are handed to enjarify (in a new zip made from the bounded reads of
harness.apk.archive), never the original file. The jar is cached by the APK's hash.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from harness.apk.archive import ApkArchive
from harness.errors import CompileError, EnvironmentProblem, InputError
from harness.paths import cache_dir

DEBIAN_PACKAGE_DIR = Path("/usr/lib/python3/dist-packages/enjarify")
TRANSLATE_TIMEOUT_S = 600
_FAILED = re.compile(r"(\d+) classes had errors")


def enjarify_path() -> Path:
    """A folder holding only the enjarify package, for PYTHONPATH (the Debian package lives in
    the system's dist-packages, which must not shadow the tool's own environment)."""
    spec = importlib.util.find_spec("enjarify")
    if spec is not None and spec.origin:
        return Path(spec.origin).parent.parent
    if not (DEBIAN_PACKAGE_DIR / "main.py").exists():
        raise EnvironmentProblem("enjarify not found: apt-get install -y enjarify (dex → JVM classes)")
    folder = cache_dir("enjarify-path")
    link = folder / "enjarify"
    if not link.exists():
        link.symlink_to(DEBIAN_PACKAGE_DIR, target_is_directory=True)
    return folder


def dex_to_jar(archive: ApkArchive, sha256: str, package: str) -> Path:
    target = cache_dir("sim", "apks") / f"{package}-{sha256[:20]}.jar"
    if target.exists():
        return target
    dex_names = archive.dex_names()
    if not dex_names:
        raise InputError(f"{archive.path}: the APK has no classes.dex (nothing to run)")
    with tempfile.TemporaryDirectory(prefix="pp-dex-") as tmp:
        code_only = Path(tmp) / "code.apk"
        code_only.write_bytes(archive.subset(dex_names))
        partial = Path(tmp) / "classes.jar"
        env = {**os.environ, "PYTHONPATH": str(enjarify_path())}
        command = [sys.executable, "-O", "-m", "enjarify.main", str(code_only), "-o", str(partial), "-f"]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, env=env, timeout=TRANSLATE_TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired:
            raise CompileError(
                f"{archive.path}: enjarify did not finish in {TRANSLATE_TIMEOUT_S} s"
            ) from None
        output = (done.stdout + done.stderr).strip()
        failed = _FAILED.search(output)
        if done.returncode != 0 or not partial.exists() or (failed and int(failed.group(1)) > 0):
            tail = " | ".join(output.splitlines()[-3:]) or f"exit code {done.returncode}"
            raise CompileError(f"{archive.path}: dex → JVM translation failed ({tail})")
        staged = target.with_suffix(".partial")
        staged.write_bytes(partial.read_bytes())
        staged.rename(target)
    return target
