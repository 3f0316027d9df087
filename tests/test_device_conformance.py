"""The same expectations against the simulated device and against the recorded adb stand-in.

Each expectation is one test taking `bench` (parametrised over DEVICE_KINDS) and names the
Android source of truth it follows. The adb stand-in answers only what real Android answers:
shell outputs are recorded from devices or composed from the AOSP code that prints them (each
fixture's origin is named where it is used), and `ArtFrida` behaves as frida-server with
frida-java-bridge does on ART. To add an expectation, write a test taking `bench`; use
`bench.kind` only for what cannot be asked of both (say why in the skip reason).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fixtures.adb.fake_adb import FIXTURES, FakeAdbDevice, Reply, recorded

from harness.agent import build_agent
from harness.device.adb import AdbDevice
from harness.device.base import Device
from harness.device.transport import Adb
from harness.errors import DeviceError, InstrumentationError
from harness.instrument import Instrumentation, withhold_foreign_clipboard
from harness.profile import DEFAULT_PROFILE
from harness.records import HookEvent, JsonlWriter
from harness.sim.device import SimDevice
from tests.conftest import EXAMPLES

DEVICE_KINDS = ("sim", "adb-standin")
STANDIN_PACKAGE = "com.example.canarydemo"  # the recorded APK in tests/fixtures/adb/apk
STANDIN_PID = 4242
NOT_READY_WAIT_S = 2.0
NOT_ELIGIBLE = "The uid 10123 does not meet the requirements to access device identifiers."

NO_LAUNCHER_MANIFEST = """<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    package="com.example.headless">
  <application android:label="Headless">
    <service android:name=".SyncService" />
  </application>
</manifest>
"""
NO_LAUNCHER_SOURCE = "package com.example.headless;\npublic class SyncService {}\n"


class ArtScript:
    """A loaded agent as frida-java-bridge runs it in a spawned app on ART: its `Java.perform`
    work (and so `agent:ready`) waits until the app binds, which follows `resume`
    (frida-java-bridge index.js, `_performPendingVmOpsWhenReady`)."""

    def __init__(self) -> None:
        self.handlers: list[Callable[[dict[str, Any], Any], None]] = []
        self.loaded = False

    def on(self, signal: str, handler: Callable[[dict[str, Any], Any], None]) -> None:
        if signal == "message":
            self.handlers.append(handler)

    def load(self) -> None:
        self.loaded = True

    def bind(self) -> None:
        if not self.loaded:
            return
        ready = {"type": "agent:ready", "runtime": "art", "hooks_installed": ["x.Y.z"], "hooks_failed": []}
        for handler in self.handlers:
            handler({"type": "send", "payload": ready}, None)


@dataclass
class ArtSession:
    script: ArtScript = field(default_factory=ArtScript)

    def on(self, signal: str, handler: Callable[..., None]) -> None:
        pass

    def create_script(self, source: str, name: str = "") -> ArtScript:
        return self.script

    def detach(self) -> None:
        pass


@dataclass
class ArtFrida:
    """frida-server's device object: spawn holds the app before it binds; resume lets it bind."""

    calls: list[str] = field(default_factory=list)
    sessions: dict[int, ArtSession] = field(default_factory=dict)

    def spawn(self, program: str) -> int:
        self.calls.append(f"spawn {program}")
        return STANDIN_PID

    def attach(self, pid: int) -> ArtSession:
        self.calls.append(f"attach {pid}")
        return self.sessions.setdefault(pid, ArtSession())

    def resume(self, pid: int) -> None:
        self.calls.append(f"resume {pid}")
        if pid in self.sessions:
            self.sessions[pid].script.bind()

    def kill(self, pid: int) -> None:
        self.calls.append(f"kill {pid}")


@dataclass
class Bench:
    kind: str
    device: Device
    package: str  # an installed app with a launcher activity
    install_no_launcher: Callable[[], str]


def _standin(tmp_path: Path) -> Bench:
    fake = FakeAdbDevice(serial="emulator-5554")
    fake.on(r"^getprop$", recorded("getprop_emulator_api34.txt"))  # recorded: API 34 emulator
    fake.on(rf"^dumpsys package {STANDIN_PACKAGE}$", recorded("dumpsys_package_api34.txt"))
    fake.on(r"^pm install -r -t ", recorded("pm_install_success.txt"))
    fake.on(r"^id -u$", "0\n")
    fake.on(rf"^pidof {STANDIN_PACKAGE}$", f"{STANDIN_PID}\n")
    # ComponentName.unflattenFromString: no "/" → Intent.parseCommandArgs throws "Bad component name"
    fake.on(r"^am start .*-n [^/ ]+$", recorded("am_start_bad_component.txt"))
    frida = ArtFrida()
    device = AdbDevice(
        Adb(fake, fake.serial), state_dir=tmp_path / "state", frida_device_factory=lambda s: frida
    )
    device.install(FIXTURES / "apk" / "canarydemo.apk")

    def install_no_launcher() -> str:
        package = "com.example.headless"
        # `cmd package resolve-activity --brief` for a package without MAIN/LAUNCHER (recorded)
        fake.on(rf"resolve-activity .* {package}$", recorded("resolve_activity_none.txt"))
        fake.on(
            rf"^am start .*-n {package}/",
            Reply(f"Error: Activity class {{{package}/{package}.Main}} does not exist.\n"),
        )
        return package

    return Bench("adb-standin", device, STANDIN_PACKAGE, install_no_launcher)


