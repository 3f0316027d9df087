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
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from harness.agent import build_agent
from harness.device.adb import AdbDevice
from harness.device.base import Device
from harness.device.transport import Adb
from harness.errors import DeviceError, InputError, InstrumentationError
from harness.instrument import Instrumentation, withhold_foreign_clipboard
from harness.profile import DEFAULT_PROFILE
from harness.records import HookEvent, JsonlWriter
from harness.sim.device import SimDevice, parse_sim_spec
from tests.conftest import EXAMPLES
from tests.fixtures.adb.fake_adb import FIXTURES, FakeAdbDevice, Reply, recorded

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
        self.posted: list[dict[str, Any]] = []

    def on(self, signal: str, handler: Callable[[dict[str, Any], Any], None]) -> None:
        if signal == "message":
            self.handlers.append(handler)

    def load(self) -> None:
        self.loaded = True

    def post(self, message: dict[str, Any]) -> None:
        self.posted.append(message)

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
    """frida-server's device object: spawn holds the app before it binds; resume lets it bind;
    with spawn gating, every new process on the device is held and announced as "spawn-added"."""

    calls: list[str] = field(default_factory=list)
    sessions: dict[int, ArtSession] = field(default_factory=dict)
    gating: bool = False
    handlers: list[Callable[[Any], None]] = field(default_factory=list)
    pending: dict[int, str] = field(default_factory=dict)

    def on(self, signal: str, handler: Callable[[Any], None]) -> None:
        if signal == "spawn-added":
            self.handlers.append(handler)

    def off(self, signal: str, handler: Callable[[Any], None]) -> None:
        self.handlers.remove(handler)

    def enable_spawn_gating(self) -> None:
        self.gating = True

    def disable_spawn_gating(self) -> None:
        self.gating = False

    def enumerate_pending_spawn(self) -> list[Any]:
        return [SimpleNamespace(pid=pid, identifier=name) for pid, name in self.pending.items()]

    def spawn_added(self, pid: int, identifier: str) -> None:
        assert self.gating
        self.pending[pid] = identifier
        for handler in list(self.handlers):
            handler(SimpleNamespace(pid=pid, identifier=identifier))

    def wait_resumed(self, pids: set[int], timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while pids & set(self.pending) and time.monotonic() < deadline:
            time.sleep(0.01)

    def spawn(self, program: str) -> int:
        self.calls.append(f"spawn {program}")
        return STANDIN_PID

    def attach(self, pid: int) -> ArtSession:
        self.calls.append(f"attach {pid}")
        return self.sessions.setdefault(pid, ArtSession())

    def resume(self, pid: int) -> None:
        self.calls.append(f"resume {pid}")
        self.pending.pop(pid, None)
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
    fake.on(r"^am force-stop ", "")  # ActivityManagerShellCommand.runForceStop prints nothing
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


PUSH_PACKAGE = "com.example.push"
PUSH_MANIFEST = """<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    package="com.example.push">
  <application android:label="Push">
    <activity android:name=".Main" android:exported="true">
      <intent-filter>
        <action android:name="android.intent.action.MAIN" />
        <category android:name="android.intent.category.LAUNCHER" />
      </intent-filter>
    </activity>
    <service android:name=".PushService" android:process=":push" />
  </application>
</manifest>
"""
PUSH_SOURCES = {
    "Main.java": """package com.example.push;

import android.app.Activity;
import android.content.Intent;
import android.os.Bundle;

public class Main extends Activity {
    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        startService(new Intent(this, PushService.class));
    }
}
""",
    "PushService.java": """package com.example.push;

import android.app.Service;
import android.content.Intent;
import android.os.IBinder;
import android.provider.Settings;
import android.util.Log;

public class PushService extends Service {
    @Override
    public int onStartCommand(Intent intent, int flags, int startId) {
        String id = Settings.Secure.getString(getContentResolver(), Settings.Secure.ANDROID_ID);
        Log.i("Push", "registered " + id);
        return START_NOT_STICKY;
    }

    @Override
    public IBinder onBind(Intent intent) {
        return null;
    }
}
""",
}


def _push_app(tmp_path: Path) -> Path:
    app = tmp_path / "push"
    sources = app / "src" / "com" / "example" / "push"
    sources.mkdir(parents=True)
    (app / "AndroidManifest.xml").write_text(PUSH_MANIFEST, encoding="utf-8")
    for name, text in PUSH_SOURCES.items():
        (sources / name).write_text(text, encoding="utf-8")
    return app


def test_a_service_with_its_own_process_is_instrumented_before_it_runs(tmp_path: Path) -> None:
    # developer.android.com/guide/topics/manifest/service-element#proc: ":push" runs the service in
    # a new process private to the app, started for it (AOSP ActiveServices.bringUpServiceLocked).
    # Sim: the service's process is held at its gate until the agent is loaded, like spawn gating.
    device = SimDevice()
    events_path = tmp_path / "events.jsonl"
    processes: list[Instrumentation] = []
    try:
        app = device.install(_push_app(tmp_path))
        assert app.extra["services"] == {f"{PUSH_PACKAGE}.PushService": f"{PUSH_PACKAGE}:push"}
        with JsonlWriter(events_path) as events:

            def instrument(pid: int, process: str) -> None:
                secondary = Instrumentation(
                    device.frida_device(), build_agent(), events, app.package, process=process
                )
                secondary.attach(pid)
                processes.append(secondary)

            device.set_process_hook(instrument)
            main = Instrumentation(device.frida_device(), build_agent(), events, app.package)
            device.launch(app.package, before_start=main.attach)
            main.wait_ready()
            deadline = time.monotonic() + 30
            while not processes and time.monotonic() < deadline:
                time.sleep(0.1)
            [push] = processes
            push.wait_ready()
            while not push.report.events_recorded and time.monotonic() < deadline:
                push.flush()
                time.sleep(0.2)
            assert [name for _, name in device.secondary_processes()] == [f"{PUSH_PACKAGE}:push"]
            for instrumentation in (main, push):
                instrumentation.detach()
            device.stop(app.package)
    finally:
        device.close()
    assert push.report.process == f"{PUSH_PACKAGE}:push" and push.report.hooks_installed
    reads = [
        e for e in map(json.loads, events_path.read_text().splitlines()) if e["api"].endswith("getString")
    ]
    assert [(e["process"], e["value"]) for e in reads] == [
        (f"{PUSH_PACKAGE}:push", DEFAULT_PROFILE.android_id)
    ]
    assert "com.example.push.PushService.onStartCommand" in reads[0]["stack"]


def test_adb_spawn_gating_instruments_the_apps_other_processes_and_releases_the_rest(tmp_path: Path) -> None:
    # frida's spawn gating (Device.enable_spawn_gating, "spawn-added"): every new process waits until
    # resumed; only the app's own `package:name` processes get the agent first.
    bench = _standin(tmp_path)
    device = bench.device
    assert isinstance(device, AdbDevice)
    frida = device.frida_device()
    assert isinstance(frida, ArtFrida)
    hooked: list[tuple[int, str]] = []

    def hook(pid: int, name: str) -> None:
        hooked.append((pid, name))
        frida.calls.append(f"hook {pid}")

    device.set_process_hook(hook)
    device.launch(STANDIN_PACKAGE, before_start=lambda pid: None)
    frida.spawn_added(5001, f"{STANDIN_PACKAGE}:push")
    frida.spawn_added(5002, "com.android.vending")
    frida.wait_resumed({5001, 5002})
    assert hooked == [(5001, f"{STANDIN_PACKAGE}:push")]
    assert frida.calls.index("hook 5001") < frida.calls.index("resume 5001")
    assert "resume 5002" in frida.calls
    device.stop(STANDIN_PACKAGE)
    assert frida.gating is False


def test_the_sim_device_is_chosen_with_its_api_level() -> None:
    assert parse_sim_spec("sim") == ("sim-0", 34)
    assert parse_sim_spec("sim-2@30") == ("sim-2", 30)
    assert parse_sim_spec("emulator-5554") is None
    with pytest.raises(InputError, match=r"offers API levels 30, 33, 34"):
        parse_sim_spec("sim@28")
    device = SimDevice(api_level=33)
    try:
        assert device.info().android == "13 (API 33, simulated)"
    finally:
        device.close()
