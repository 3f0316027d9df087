"""The machine as an app on the simulated device sees it: the device's, never the host's.

(Over 300 lines on purpose: every host view an app could reach is hidden in this one namespace
setup, so that what the sim leaks, or does not, is audited in one place.)

A sim app runs in the host JVM, so without this it could read the host's MAC addresses and
identity through files and commands. Each app JVM starts in its own mount and UTS namespaces
(same PID namespace, so Frida attaches as before; the namespaces end with the last process in
them), where, as on Android 11+ for an untrusted app:

- /sys/class/net lists only the sim's interfaces (lo, wlan0, as the sim's NetworkInterface
  does) and their `address` files cannot be read: EACCES. Android's SELinux policy denies
  apps the MAC address files (developer.android.com/about/versions/11/privacy/mac-address;
  CTS cts/tests/tests/selinuxtargetsdkcurrent checks it). The host interfaces' own sysfs
  directories are unreadable too.
- /proc/net cannot be read: EACCES ("Restriction on access to /proc/net filesystem",
  developer.android.com/about/versions/10/privacy/changes). The app process and the commands
  it runs through the sim's PATH get this; see PROTOCOL.md for what stays uncovered.
- the host name is `localhost`, as an Android kernel's; the host's machine-id, /etc/hostname
  and DMI (board serial, product uuid) are unreadable.
- PATH holds only the sim's /system/bin: `getprop` answering from the device profile and
  Build (bionic/toolbox getprop output: `[key]: [value]` lines, or the value, or the default),
  with ro.serialno unreadable since Android 8 (an untrusted app gets "", as CTS
  SELinuxTargetSdkTestBase.noDns shows for net.dns*); and the host's sh, cat, ls, grep,
  head, tail behind a shim that first hides /proc/net from that process. The host's readers
  (sh, cat, head, grep, python3 … see _HOST_READERS) are overmounted by the same shim, so run by
  their paths (`/usr/bin/cat /proc/net/arp`) or by a shell the app started they see it too.

The process keeps uid 0 but loses CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so mode 000
gives the EACCES that SELinux gives on Android. Without root (or without unshare/setpriv) the
sim runs unisolated and the run's coverage says so.

(Over 300 lines: one mount plan, whose parts — hidden files, shims, getprop — must agree.)
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from harness.errors import DeviceError
from harness.profile import DeviceProfile

SIM_INTERFACES = ("lo", "wlan0")
ANDROID_HOSTNAME = "localhost"
SHIMMED_COMMANDS = ("sh", "cat", "ls", "grep", "head", "tail")
_DROPPED_CAPS = "-dac_override,-dac_read_search"
_HOST_NET_CLASS = Path("/sys/class/net")
_UNSHARE_MOUNT = (shutil.which("unshare") or "unshare", "--mount", "--uts", "--propagation", "private", "--")
_MOUNT_PRIVILEGE = ("unshare", "setpriv", "mount", "hostname", "nsenter")
# The host's identity beyond its interfaces; an Android device has none of these (ENOENT there,
# EACCES on the sim: a bind mount can hide a file, not remove it).
_HOST_IDENTITY_DIRS = ("/sys/devices/virtual/dmi", "/sys/class/dmi")
_HOST_IDENTITY_FILES = ("/etc/machine-id", "/var/lib/dbus/machine-id", "/etc/hostname")
# Host tools that read interfaces through netlink (RTM_GETLINK, which Android 11+ denies apps),
# hidden even when named by their paths: exec → EACCES.
_HOST_NET_TOOLS = ("ip", "ifconfig", "arp", "ethtool", "iw", "iwconfig", "networkctl", "nmcli")

# Host programs that read files or run others: by whatever path they are run (`/usr/bin/cat
# /proc/net/arp`, `sh -c "/bin/cat …"`), each is overmounted by a shim that first hides /proc/net
# from its own process, then runs the real program (kept reachable at another path). Multi-call
# binaries (busybox, toybox) pick their applet from argv[0], which a shim cannot keep: not covered.
_HOST_READERS = (
    "sh", "dash", "bash", "cat", "head", "tail", "grep", "sed", "awk", "cut", "od", "xxd",
    "hexdump", "dd", "strings", "less", "more", "tr", "sort", "uniq", "wc", "tee", "python3", "perl",
)  # fmt: skip
_BIN_DIRS = ("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin")
_MULTI_CALL = ("busybox", "toybox")

# android/os/Build.java of the sim framework: getprop must agree with Build.
_BUILD_PROPERTIES = {
    "ro.product.manufacturer": "Google",
    "ro.product.brand": "google",
    "ro.product.device": "oriole",
    "ro.product.name": "oriole",
    "ro.product.board": "oriole",
    "ro.hardware": "oriole",
    "ro.bootloader": "slider-1.0-7683913",
    "ro.build.id": "PQ3A.190801.002",
    "ro.build.display.id": "PQ3A.190801.002",
    "ro.build.host": "abfarm-01371",
    "ro.build.user": "android-build",
    "ro.build.tags": "release-keys",
    "ro.build.type": "user",
    "ro.build.version.incremental": "5670241",
    "ro.build.version.security_patch": "2019-08-05",
    "ro.build.version.codename": "REL",
    "ro.product.cpu.abi": "arm64-v8a",
    "ro.product.cpu.abilist": "arm64-v8a,armeabi-v7a,armeabi",
    "gsm.version.baseband": "g5123b-97927-220225-B-8286121",
}


@dataclass(frozen=True)
class DeviceView:
    """How to start an app JVM so that it sees the device: a command prefix and its environment."""

    prefix: tuple[str, ...]
    env: dict[str, str]
    unisolated_reason: str | None  # why the host's view could not be hidden, if it could not
    denied: Path | None = None  # what hides /proc/<pid>/net

    def enter_process(self, pid: int) -> None:
        """Hide /proc/net from another process of the app (android:process), started by the
        launcher with `java` itself and held at the process gate before any app code runs."""
        if self.denied is None:
            return
        command = [
            *(_tool_path("nsenter"), "--target", str(pid), "--mount", "--"),
            *(_tool_path("mount"), "--bind", str(self.denied), f"/proc/{pid}/net"),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise DeviceError(f"could not hide /proc/net from process {pid}: {error}") from None
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", errors="replace").strip()[-200:]
            raise DeviceError(f"could not hide /proc/net from process {pid}: {detail}")


def device_properties(profile: DeviceProfile, api_level: int, release: str) -> dict[str, str]:
    """The system properties an untrusted app can read with getprop on the sim."""
    props = dict(_BUILD_PROPERTIES)
    props["ro.product.model"] = profile.model
    props["ro.build.version.sdk"] = str(api_level)
    props["ro.build.version.release"] = release
    props["ro.build.fingerprint"] = (
        f"google/oriole/oriole:{release}/{props['ro.build.id']}/5670241:user/release-keys"
    )
    return {key: _one_line(value) for key, value in sorted(props.items())}


def _one_line(value: str) -> str:
    return value.replace("\r", " ").replace("\n", " ")


def _write_executable(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _write_getprop(bin_dir: Path, props: dict[str, str]) -> None:
    table = bin_dir.parent / "build.prop"
    table.write_text("".join(f"{key}={value}\n" for key, value in props.items()), encoding="utf-8")
    _write_executable(
        bin_dir / "getprop",
        "#!/bin/sh\n"
        f"props={_quote(str(table))}\n"
        'if [ "$#" -eq 0 ]; then\n'
        "  while IFS='=' read -r key value; do printf '[%s]: [%s]\\n' \"$key\" \"$value\"; done"
        ' < "$props"\n'
        "  exit 0\n"
        "fi\n"
        "while IFS='=' read -r key value; do\n"
        '  if [ "$key" = "$1" ]; then printf \'%s\\n\' "$value"; exit 0; fi\n'
        'done < "$props"\n'
        "printf '%s\\n' \"${2-}\"\n",
    )


def _write_shims(bin_dir: Path, denied: Path) -> None:
    mount = shutil.which("mount") or "/usr/bin/mount"
    for name in SHIMMED_COMMANDS:
        host = shutil.which(name)
        if host is None:
            continue
        # the process keeps its pid through exec: /proc/self/net is then the hidden one
        _write_executable(
            bin_dir / name,
            f"#!/bin/sh\n{_quote(mount)} --bind {_quote(str(denied))} /proc/$$/net 2>/dev/null\n"
            f'exec {_quote(host)} "$@"\n',
        )


def _denied_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0)
    return path


def _net_view(root: Path) -> Path:
    """/sys/class/net of the device: its interfaces, each with an `address` nobody may read."""
    view = root / "class-net"
    for name in SIM_INTERFACES:
        interface = view / name
        interface.mkdir(parents=True, exist_ok=True)
        address = interface / "address"
        address.touch()
        address.chmod(0)
    return view


def _host_net_dirs() -> list[str]:
    """The sysfs directories holding the host's interfaces (…/net beside each device)."""
    try:
        names = sorted(os.listdir(_HOST_NET_CLASS))
    except OSError:
        return []
    return sorted({str((_HOST_NET_CLASS / name).resolve().parent) for name in names})


