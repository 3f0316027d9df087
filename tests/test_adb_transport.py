"""The adb seam: exit codes checked, adb failures turned into one-line DeviceErrors,
and device selection."""

from __future__ import annotations

import socket

import pytest
from adbutils.errors import AdbError, AdbTimeout

from harness.device import transport
from harness.device.select import select_serial
from harness.device.transport import Adb, attached_devices, open_device
from harness.errors import DeviceError
from tests.fixtures.adb.fake_adb import FakeAdbClient, FakeAdbDevice


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_no_adb_server_is_a_clear_device_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real adbutils client: nothing listens on the port and `adb start-server` fails.
    monkeypatch.setenv("ANDROID_ADB_SERVER_PORT", str(free_port()))
    monkeypatch.setenv("ADBUTILS_ADB_PATH", "/bin/false")
    with pytest.raises(DeviceError) as error:
        attached_devices()
    assert str(error.value).startswith("no adb server reachable")
    assert "adb start-server" in str(error.value)
    with pytest.raises(DeviceError, match=r"no adb server reachable"):
        open_device("emulator-5554")


def test_non_zero_exit_names_the_command() -> None:
    fake = FakeAdbDevice().on(r"^pm clear", "Error: java.lang.SecurityException\n", 255)
    with pytest.raises(DeviceError, match=r"`pm clear com\.x` failed on emulator-5554 \(exit 255\): Error"):
        Adb(fake, fake.serial).run(["pm", "clear", "com.x"])


def test_arguments_are_quoted_for_the_device_shell() -> None:
    fake = FakeAdbDevice().on(r"^content", "")
    Adb(fake, fake.serial).run(["content", "query", "--where", "sync4='tag'"])
    assert fake.shell_commands() == ["content query --where 'sync4='\"'\"'tag'\"'\"''"]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (AdbError("device offline"), "emulator-5554 went offline during `id`"),
        (AdbError("device 'emulator-5554' not found"), "emulator-5554 is not attached"),
        (
            AdbError("device unauthorized.\nThis adb server's $ADB_VENDOR_KEYS is not set"),
            "accept the USB debugging prompt",
        ),
        (
            AdbError("shell output invalid", "id; echo X4EXIT:$?", b"uid=20"),
            "stopped answering during `id`",
        ),
        (AdbTimeout("adb read timeout"), "`id` timed out"),
        (ConnectionResetError(104, "Connection reset by peer"), "no adb server reachable"),
    ],
)
def test_adb_failures_become_one_line_device_errors(error: Exception, expected: str) -> None:
    class Failing(FakeAdbDevice):
        def shell2(self, cmdargs: str, timeout: float | None = None, rstrip: bool = False):  # type: ignore[no-untyped-def]
            raise error

    with pytest.raises(DeviceError) as raised:
        Adb(Failing(), "emulator-5554").run(["id"])
    assert expected in str(raised.value)
    assert "\n" not in str(raised.value)


def test_emulator_console_only_on_emulators() -> None:
    fake = FakeAdbDevice(serial="R58N71QZXKD")
    with pytest.raises(DeviceError, match=r"is not an emulator"):
        Adb(fake, fake.serial).emu("geo", "fix", "1", "2")
    assert fake.log == []


def test_adb_root_waits_for_adbd_to_come_back() -> None:
    fake = FakeAdbDevice(root_answer="restarting adbd as root\n")
    assert Adb(fake, fake.serial).restart_adbd_as_root(timeout=5) == "restarting adbd as root"
    production = FakeAdbDevice(root_answer="adbd cannot run as root in production builds\n")
    assert "production builds" in Adb(production, production.serial).restart_adbd_as_root()


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> FakeAdbClient:
    fake = FakeAdbClient()
    monkeypatch.setattr(transport, "adb_client", lambda: fake)
    monkeypatch.delenv("ANDROID_SERIAL", raising=False)
    return fake


def test_select_prefers_explicit_then_env_then_the_single_device(
    client: FakeAdbClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.add(FakeAdbDevice("emulator-5554"))
    client.add(FakeAdbDevice("emulator-5556"), "offline")
    assert select_serial("R58N71QZXKD") == "R58N71QZXKD"
    assert select_serial(None) == "emulator-5554"  # the only one online
    monkeypatch.setenv("ANDROID_SERIAL", "emulator-5556")
    assert select_serial(None) == "emulator-5556"


def test_select_with_several_devices_says_what_to_do(client: FakeAdbClient) -> None:
    client.add(FakeAdbDevice("emulator-5554"))
    client.add(FakeAdbDevice("emulator-5556"))
    with pytest.raises(
        DeviceError,
        match=r"2 devices attached \(emulator-5554, emulator-5556\): pick one with --device SERIAL",
    ):
        select_serial(None)


def test_select_with_no_device(client: FakeAdbClient) -> None:
    with pytest.raises(DeviceError, match=r"no Android device attached"):
        select_serial(None)
    client.add(FakeAdbDevice("R58N71QZXKD"), "unauthorized")
    with pytest.raises(DeviceError, match=r"no usable Android device: R58N71QZXKD \(unauthorized\)"):
        select_serial(None)


def test_open_device_checks_the_state(client: FakeAdbClient) -> None:
    client.add(FakeAdbDevice("emulator-5554"))
    assert open_device("emulator-5554").serial == "emulator-5554"
    with pytest.raises(DeviceError, match=r"emulator-5556 went offline|emulator-5556 is not attached"):
        open_device("emulator-5556")