def _sim(tmp_path: Path, device: SimDevice) -> Bench:
    package = device.install(EXAMPLES / "leaky_sdk").package

    def install_no_launcher() -> str:
        app = tmp_path / "headless"
        (app / "src" / "com" / "example" / "headless").mkdir(parents=True)
        (app / "AndroidManifest.xml").write_text(NO_LAUNCHER_MANIFEST, encoding="utf-8")
        (app / "src" / "com" / "example" / "headless" / "SyncService.java").write_text(NO_LAUNCHER_SOURCE)
        return device.install(app).package

    return Bench("sim", device, package, install_no_launcher)


@pytest.fixture(scope="module")
def sim_device() -> Iterator[SimDevice]:
    device = SimDevice()
    try:
        yield device
    finally:
        device.close()


@pytest.fixture(params=DEVICE_KINDS)
def bench(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Bench]:
    if request.param == "sim":
        sim: SimDevice = request.getfixturevalue("sim_device")
        sim_bench = _sim(tmp_path, sim)
        yield sim_bench
        sim.stop(sim_bench.package)
    else:
        standin = _standin(tmp_path)
        yield standin
        standin.device.close()


def test_hooks_land_only_after_the_resume(bench: Bench, tmp_path: Path) -> None:
    # frida-java-bridge index.js (`perform` → `_performPendingVmOpsWhenReady`): in a spawned app
    # the agent's Java work runs when ActivityThread.getPackageInfo returns in handleBindApplication
    # (AOSP core/java/android/app/ActivityThread.java), and the app binds only after the resume.
    with JsonlWriter(tmp_path / "events.jsonl") as events:
        early = Instrumentation(bench.device.frida_device(), build_agent(), events, bench.package)

        def wait_before_resume(pid: int) -> None:
            early.attach(pid)
            early.wait_ready(timeout=NOT_READY_WAIT_S)

        with pytest.raises(InstrumentationError, match=r"did not start within"):
            bench.device.launch(bench.package, before_start=wait_before_resume)
        early.detach()
        assert not early.report.hooks_installed

        instrumentation = Instrumentation(bench.device.frida_device(), build_agent(), events, bench.package)
        bench.device.launch(bench.package, before_start=instrumentation.attach)
        instrumentation.wait_ready()
        instrumentation.detach()
    assert instrumentation.report.hooks_installed


def test_an_app_without_a_launcher_activity_cannot_be_started_and_is_told_so(bench: Bench) -> None:
    # PackageManager.getLaunchIntentForPackage is null without a MAIN/LAUNCHER activity; the app is
    # installed all the same (developer.android.com/guide/components/intents-filters).
    package = bench.install_no_launcher()
    with pytest.raises(DeviceError, match=r"has no launcher activity") as error:
        bench.device.launch(package)
    assert "not installed" not in str(error.value)


def test_release_and_api_level_agree(bench: Bench) -> None:
    # developer.android.com/tools/releases/platforms: API 30 = Android 11, 33 = 13, 34 = 14
    releases = {30: "11", 33: "13", 34: "14"}
    info = bench.device.info()
    assert info.api_level in releases
    assert info.android.startswith(f"{releases[info.api_level]} (API {info.api_level}")


def test_recorded_standin_answers_as_android(tmp_path: Path) -> None:
    """The stand-in itself: `am start -n` with a bare class name is refused as Android refuses it."""
    bench = _standin(tmp_path)
    adb_device = bench.device
    assert isinstance(adb_device, AdbDevice)
    output = adb_device.adb.run(["am", "start", "-n", "MainActivity"])
    assert "Exception occurred while executing 'start'" in output