def _tool_path(name: str) -> str:
    # the app's PATH holds only the sim's /system/bin: host tools are named by their paths
    return shutil.which(name) or name


def _tool(name: str) -> str:
    return _quote(_tool_path(name))


def _denied_file(path: Path) -> Path:
    path.touch()
    path.chmod(0)
    return path


def _host_readers() -> list[str]:
    """The real files behind the host reader programs, once each."""
    found: dict[str, None] = {}
    for name in _HOST_READERS:
        for directory in _BIN_DIRS:
            path = os.path.join(directory, name)
            if os.path.isfile(path) and os.access(path, os.X_OK):
                real = os.path.realpath(path)
                if os.path.basename(real) not in _MULTI_CALL:
                    found[real] = None
    return list(found)


def _reader_mounts(root: Path, denied: Path) -> list[tuple[Path, str]]:
    """(source, target) bind mounts that put a /proc/net-hiding shim over each host reader: every
    real program first at its own path under `root`/host (all before any shim), then the shims."""
    shell = shutil.which("sh")
    if shell is None:
        return []
    readers = list(dict.fromkeys([os.path.realpath(shell), *_host_readers()]))
    host_dir, shim_dir = root / "host", root / "shims"
    host_dir.mkdir(parents=True, exist_ok=True)
    shim_dir.mkdir(parents=True, exist_ok=True)
    kept = {real: host_dir / f"{index}-{os.path.basename(real)}" for index, real in enumerate(readers)}
    interpreter = kept[readers[0]]  # the shell, reachable once /bin/sh is a shim itself
    mount = _tool("mount")
    mounts = []
    for real, copy in kept.items():
        copy.touch()
        mounts.append((Path(real), str(copy)))
    for real, copy in kept.items():
        shim = shim_dir / copy.name
        _write_executable(
            shim,
            f"#!{interpreter}\n{mount} --bind {_quote(str(denied))} /proc/$$/net 2>/dev/null\n"
            f'exec {_quote(str(copy))} "$@"\n',
        )
        mounts.append((shim, real))
    return mounts


