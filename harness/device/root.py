"""Root on the device: adbd running as root (`adb root` on debuggable images such as the
emulator's `default` and `google_apis` ones), or an `su` binary.

There are two `su` dialects: AOSP's (`su UID COMMAND...`, shipped on userdebug builds) and
Magisk's (`su -c "COMMAND"`). Production builds (Play Store images, retail phones) answer
`adb root` with "adbd cannot run as root in production builds".
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from enum import Enum

from harness.device.parse import parse_id_uid
from harness.device.transport import DEFAULT_TIMEOUT, Adb, command_line
from harness.errors import DeviceError

SCRIPT_DIR = "/data/local/tmp"


class RootAccess(Enum):
    ADBD = "adbd"
    SU_UID = "su UID"
    SU_C = "su -c"
    NONE = "none"


@dataclass(frozen=True)
class Root:
    access: RootAccess
    detail: str = ""

    @property
    def available(self) -> bool:
        return self.access is not RootAccess.NONE

    def wrap(self, argv: list[str]) -> list[str]:
        if self.access is RootAccess.ADBD:
            return argv
        if self.access is RootAccess.SU_UID:
            return ["su", "0", *argv]
        if self.access is RootAccess.SU_C:
            return ["su", "-c", command_line(argv)]
        raise DeviceError(f"root is needed but not available: {self.detail}")


NO_ROOT_FIX = (
    "use an emulator image that allows root (target `default` or `google_apis`, not "
    "`google_apis_playstore`) or a rooted phone"
)


def shell_uid(adb: Adb) -> int | None:
    return parse_id_uid(adb.run(["id", "-u"]))


def detect_root(adb: Adb, allow_adbd_restart: bool) -> Root:
    """How to run commands as root; with allow_adbd_restart, tries `adb root` first."""
    if shell_uid(adb) == 0:
        return Root(RootAccess.ADBD, "adbd runs as root")
    answer = ""
    if allow_adbd_restart:
        answer = adb.restart_adbd_as_root()
        if shell_uid(adb) == 0:
            return Root(RootAccess.ADBD, answer)
    if parse_id_uid(adb.result(["su", "0", "id", "-u"]).output) == 0:
        return Root(RootAccess.SU_UID, "su (AOSP)")
    if parse_id_uid(adb.result(["su", "-c", "id -u"]).output) == 0:
        return Root(RootAccess.SU_C, "su -c (Magisk style)")
    reason = answer or "adbd is not root and there is no working su"
    return Root(RootAccess.NONE, f"{reason}; {NO_ROOT_FIX}")


def root_capability(uid: int | None, debuggable: bool, has_su: bool) -> str:
    """What `devices` shows, found without restarting adbd or prompting a su manager."""
    if uid == 0:
        return "yes (adbd root)"
    if debuggable:
        return "yes (adb root)"
    if has_su:
        return "su"
    return "no"


def has_su(adb: Adb) -> bool:
    return adb.result("command -v su").returncode == 0


def run_script_as_root(adb: Adb, root: Root, script: str, name: str, timeout: float = DEFAULT_TIMEOUT) -> str:
    """Push a shell script to the device and run it as root; returns its output."""
    path = f"{SCRIPT_DIR}/privacy-probe-{name}.sh"
    adb.push(script.encode("utf-8"), path, 0o755)
    try:
        return adb.run(root.wrap(["sh", path]), timeout=timeout)
    finally:
        with contextlib.suppress(DeviceError):  # a leftover script is harmless
            adb.result(["rm", "-f", path])
