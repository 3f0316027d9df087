"""`devices`, `doctor --device` and `device setup` against devices answering recorded outputs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from harness.device import transport
from harness.device.adb import AdbDevice
from harness.device.doctor import doctor_device
from harness.device.frida_server import frida_client_version
from harness.device.provision import provision
from harness.device.status import format_device_table, list_devices
from harness.errors import DeviceError, EnvironmentProblem
from tests.fixtures.adb.fake_adb import FIXTURES, FakeAdbClient, FakeAdbDevice, Reply, recorded

CLIENT = frida_client_version()
CA = FIXTURES / "ca" / "mitmproxy-ca-cert.pem"


def ready_emulator() -> FakeAdbDevice:
    fake = FakeAdbDevice("emulator-5554", settings={"global/http_proxy": ":0"})
    fake.on(r"^getprop$", recorded("getprop_emulator_api34.txt"))
    fake.on(r"^id -u$", "0\n")
    fake.on(r"^command -v su$", "", 1)
    fake.on(r"^/data/local/tmp/frida-server --version$", CLIENT + "\n")
    fake.on(r"^pidof frida-server$", "3121\n")
    fake.on(
        r"^ls /apex/com.android.conscrypt/cacerts/c8750f0d.0$",
        "/apex/com.android.conscrypt/cacerts/c8750f0d.0\n",
    )
    fake.on(r"^ps -A -o ARGS=$", "/system/bin/init second_stage\nzygote64\n")
    return fake


def phone() -> FakeAdbDevice:
    fake = FakeAdbDevice("1A2B3C4D5E6F")
    fake.on(r"^getprop$", recorded("getprop_phone_api33.txt"))
    fake.on(r"^id -u$", "2000\n")
    fake.on(r"^command -v su$", "", 1)
    fake.on(r"^/data/local/tmp/frida-server --version$", "16.5.9\n")
    fake.on(r"^pidof frida-server$", "", 1)
    fake.on(
        r"^ls /system/etc/security/cacerts/",
        "ls: /system/etc/security/cacerts/c8750f0d.0: No such file or directory\n",
        1,
    )
    fake.on(r"^ps -A -o ARGS=$", "app_process / com.wetest.uia2.Main -p 9008\n")
    return fake


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeAdbClient:
    fake = FakeAdbClient()
    monkeypatch.setattr(transport, "adb_client", lambda: fake)
    monkeypatch.setenv("PRIVACY_PROBE_STATE_DIR", str(tmp_path / "state"))
    return fake


def test_devices_table(client: FakeAdbClient) -> None:
    client.add(ready_emulator())
    client.add(phone())
    client.add(FakeAdbDevice("emulator-5556"), "offline")
    statuses = list_devices()
    emulator, handset, offline = statuses
    assert (emulator.api_level, emulator.abi, emulator.root, emulator.emulator) == (
        34,
        "x86_64",
        "yes (adbd root)",
        True,
    )
    assert emulator.frida_server == f"running {CLIENT}" and emulator.frida_matches
    assert (emulator.proxy, emulator.ca) == ("none", "installed (c8750f0d.0)")
    assert (handset.root, handset.frida_server, handset.frida_matches) == ("no", "stopped 16.5.9", False)
    assert handset.ca == "not installed" and not handset.emulator
    assert offline.state == "offline" and offline.api_level is None
    table = format_device_table(statuses).splitlines()
    assert table[0].split() == [
        "SERIAL",
        "STATE",
        "MODEL",
        "ANDROID",
        "API",
        "ABI",
        "ROOT",
        "FRIDA-SERVER",
        "PROXY",
        "CA",
    ]
    assert table[1].startswith("emulator-5554") and "sdk_gphone64_x86_64" in table[1]
    assert "stopped 16.5.9 (version mismatch)" in table[2]
    assert table[3].split() == ["emulator-5556", "offline"]


def test_devices_table_without_devices(client: FakeAdbClient) -> None:
    assert "no Android devices attached" in format_device_table(list_devices())


def checks_by_name(serial: str) -> dict[str, Any]:
    return {check.name: check for check in doctor_device(serial)}


def test_doctor_on_a_ready_emulator(client: FakeAdbClient) -> None:
    client.add(ready_emulator())
    checks = checks_by_name("emulator-5554")
    failing = [c for c in checks.values() if c.status == "fail"]
    assert failing == []
    assert checks["usap pool"].status == "warn"
    assert "usap_pool_enabled false" in checks["usap pool"].fix


def test_doctor_explains_every_missing_piece_of_a_phone(client: FakeAdbClient) -> None:
    client.add(phone())
    checks = checks_by_name("1A2B3C4D5E6F")
    assert checks["root"].status == "fail" and "google_apis" in checks["root"].fix
    frida = checks["frida-server"]
    assert frida.status == "fail" and "16.5.9 does not match the frida client" in frida.detail
    assert "--frida-server FILE" in frida.fix
    assert checks["mitmproxy CA"].status == "fail" and "--ca-cert" in checks["mitmproxy CA"].fix
    assert checks["uiautomator"].status == "warn"
    assert checks["gps canary"].status == "ok"  # Android 13: shell test provider


def test_doctor_for_devices_that_are_not_usable(client: FakeAdbClient) -> None:
    client.add(FakeAdbDevice("R58N71QZXKD"), "unauthorized")
    (server, device_check) = doctor_device("R58N71QZXKD")
    assert server.status == "ok"
    assert device_check.status == "fail" and "Allow USB debugging" in device_check.fix
    missing = doctor_device("emulator-5570")[-1]
    assert missing.detail == "emulator-5570: not attached"


def test_doctor_without_adb_server(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_server() -> Any:
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(transport, "adb_client", no_server)
    (check,) = doctor_device("emulator-5554")
    assert check.status == "fail" and check.detail.startswith("no adb server reachable")


class FridaDevice:
    def query_system_parameters(self) -> dict[str, Any]:
        return {"os": {"id": "android"}}


def test_setup_refuses_a_mismatching_frida_server(tmp_path: Path) -> None:
    fake = ready_emulator()
    fake.on(r"^/data/local/tmp/frida-server --version$", "16.5.9\n")
    device = AdbDevice(
        transport.Adb(fake, fake.serial), state_dir=tmp_path, frida_device_factory=lambda s: FridaDevice()
    )
    with pytest.raises(DeviceError, match=r"frida-server 16.5.9 does not match the frida client"):
        provision(device, None, None, None)
    assert not any(c.startswith("su") or "nohup" in c for c in fake.shell_commands())


def test_setup_starts_the_server_checks_the_proxy_route_and_restores_it(tmp_path: Path) -> None:
    fake = ready_emulator()
    pids = iter([Reply("", 1), Reply("", 1), Reply("", 1), Reply("5150\n")])
    fake.on(r"^pidof frida-server$", lambda argv: next(pids, Reply("5150\n")))
    fake.on(r"^sh -c 'nohup /data/local/tmp/frida-server", "")
    fake.on(r"^setprop persist.device_config.runtime_native.usap_pool_enabled false$", "")
    fake.on(r"^sh /data/local/tmp/privacy-probe-ca-check\.sh$", "ns=shell ok\nns=zygote:612 ok\n")
    device = AdbDevice(
        transport.Adb(fake, fake.serial), state_dir=tmp_path, frida_device_factory=lambda s: FridaDevice()
    )
    report = provision(device, None, 8080, CA)
    text = "\n".join(report.steps)
    assert f"frida-server {CLIENT} started as root (pid 5150)" in text
    assert "USAP pool disabled" in text
    assert "mitmproxy CA trusted: present and identical in 2 mount namespace(s)" in text
    assert "proxy route checked: http_proxy=127.0.0.1:8080 via adb reverse tcp:8080" in text
    assert fake.settings["global/http_proxy"] == ":0"  # the value it had before
    assert fake.reverses == {}


def test_setup_surfaces_a_frida_protocol_mismatch(tmp_path: Path) -> None:
    import frida

    class Mismatched:
        def query_system_parameters(self) -> None:
            raise frida.ProtocolError(
                "unable to communicate with remote frida-server; please ensure that major versions match"
            )

    fake = ready_emulator()
    fake.on(r"^setprop ", "")
    device = AdbDevice(
        transport.Adb(fake, fake.serial), state_dir=tmp_path, frida_device_factory=lambda s: Mismatched()
    )
    with pytest.raises(EnvironmentProblem, match=r"cannot talk to frida-server on emulator-5554"):
        provision(device, None, None, None)
