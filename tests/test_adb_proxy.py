"""The device proxy is restored on every exit path: normal end, exception, device dropping
mid-run, SIGTERM, an unhandled crash (atexit) and a hard kill (journal, next process)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from adbutils.errors import AdbError

from harness.device.proxy import ProxyGuard, ProxyJournal, journal_path, read_journal, recover
from harness.device.transport import Adb
from harness.errors import DeviceError
from tests.fixtures.adb.fake_adb import FakeAdbDevice, Reply

TESTS = Path(__file__).parent
REPO = TESTS.parent


def adb_for(fake: FakeAdbDevice) -> Adb:
    return Adb(fake, fake.serial)


def test_apply_records_the_original_first_then_routes_through_adb_reverse(tmp_path: Path) -> None:
    fake = FakeAdbDevice()
    guard = ProxyGuard(adb_for(fake), tmp_path)
    assert guard.apply("127.0.0.1", 8080) == "127.0.0.1:8080"
    commands = fake.log
    assert commands.index("shell settings get global http_proxy") < commands.index(
        "shell settings put global http_proxy 127.0.0.1:8080"
    )
    assert commands.index("reverse tcp:8080 tcp:8080") < commands.index(
        "shell settings put global http_proxy 127.0.0.1:8080"
    )
    journal = read_journal(tmp_path, fake.serial)
    assert journal is not None and journal.original is None and journal.pid == os.getpid()
    guard.restore()
    assert "global/http_proxy" not in fake.settings  # unset before, unset after
    assert "shell settings put global http_proxy :0" in fake.log  # takes effect at once
    assert fake.reverses == {}
    assert read_journal(tmp_path, fake.serial) is None
    guard.restore()  # idempotent


def test_an_existing_proxy_is_put_back_exactly(tmp_path: Path) -> None:
    fake = FakeAdbDevice(settings={"global/http_proxy": "10.1.2.3:3128"})
    with ProxyGuard(adb_for(fake), tmp_path) as guard:
        guard.apply("192.168.56.1", 8081)  # not loopback: no adb reverse
        assert fake.settings["global/http_proxy"] == "192.168.56.1:8081"
        assert fake.reverses == {}
    assert fake.settings["global/http_proxy"] == "10.1.2.3:3128"


def test_restored_when_the_run_raises(tmp_path: Path) -> None:
    fake = FakeAdbDevice()
    with pytest.raises(RuntimeError), ProxyGuard(adb_for(fake), tmp_path) as guard:
        guard.apply("127.0.0.1", 8080)
        raise RuntimeError("scenario crashed")
    assert "global/http_proxy" not in fake.settings


def test_device_gone_for_good_keeps_the_journal_for_the_next_process(tmp_path: Path) -> None:
    fake = FakeAdbDevice(settings={"global/http_proxy": "10.1.2.3:3128"})
    guard = ProxyGuard(adb_for(fake), tmp_path)
    guard.apply("127.0.0.1", 8080)
    fake.offline = True
    guard.restore()
    assert guard.restore_error is not None and "went offline" in guard.restore_error
    assert read_journal(tmp_path, fake.serial) is not None
    fake.offline = False  # the emulator is back; a later privacy-probe process opens it
    undone = recover(adb_for(fake), tmp_path)
    assert undone is not None and undone.original == "10.1.2.3:3128"
    assert fake.settings["global/http_proxy"] == "10.1.2.3:3128"
    assert read_journal(tmp_path, fake.serial) is None


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_hard_kill_is_undone_by_the_next_process(tmp_path: Path) -> None:
    fake = FakeAdbDevice(settings={"global/http_proxy": "127.0.0.1:8080"})
    fake.reverses["tcp:8080"] = "tcp:8080"
    path = journal_path(tmp_path, fake.serial)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(ProxyJournal(fake.serial, None, "127.0.0.1:8080", 8080, dead_pid()).__dict__))
    guard = ProxyGuard(adb_for(fake), tmp_path)
    guard.apply("127.0.0.1", 9090)
    # the original recorded is the crashed run's original (unset), not its leftover value
    assert guard.journal is not None and guard.journal.original is None
    guard.restore()
    assert "global/http_proxy" not in fake.settings
    assert fake.reverses == {}


def test_a_live_process_holding_the_device_is_not_overridden(tmp_path: Path) -> None:
    fake = FakeAdbDevice()
    path = journal_path(tmp_path, fake.serial)
    path.parent.mkdir(parents=True)
    parent = os.getppid()
    path.write_text(json.dumps(ProxyJournal(fake.serial, None, "127.0.0.1:8080", 8080, parent).__dict__))
    with pytest.raises(DeviceError, match=f"privacy-probe process {parent} is already using"):
        ProxyGuard(adb_for(fake), tmp_path).apply("127.0.0.1", 9090)
    assert not any("put" in entry for entry in fake.log)


def test_refused_setting_is_an_error(tmp_path: Path) -> None:
    class Stubborn(FakeAdbDevice):
        def _builtin(self, argv: list[str]) -> Reply | None:
            if argv[:2] == ["settings", "put"] and argv[4] != ":0":
                return Reply("")  # silently ignored
            return super()._builtin(argv)

    fake = Stubborn()
    guard = ProxyGuard(adb_for(fake), tmp_path)
    with pytest.raises(DeviceError, match=r"did not accept http_proxy=127.0.0.1:8080"):
        guard.apply("127.0.0.1", 8080)
    guard.restore()


CHILD = textwrap.dedent(
    """
    import json, os, signal, sys
    from pathlib import Path
    sys.path[:0] = [{tests!r}, {repo!r}]
    from fixtures.adb.fake_adb import FakeAdbDevice
    from harness.device.proxy import ProxyGuard
    from harness.device.transport import Adb

    log = Path({log!r})

    class Recording(FakeAdbDevice):
        def shell2(self, cmdargs, timeout=None, rstrip=False):
            with log.open("a") as handle:
                handle.write(cmdargs + "\\n")
            return super().shell2(cmdargs, timeout, rstrip)

    fake = Recording(settings={{"global/http_proxy": "10.9.8.7:3128"}})
    ProxyGuard(Adb(fake, fake.serial), Path({state!r})).apply("127.0.0.1", 8080)
    {ending}
    """
)


@pytest.mark.parametrize(
    ("ending", "exit_code"),
    [
        ("os.kill(os.getpid(), signal.SIGTERM)", 128 + signal.SIGTERM),
        ("os.kill(os.getpid(), signal.SIGHUP)", 128 + signal.SIGHUP),
        ("raise RuntimeError('crash in our code')", 1),
    ],
)
def test_signal_and_crash_restore_in_a_real_process(tmp_path: Path, ending: str, exit_code: int) -> None:
    log = tmp_path / "commands.log"
    script = CHILD.format(tests=str(TESTS), repo=str(REPO), log=str(log), state=str(tmp_path), ending=ending)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == exit_code, done.stderr
    commands = log.read_text().splitlines()
    assert commands[-1] == "settings put global http_proxy 10.9.8.7:3128"
    assert "settings put global http_proxy 127.0.0.1:8080" in commands
    assert read_journal(tmp_path, "emulator-5554") is None


def test_device_dropping_during_a_command_is_a_device_error_and_the_proxy_is_restored(
    tmp_path: Path,
) -> None:
    fake = FakeAdbDevice()

    def drop(argv: list[str]) -> Reply:
        raise AdbError("device offline")

    fake.on(r"^uiautomator dump", drop)
    adb = adb_for(fake)
    with (
        pytest.raises(DeviceError, match=r"went offline during `uiautomator dump"),
        ProxyGuard(adb, tmp_path) as guard,
    ):
        guard.apply("127.0.0.1", 8080)
        adb.run(["uiautomator", "dump", "/data/local/tmp/x.xml"])
    assert "global/http_proxy" not in fake.settings