def _setup_script(root: Path, view: Path, denied: Path) -> Path:
    mount = _tool("mount")
    denied_file = _denied_file(root / "denied-file")
    hidden = [(denied, d) for d in (*_host_net_dirs(), *_HOST_IDENTITY_DIRS) if os.path.isdir(d)]
    hidden += [(denied_file, f) for f in _HOST_IDENTITY_FILES if os.path.isfile(f)]
    tools = {os.path.realpath(p) for p in map(shutil.which, _HOST_NET_TOOLS) if p is not None}
    # a multi-call binary (busybox) behind a net tool also runs sh and cat: it stays
    tools -= {os.path.realpath(p) for p in map(shutil.which, SHIMMED_COMMANDS) if p is not None}
    tools.discard(os.path.realpath("/bin/sh"))
    hidden += [(denied_file, tool) for tool in sorted(tools)]
    hidden += _reader_mounts(root, denied)
    mounts = [f"{mount} --bind {_quote(str(source))} {_quote(target)}" for source, target in hidden]
    script = root / "enter-device.sh"
    _write_executable(
        script,
        "#!/bin/sh\nset -e\n"
        f"{_tool('hostname')} {ANDROID_HOSTNAME}\n"
        + "".join(line + "\n" for line in mounts)
        + f"{mount} --bind {_quote(str(view))} /sys/class/net\n"
        f"{mount} --bind {_quote(str(denied))} /proc/$$/net\n"
        f'exec {_tool("setpriv")} --bounding-set {_DROPPED_CAPS} -- "$@"\n',
    )
    return script


@functools.cache
def _missing_privilege() -> str | None:
    if os.geteuid() != 0:
        return "the harness does not run as root, needed for a private mount namespace"
    missing = [tool for tool in _MOUNT_PRIVILEGE if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not found on the host"
    # root in a container may still be refused namespaces or mounts (no CAP_SYS_ADMIN, seccomp)
    with tempfile.TemporaryDirectory(prefix="pp-sim-ns-") as target:
        trial = [*_UNSHARE_MOUNT, "mount", "-t", "tmpfs", "none", target]
        try:
            done = subprocess.run(trial, capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"a private mount namespace could not be made: {error}"
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        return f"a private mount namespace could not be made: {detail[-1] if detail else done.returncode}"
    return None


def prepare_view(root: Path, props: dict[str, str]) -> DeviceView:
    """Write the device's view under `root` (in the sim's home) and say how to start into it."""
    root.mkdir(parents=True, exist_ok=True)
    bin_dir = root / "system" / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    _write_getprop(bin_dir, props)
    env = {key: value for key, value in os.environ.items() if key != "HOSTNAME"}
    env["PATH"] = str(bin_dir)
    reason = _missing_privilege()
    if reason is not None:
        for name in SHIMMED_COMMANDS:
            host = shutil.which(name)
            if host is not None and not (bin_dir / name).exists():
                (bin_dir / name).symlink_to(host)
        return DeviceView(prefix=(), env=env, unisolated_reason=reason)
    denied = _denied_dir(root / "denied")
    _write_shims(bin_dir, denied)
    script = _setup_script(root, _net_view(root), denied)
    prefix = (*_UNSHARE_MOUNT, "/bin/sh", str(script))
    return DeviceView(prefix=prefix, env=env, unisolated_reason=None, denied=denied)
