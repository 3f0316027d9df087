"""The host's own interfaces, MACs and identity never reach a sim app or a record: one run of an app
(tests/fixtures/scenario_apps/host_isolation) that tries every file, command and API path to
them, and sees the simulated Android 11+ device instead."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.profile import DEFAULT_PROFILE
from harness.records import read_jsonl
from harness.session import RunConfig, RunResult, run_app
from harness.sim.device import SimDevice
from harness.sim.isolation import _BUILD_PROPERTIES, device_properties, prepare_view
from tests.conftest import PROJECT_ROOT

APP = PROJECT_ROOT / "tests" / "fixtures" / "scenario_apps" / "host_isolation"
BUILD_JAVA = PROJECT_ROOT / "harness" / "sim" / "framework" / "src" / "android" / "os" / "Build.java"
IFACES_ENV = "PP_PROBE_IFACES"
MAC = re.compile(r"\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b")
NO_MAC = "00:00:00:00:00:00"

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="the sim isolates apps only as root")


def host_interfaces() -> list[str]:
    return sorted(os.listdir("/sys/class/net"))


def host_macs() -> set[str]:
    """The host's own MACs and its neighbours' (what /proc/net/arp would give away)."""
    macs = set()
    for name in host_interfaces():
        try:
            macs.add(Path(f"/sys/class/net/{name}/address").read_text().strip().lower())
        except OSError:
            continue
    with contextlib.suppress(OSError):
        macs.update(MAC.findall(Path("/proc/net/arp").read_text().lower()))
    return {mac for mac in macs if mac and mac != NO_MAC}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunResult]:
    previous = os.environ.get(IFACES_ENV)
    os.environ[IFACES_ENV] = ",".join(host_interfaces())
    device = SimDevice()
    try:
        config = RunConfig(
            app=APP,
            out=tmp_path_factory.mktemp("runs") / "host_isolation",
            scenarios=("first_launch",),
            duration_s=2.0,
            capture=False,
        )
        yield run_app(config, device)
    finally:
        device.close()
        if previous is None:
            os.environ.pop(IFACES_ENV, None)
        else:
            os.environ[IFACES_ENV] = previous


@pytest.fixture(scope="module")
def probes(run: RunResult) -> dict[str, str]:
    """What the app saw, from its log lines `I/HostProbe: <what> => <got>`."""
    found = {}
    for line in (run.run_dir / "logcat.txt").read_text(encoding="utf-8").splitlines():
        if "I/HostProbe: " in line:
            what, _, got = line.split("I/HostProbe: ", 1)[1].partition(" => ")
            found[what] = got
    return found


def host_machine_ids() -> set[str]:
    ids = set()
    for path in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        with contextlib.suppress(OSError):
            ids.add(Path(path).read_text().strip().lower())
    return {machine_id for machine_id in ids if machine_id}


def run_records(run_dir: Path) -> list[Path]:
    records = [run_dir / name for name in ("events.jsonl", "flows.jsonl", "logcat.txt")]
    return [*records, *(p for p in (run_dir / "ui").rglob("*") if p.is_file())]


@needs_root
def test_no_host_mac_reaches_any_record(run: RunResult, probes: dict[str, str]) -> None:
    assert run.status == "ok", run.error
    assert probes, "the probe app did not run"
    assert "host_isolation" not in run.manifest.coverage.extra
    secrets = host_macs()
    assert secrets, "the host has no MAC to look for"
    secrets |= host_machine_ids()
    for record in run_records(run.run_dir):
        if record.exists():
            text = record.read_bytes().decode("utf-8", errors="replace").lower()
            assert not [secret for secret in secrets if secret in text], record


@needs_root
def test_the_app_sees_the_android_device_not_the_host(probes: dict[str, str]) -> None:
    # /sys/class/net lists the sim's interfaces only, their MAC files are denied as by SELinux
    assert probes["ls /sys/class/net"] == "lo,wlan0"
    assert "Permission denied" in probes["/sys/class/net/wlan0/address"]
    for name in set(host_interfaces()) - {"lo", "wlan0"}:
        assert "No such file" in probes[f"/sys/class/net/{name}/address"], name
    assert "Permission denied" in probes["/proc/net/arp"]
    assert "Permission denied" in probes["service /proc/net/arp"]  # the app's other process
    assert "Permission denied" in probes["exec cat wlan0"]
    assert "Permission denied" in probes["exec sh cat arp"]
    assert "error=2" in probes["exec ip link"]  # not on the device's PATH
    by_path = [got for what, got in probes.items() if what.startswith("exec /") and what.endswith(" link")]
    assert all("error=13" in got for got in by_path), by_path
    assert probes["exec hostname"] == "localhost"
    # host programs run by their paths, or by a shell the app started, read the device's view too
    assert "Permission denied" in probes["exec /usr/bin/cat arp"]
    assert "No such file" in probes["exec /bin/cat eth0"]
    by_shell = probes["exec /bin/sh -c /usr/bin/head dev"].split("|")
    assert len(by_shell) == 2 and all("Permission denied" in line for line in by_shell), by_shell
    if "exec /usr/bin/python3 arp" in probes:
        assert "Permission denied" in probes["exec /usr/bin/python3 arp"]
    if Path("/etc/machine-id").exists():
        assert "Permission denied" in probes["/etc/machine-id"]
    assert probes["NetworkInterface wlan0"] == "null"  # targetSdk 30: no MAC (CTS)


@needs_root
def test_getprop_answers_from_the_device_profile(probes: dict[str, str]) -> None:
    assert probes["exec getprop ro.product.model"] == DEFAULT_PROFILE.model
    assert probes["exec getprop ro.serialno"] == ""  # unreadable by apps since Android 8
    listing = probes["exec getprop"]
    assert f"[ro.product.model]: [{DEFAULT_PROFILE.model}]" in listing
    assert "[ro.build.version.sdk]: [34]" in listing
    assert "serialno" not in listing and DEFAULT_PROFILE.serial not in listing


@needs_root
def test_the_hooks_still_record_each_attempt(run: RunResult) -> None:
    events = [e for e in read_jsonl(run.run_dir / "events.jsonl") if e["kind"] == "data"]
    seen = {(e["api"], tuple(e["args"]), e["data_type"], e["outcome"]) for e in events}
    wlan0 = ("/sys/class/net/wlan0/address",)
    assert ("java.io.FileInputStream.$init", wlan0, "mac_address", "threw") in seen
    assert ("java.io.RandomAccessFile.$init", ("/proc/net/arp", "r"), "wifi", "threw") in seen
    commands = {(e["api"], e["data_type"]) for e in events if e["api"].startswith("java.lang.")}
    assert ("java.lang.Runtime.exec", "device_id") in commands  # getprop ro.serialno
    assert ("java.lang.ProcessBuilder.start", "mac_address") in commands  # cat …/address
    # reading the model is no personal data: no event for `getprop ro.product.model`
    assert not [e for e in events if "ro.product.model" in str(e.get("args"))]


def _java_string_constants(source: str) -> dict[str, str]:
    return dict(re.findall(r'public static final String (\w+) = "([^"]*)";', source))


def test_getprop_agrees_with_the_sim_build_class() -> None:
    constants = _java_string_constants(BUILD_JAVA.read_text(encoding="utf-8"))
    same = {
        "ro.product.manufacturer": "MANUFACTURER",
        "ro.product.brand": "BRAND",
        "ro.product.device": "DEVICE",
        "ro.hardware": "HARDWARE",
        "ro.bootloader": "BOOTLOADER",
        "ro.build.id": "ID",
        "ro.build.display.id": "DISPLAY",
        "ro.build.host": "HOST",
        "ro.build.tags": "TAGS",
        "ro.build.type": "TYPE",
        "ro.build.version.incremental": "INCREMENTAL",
        "ro.build.version.security_patch": "SECURITY_PATCH",
    }
    assert {key: _BUILD_PROPERTIES[key] for key in same} == {key: constants[f] for key, f in same.items()}
    props = device_properties(DEFAULT_PROFILE, 33, "13")
    assert props["ro.build.version.sdk"] == "33" and props["ro.build.version.release"] == "13"
    assert props["ro.product.model"] == DEFAULT_PROFILE.model
    assert not [key for key in props if "serial" in key]


def test_getprop_prints_a_value_a_default_or_the_listing(tmp_path: Path) -> None:
    props = device_properties(DEFAULT_PROFILE, 30, "11")
    view = prepare_view(tmp_path / "device", props)
    getprop = str(tmp_path / "device" / "system" / "bin" / "getprop")

    def output(*args: str) -> str:
        return subprocess.run(
            [getprop, *args], capture_output=True, text=True, env=view.env, check=True
        ).stdout

    assert output("ro.build.version.release") == "11\n"
    assert output("ro.serialno") == "\n"  # toolbox getprop: an unreadable property prints ""
    assert output("persist.unknown", "fallback") == "fallback\n"
    listing = output().splitlines()
    assert listing[0] == "[gsm.version.baseband]: [g5123b-97927-220225-B-8286121]"
    assert len(listing) == len(props)