IDS_MANIFEST = """<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    package="com.example.ids">
  <uses-sdk android:minSdkVersion="23" android:targetSdkVersion="{target}" />
  <uses-permission android:name="android.permission.READ_PHONE_STATE" />
  <application android:label="Ids">
    <activity android:name=".Main" android:exported="true">
      <intent-filter>
        <action android:name="android.intent.action.MAIN" />
        <category android:name="android.intent.category.LAUNCHER" />
      </intent-filter>
    </activity>
  </application>
</manifest>
"""
IDS_SOURCE = """package com.example.ids;

import android.app.Activity;
import android.content.Context;
import android.os.Build;
import android.os.Bundle;
import android.telephony.TelephonyManager;
import android.util.Log;

public class Main extends Activity {
    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        TelephonyManager phone = (TelephonyManager) getSystemService(Context.TELEPHONY_SERVICE);
        try {
            Log.i("Ids", "imei=" + phone.getDeviceId() + ";imsi=" + phone.getSubscriberId()
                    + ";serial=" + Build.getSerial() + ";sdk=" + Build.VERSION.SDK_INT);
        } catch (SecurityException refused) {
            Log.i("Ids", "refused: " + refused.getMessage() + ";sdk=" + Build.VERSION.SDK_INT);
        }
    }
}
"""


@pytest.mark.parametrize(("api_level", "target", "expected"), [
    (34, 28, "imei=null;imsi=null;serial=unknown;sdk=34"),
    (30, 29, f"refused: getDeviceId: {NOT_ELIGIBLE};sdk=30"),
])  # fmt: skip
def test_non_resettable_identifiers_on_api_29_and_later(
    tmp_path: Path, api_level: int, target: int, expected: str
) -> None:
    # AOSP TelephonyPermissions.checkReadDeviceIdentifiers / reportAccessDeniedToReadIdentifiers,
    # developer.android.com/about/versions/10/privacy/changes: with READ_PHONE_STATE an app
    # targeting <= 28 gets null ("unknown" for the serial), one targeting 29+ a SecurityException.
    # Sim only: on the stand-in no app code runs (the device tier covers real devices).
    app = tmp_path / "ids"
    (app / "src" / "com" / "example" / "ids").mkdir(parents=True)
    (app / "AndroidManifest.xml").write_text(IDS_MANIFEST.format(target=target), encoding="utf-8")
    (app / "src" / "com" / "example" / "ids" / "Main.java").write_text(IDS_SOURCE, encoding="utf-8")
    device = SimDevice(api_level=api_level)
    log = tmp_path / "logcat.txt"
    try:
        info = device.install(app)
        assert info.extra["target_sdk"] == target
        device.grant_permission(info.package, "android.permission.READ_PHONE_STATE")
        device.capture_logs(log)
        device.launch(info.package)
        device.stop(info.package)
    finally:
        device.close()
    [line] = [line for line in log.read_text(encoding="utf-8").splitlines() if "/Ids:" in line]
    assert expected in line


HOST_CLIPBOARD = "copied on the host: IBAN DE44 5001 0517 5407 3249 31"


def test_clipboard_canary_is_planted_in_the_app_and_the_host_clipboard_never_recorded(tmp_path: Path) -> None:
    # An emulator shares the host's clipboard by default and AOSP has no `cmd clipboard`: the agent
    # sets the canary through ClipboardManager.setPrimaryClip before Application.onCreate (writing
    # needs no focus: ClipboardService.clipboardAccessAllowed). Sim only: on the stand-in no app
    # code runs, and plant_canaries there sends no `cmd clipboard` (test_adb_device).
    device = SimDevice(host_clipboard=HOST_CLIPBOARD)
    events_path = tmp_path / "events.jsonl"
    try:
        app = device.install(EXAMPLES / "leaky_sdk")  # reads the clipboard in Application.onCreate
        with JsonlWriter(events_path) as events:
            canary = DEFAULT_PROFILE.clipboard
            planted = Instrumentation(
                device.frida_device(), build_agent(), events, app.package, clipboard_canary=canary
            )
            device.launch(app.package, before_start=planted.attach)
            planted.wait_ready()
            planted.detach()
            device.stop(app.package)
    finally:
        device.close()
    assert planted.report.canaries["clipboard"].startswith("planted: ClipboardManager.setPrimaryClip")
    reads = [
        e for e in map(json.loads, events_path.read_text().splitlines()) if e["data_type"] == "clipboard"
    ]
    assert reads and all(e["value"] == canary for e in reads)
    assert "IBAN" not in events_path.read_text()


def test_a_clipboard_read_that_is_not_the_canary_is_withheld() -> None:
    read = HookEvent(
        ts=1.0, api="android.content.ClipboardManager.getPrimaryClip", kind="data",
        data_type="clipboard", value=HOST_CLIPBOARD, sdk=None, stack=[],
    )  # fmt: skip
    assert withhold_foreign_clipboard(read, "PPCLIP-canary").value == (
        f"[withheld: {len(HOST_CLIPBOARD)} characters that are not the clipboard canary]"
    )
    assert "IBAN" not in str(withhold_foreign_clipboard(read, None).value)
    ours = dataclasses.replace(read, value="PPCLIP-canary")
    assert withhold_foreign_clipboard(ours, "PPCLIP-canary").value == "PPCLIP-canary"
    other = dataclasses.replace(read, data_type="device_id", value="3567")
    assert withhold_foreign_clipboard(other, "PPCLIP-canary").value == "3567"
