"""`privacy-probe doctor`: what the tool needs, whether it is there, and the command that fixes it."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

from harness.errors import ProbeError


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


def _version_of(command: list[str]) -> str | None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (result.stdout + result.stderr).strip()
    return text.splitlines()[0] if text else None


def _check_jdk() -> Check:
    fix = "apt-get install -y openjdk-17-jdk-headless"
    javac = shutil.which("javac")
    if javac is None or shutil.which("java") is None:
        return Check("JDK", False, "java/javac not found (the sim device compiles and runs apps)", fix)
    version = _version_of([javac, "-version"]) or "unknown version"
    match = re.search(r"(\d+)", version)
    if match and int(match.group(1)) != 17:
        return Check(
            "JDK", False,
            f"{version}: Frida's Java bridge hooks HotSpot 17 reliably; other versions may fail", fix,
        )  # fmt: skip
    return Check("JDK", True, version)


def _check_frida() -> Check:
    try:
        import frida
    except ImportError:
        return Check("frida", False, "Python package frida missing", "pip install 'frida>=17,<18'")
    return Check("frida", True, f"frida {frida.__version__}")


def _check_agent() -> Check:
    from harness.agent import agent_status, build_agent

    try:
        build_agent()
    except ProbeError as exc:
        return Check("Frida agent", False, str(exc), "npm ci --prefix hooks")
    return Check("Frida agent", True, agent_status())


def _check_node() -> Check:
    node = shutil.which("node")
    if node is None:
        return Check(
            "Node.js", False, "needed only to install the agent's npm dependencies",
            "apt-get install -y nodejs npm", required=False,
        )  # fmt: skip
    return Check("Node.js", True, _version_of([node, "--version"]) or "present", required=False)


def _check_mitmdump() -> Check:
    from harness.capture.mitmdump import find_mitmdump

    try:
        path = find_mitmdump()
    except ProbeError as exc:
        return Check("mitmdump", False, str(exc), "scripts/install-mitmproxy.sh")
    return Check("mitmdump", True, _version_of([str(path), "--version"]) or str(path))


def _check_adb() -> Check:
    try:
        import adbutils
    except ImportError:
        return Check("adb", False, "adbutils missing (real devices only)", "pip install adbutils", False)
    return Check(
        "adb",
        True,
        f"adbutils {getattr(adbutils, '__version__', '')} (real devices)",
        required=False,
    )


def run_checks() -> list[Check]:
    return [
        _check_jdk(),
        _check_frida(),
        _check_node(),
        _check_agent(),
        _check_mitmdump(),
        _check_adb(),
    ]
