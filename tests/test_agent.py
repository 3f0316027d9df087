"""The Frida agent on a real JVM, and the bundle builder that compiles it.

The JVM runs stand-ins for the hooked Android classes (tests/fixtures/agent/framework: same class
names and signatures, no Toast and no SystemSensorManager) and a driver program that calls them on
command (tests/fixtures/agent/app).
"""

from __future__ import annotations

import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frida
import pytest

from harness.agent import HOOKS_DIR, MISSING_NODE_MODULES, AgentBundle, build_agent
from harness.errors import EnvironmentProblem

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "agent"
DRIVER = "com.example.fixture.Driver"
LINE_TIMEOUT_S = 20.0

INSTALLED_HOOKS = [
    "android.location.LocationManager.getLastKnownLocation",
    "android.location.LocationManager.requestLocationUpdates",
    "android.location.Location.getLatitude",
    "android.location.Location.getLongitude",
    "android.content.ContentResolver.query",
    "android.telephony.TelephonyManager.getDeviceId",
    "android.telephony.TelephonyManager.getImei",
    "android.telephony.TelephonyManager.getSubscriberId",
    "android.telephony.TelephonyManager.getSimSerialNumber",
    "android.telephony.TelephonyManager.getLine1Number",
    "android.provider.Settings.Secure.getString",
    "android.net.wifi.WifiInfo.getMacAddress",
    "android.net.wifi.WifiInfo.getSSID",
    "android.net.wifi.WifiInfo.getBSSID",
    "android.os.Build.getSerial",
    "android.content.pm.PackageManager.getInstalledPackages",
    "android.content.pm.PackageManager.getInstalledApplications",
    "android.content.ClipboardManager.getPrimaryClip",
    "android.hardware.SensorManager.registerListener",
    "android.app.Activity.requestPermissions",
    "android.app.ContextImpl.checkSelfPermission",
    "android.app.ContextImpl.checkPermission",
    "android.app.ContextImpl.checkCallingOrSelfPermission",
    "android.app.Dialog.show",
    "android.widget.PopupWindow.showAtLocation",
    "android.app.Activity.startActivity",
]
# Transform hooks (hooks/src/transforms.ts) on the JVM's own crypto, zip and base64 classes, and the
# TLS plaintext hooks (hooks/src/plaintext.ts); the fixture framework has no android.util.Base64.
TRANSFORM_HOOKS = [
    "javax.crypto.Cipher.update",
    "javax.crypto.Cipher.doFinal",
    "javax.crypto.Mac.update",
    "javax.crypto.Mac.doFinal",
    "java.security.MessageDigest.update",
    "java.security.MessageDigest.digest",
    "java.util.zip.Deflater.setInput",
    "java.util.zip.Deflater.deflate",
    "java.util.Base64.Encoder.encode",
    "java.util.Base64.Encoder.encodeToString",
    "sun.security.ssl.SSLSocketImpl$AppOutputStream.write",
    "sun.security.ssl.SSLSocketImpl$AppInputStream.read",
]


@dataclass
class Outcome:
    """What one driver command printed and which hook events it caused."""

    lines: list[str]
    events: list[dict[str, Any]]


@dataclass
class AgentMessages:
    """Everything the agent sent, collected on Frida's thread."""

    ready: list[dict[str, Any]] = field(default_factory=list)
    batches: list[list[dict[str, Any]]] = field(default_factory=list)
    errors: list[Any] = field(default_factory=list)

    def on_message(self, message: frida.ScriptMessage, _data: bytes | None) -> None:
        payload = message.get("payload")
        if message["type"] != "send" or not isinstance(payload, dict):
            self.errors.append(message)
        elif payload.get("type") == "event:hook":
            self.batches.append(payload["events"])
        elif payload.get("type") == "agent:ready":
            self.ready.append(payload)
        else:
            self.errors.append(payload)

    def events(self) -> list[dict[str, Any]]:
        return [event for batch in self.batches for event in batch]


class DriverProcess:
    """The driver JVM with the agent loaded into it."""

    def __init__(self, classes: Path, bundle: str) -> None:
        self.process = subprocess.Popen(
            ["java", "-cp", str(classes), DRIVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read_stdout, daemon=True).start()
        assert self._next_line() == "READY"
        self.messages = AgentMessages()
        self.session = frida.attach(self.process.pid)
        self.script = self.session.create_script(bundle)
        self.script.on("message", self.messages.on_message)
        self.script.load()

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))

    def _next_line(self) -> str:
        return self._lines.get(timeout=LINE_TIMEOUT_S)

    def send(self, command: str) -> list[str]:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        lines = []
        while (line := self._next_line()) != "DONE":
            lines.append(line)
        return lines

    def run(self, command: str) -> Outcome:
        """Run a driver command, flush the agent, return the command's output and events."""
        already = len(self.messages.events())
        lines = self.send(command)
        self.script.exports_sync.flush()
        assert self.messages.errors == []
        return Outcome(lines, self.messages.events()[already:])

    def close(self) -> None:
        try:
            assert self.process.stdin is not None
            self.process.stdin.write("exit\n")
            self.process.stdin.flush()
            self.process.wait(timeout=LINE_TIMEOUT_S)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.session.detach()


@pytest.fixture(scope="session")
def fixture_classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("agent-fixture-classes")
    sources = sorted(str(path) for path in FIXTURES.rglob("*.java"))
    subprocess.run(["javac", "-d", str(out), *sources], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def driver(fixture_classes: Path) -> Iterator[DriverProcess]:
    process = DriverProcess(fixture_classes, build_agent())
    try:
        yield process
    finally:
        process.close()


def summary(event: dict[str, Any]) -> tuple[Any, ...]:
    return (event["api"], event["data_type"], event["value"], event["args"], event["outcome"])


def assert_called_from(events: list[dict[str, Any]], method: str) -> None:
    for event in events:
        assert event["stack"][0] == f"{DRIVER}.{method}", event
        assert event["stack"][1:] == [f"{DRIVER}.run", f"{DRIVER}.main"]


# Catalogue hooks on the JVM's own classes (hooks/src/network.ts, files.ts): installed here too.
JDK_CATALOGUE_HOOKS = [
    "java.net.NetworkInterface.getHardwareAddress",
    "java.io.FileInputStream.$init",
    "java.io.RandomAccessFile.$init",
    "java.lang.Runtime.exec",
    "java.lang.ProcessBuilder.start",
]


def test_ready_lists_installed_hooks_and_those_whose_class_is_missing(driver: DriverProcess) -> None:
    [ready] = driver.messages.ready
    assert ready["runtime"] == "hotspot"
    installed = ready["hooks_installed"]
    assert [h for h in installed if h in INSTALLED_HOOKS] == INSTALLED_HOOKS
    assert set(JDK_CATALOGUE_HOOKS) <= set(installed)
    assert set(TRANSFORM_HOOKS) <= set(installed)
    failed = {f["hook"]: f for f in ready["hooks_failed"]}
    assert "android/widget/Toast" in failed["android.widget.Toast.show"]["error"]
    assert failed["android.widget.Toast.show"]["data_types"] == ""
    # The fixture framework is a subset: the coverage names the data types left unwatched.
    assert failed["android.telephony.SmsManager.sendTextMessage"]["data_types"] == "sms_send"
    assert failed["android.bluetooth.BluetoothAdapter.getAddress"]["data_types"] == "bluetooth"
    # SDK and vendor classes (Google/Huawei ad ids, MSA, MIUI, Samsung) are absent, not failed.
    assert not [hook for hook in failed if "AdvertisingIdClient" in hook or "miitmdid" in hook]
    assert not set(installed) & set(failed)


def test_location_reads_are_recorded_once_each(driver: DriverProcess) -> None:
    outcome = driver.run("location")
    assert outcome.lines == ["latitude 31.2304"]
    # The agent's own Java calls (reading the returned Location, the listener's toString, which
    # reads WifiInfo.getSSID) are not events.
    assert [summary(e) for e in outcome.events] == [
        (
            "android.location.LocationManager.getLastKnownLocation",
            "location",
            "31.2304,121.4737",
            ["gps"],
            "returned",
        ),
        ("android.location.Location.getLatitude", "location", "31.2304", [], "returned"),
        (
            "android.location.LocationManager.requestLocationUpdates",
            "location",
            None,
            ["gps", "1000", "5", 'Listener("canary-ssid")'],
            "returned",
        ),
    ]
    first, latitude, updates = outcome.events
    assert first["thread"] == latitude["thread"] == "main"
    assert first["overload"] == "(java.lang.String)"
    assert first["kind"] == "data" and first["error"] is None
    assert first["impl"] == "android.location.LocationManager"
    assert_called_from([first, latitude], "readLocation")
    assert updates["thread"] == "loc-worker"
    assert updates["overload"] == "(java.lang.String,long,float,android.location.LocationListener)"
    assert updates["stack"] == [f"{DRIVER}$LocationWorker.run", "java.lang.Thread.run"]
    assert time.time() - 60 < first["ts"] <= time.time()


def test_identifiers_and_only_the_android_id_setting(driver: DriverProcess) -> None:
    outcome = driver.run("identifiers")
    assert outcome.lines[6] == "setting:bluetooth_name"
    assert [(e["api"].rsplit(".", 1)[1], e["data_type"], e["value"]) for e in outcome.events] == [
        ("getDeviceId", "device_id", "861234567890123"),
        ("getImei", "device_id", "861234567890123"),
        ("getSubscriberId", "device_id", "460001234567890"),
        ("getSimSerialNumber", "device_id", "89860012345678901234"),
        ("getLine1Number", "phone_number", "+8613800138000"),
        ("getString", "device_id", "9774d56d682e549c"),
        ("getMacAddress", "mac_address", "02:00:00:44:55:66"),
        ("getSSID", "wifi", '"canary-ssid"'),
        ("getBSSID", "wifi", "0a:1b:2c:3d:4e:5f"),
        ("getSerial", "device_id", "SERIAL0042"),
    ]
    setting = outcome.events[5]
    assert setting["api"] == "android.provider.Settings.Secure.getString"
    assert setting["args"][0].startswith("android.content.ContentResolver@")
    assert setting["args"][1] == "android_id"
    assert_called_from(outcome.events, "readIdentifiers")


def test_security_exception_is_recorded_and_still_reaches_the_caller(
    driver: DriverProcess,
) -> None:
    outcome = driver.run("denied")
    message = (
        "java.lang.SecurityException: getDeviceId: uid 10123 does not have "
        "android.permission.READ_PHONE_STATE."
    )
    assert outcome.lines == [f"caught {message}"]
    [event] = outcome.events
    assert summary(event) == (
        "android.telephony.TelephonyManager.getDeviceId",
        "device_id",
        None,
        [],
        "security_exception",
    )
    assert event["error"] == message
    assert_called_from([event], "readDeviceIdWithoutPermission")


def test_content_queries_are_classified_by_uri_and_recorded_once(driver: DriverProcess) -> None:
    outcome = driver.run("content")
    assert outcome.lines == ["rows 3", "rows 1", "rows 1", "rows 1", "rows 1", "no cursor"]
    # Each query delegates 5-arg → 6-arg → Bundle overload; one event per query all the same.
    assert [(e["data_type"], e["value"], e["args"][0]) for e in outcome.events] == [
        ("contacts", "rows=3", "content://com.android.contacts/data/phones"),
        ("call_log", "rows=1", "content://call_log/calls"),
        ("sms", "rows=1", "content://sms/inbox"),
        ("sms", "rows=1", "content://mms-sms/conversations"),
        ("photos", "rows=1", "content://media/external/images/media"),
        (None, None, "content://com.example.missing/items"),
    ]
    contacts, call_log = outcome.events[:2]
    assert contacts["args"] == [
        "content://com.android.contacts/data/phones",
        "display_name,data1",
        "null",
        "null",
        "null",
    ]
    assert contacts["overload"] == (
        "(android.net.Uri,java.lang.String[],java.lang.String,java.lang.String[],java.lang.String)"
    )
    assert call_log["overload"].endswith(",java.lang.String,android.os.CancellationSignal)")
    assert call_log["args"][2:5] == ["type=?", "1", "date DESC"]
    assert {e["api"] for e in outcome.events} == {"android.content.ContentResolver.query"}
    assert_called_from(outcome.events, "queryProviders")


def test_installed_app_lists_name_the_public_api(driver: DriverProcess) -> None:
    outcome = driver.run("packages")
    names = "com.tencent.mm,com.eg.android.AlipayGphone,com.example.fixture"
    assert [(e["api"], e["impl"], e["value"]) for e in outcome.events] == [
        (
            "android.content.pm.PackageManager.getInstalledPackages",
            "android.app.ApplicationPackageManager",
            names,
        ),
        (
            "android.content.pm.PackageManager.getInstalledApplications",
            "android.app.ApplicationPackageManager",
            names,
        ),
    ]
    assert all(e["data_type"] == "app_list" and e["args"] == ["0"] for e in outcome.events)
    assert_called_from(outcome.events, "listPackages")


def test_clipboard_value_is_the_first_item_text(driver: DriverProcess) -> None:
    outcome = driver.run("clipboard")
    [event] = outcome.events
    assert summary(event) == (
        "android.content.ClipboardManager.getPrimaryClip",
        "clipboard",
        "canary-clip-8841",
        [],
        "returned",
    )
    assert_called_from([event], "readClipboard")


def test_sensor_registration_falls_back_to_sensor_manager_and_names_the_sensor(
    driver: DriverProcess,
) -> None:
    outcome = driver.run("sensors")
    [event] = outcome.events
    assert event["impl"] == "android.hardware.SensorManager"
    assert event["overload"] == "(android.hardware.SensorEventListener,android.hardware.Sensor,int)"
    assert event["data_type"] == "sensor"
    assert event["args"] == ["ShakeListener", "Sensor(type=1, name=BMI160 accelerometer)", "1"]
    assert_called_from([event], "registerSensor")


def test_permission_request_and_check(driver: DriverProcess) -> None:
    outcome = driver.run("permissions")
    # checkSelfPermission's own inner checkPermission call is the same check, not a second one
    request, check, direct = outcome.events
    assert request["kind"] == "permission_request"
    assert request["args"] == [
        "android.permission.ACCESS_FINE_LOCATION,android.permission.READ_CONTACTS",
        "7",
    ]
    assert check["kind"] == "permission_check"
    assert check["value"] == "-1"
    assert check["args"] == ["android.permission.READ_CONTACTS"]
    assert request["data_type"] is None and check["data_type"] is None
    assert (direct["api"], direct["kind"]) == ("android.app.ContextImpl.checkPermission", "permission_check")
    assert direct["args"] == ["android.permission.CAMERA", "1234", "10123"]
    assert_called_from(outcome.events, "askPermissions")


def test_ui_and_navigation(driver: DriverProcess) -> None:
    outcome = driver.run("ui")
    assert [(e["api"], e["kind"], e["args"], e["overload"]) for e in outcome.events] == [
        ("android.app.Dialog.show", "ui", ["android.app.AlertDialog"], "()"),
        (
            "android.widget.PopupWindow.showAtLocation",
            "ui",
            ["android.view.View{root}", "17", "0", "0"],
            "(android.view.View,int,int,int)",
        ),
        (
            "android.app.Activity.startActivity",
            "navigation",
            ["Intent { cmp=com.example.fixture/.AdActivity }"],
            "(android.content.Intent)",
        ),
    ]
    assert_called_from(outcome.events, "showUi")


def test_stacks_keep_the_innermost_32_frames(driver: DriverProcess) -> None:
    [event] = driver.run("deep").events
    assert len(event["stack"]) == 32
    assert event["stack"] == [f"{DRIVER}.recurse"] * 32


def test_args_and_values_are_bounded(driver: DriverProcess) -> None:
    outcome = driver.run("long")
    assert outcome.lines == ["10000"]
    request, clip = outcome.events
    [permissions, code] = request["args"]
    assert len(permissions) == 256 and permissions.endswith("…")
    assert permissions.startswith("android.permission.READ_CONTACTS,android.permission.READ_CONTACTS")
    assert code == "1"
    assert clip["value"] == "x" * 4095 + "…"


def test_an_argument_whose_to_string_throws_is_named_by_its_class(driver: DriverProcess) -> None:
    outcome = driver.run("hostile")
    # The exception thrown inside the agent's toString call must not leak into the app.
    assert outcome.lines == ["still running"]
    [event] = outcome.events
    assert event["args"] == [f"<{DRIVER}$HostileView>", "0", "1", "2"]
    assert event["outcome"] == "returned"


def test_events_are_batched(driver: DriverProcess) -> None:
    batches_before = len(driver.messages.batches)
    outcome = driver.run("burst 300")
    latitude_reads = [e for e in outcome.events if e["api"].endswith("getLatitude")]
    assert len(latitude_reads) == 300
    batches = driver.messages.batches[batches_before:]
    assert len(batches) < len(outcome.events) / 10
    assert max(len(batch) for batch in batches) <= 64


def test_a_lone_event_is_sent_without_an_explicit_flush(driver: DriverProcess) -> None:
    already = len(driver.messages.events())
    driver.send("clipboard")
    deadline = time.monotonic() + 5
    while len(driver.messages.events()) == already and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [e["api"] for e in driver.messages.events()[already:]] == [
        "android.content.ClipboardManager.getPrimaryClip"
    ]


def test_agent_in_a_process_without_java_reports_an_error() -> None:
    process = subprocess.Popen(
        ["python3", "-c", "import time; print('READY', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE,
        text=True,
    )
    messages = AgentMessages()
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "READY"
        session = frida.attach(process.pid)
        script = session.create_script(build_agent())
        script.on("message", messages.on_message)
        script.load()
        deadline = time.monotonic() + 5
        while not messages.errors and time.monotonic() < deadline:
            time.sleep(0.01)
        session.detach()
    finally:
        process.kill()
        process.wait()
    [error] = messages.errors
    assert error["type"] == "agent:error"
    assert "Java" in error["error"]
    assert messages.ready == []


# --- the bundle builder ---------------------------------------------------------------------


def copy_hooks(target: Path, with_node_modules: bool = True) -> Path:
    hooks = target / "hooks"
    shutil.copytree(HOOKS_DIR / "src", hooks / "src")
    for name in ("package.json", "package-lock.json", "tsconfig.json"):
        shutil.copy2(HOOKS_DIR / name, hooks / name)
    if with_node_modules:
        (hooks / "node_modules").symlink_to(HOOKS_DIR / "node_modules")
    return hooks


def test_bundle_is_rebuilt_only_when_its_inputs_change(tmp_path: Path) -> None:
    bundle = AgentBundle(hooks_dir=copy_hooks(tmp_path), resource_dir=tmp_path / "resources")
    assert bundle.status().startswith("missing:")

    text = bundle.build()
    assert text.startswith("📦\n")
    built = bundle.bundle_path.stat().st_mtime_ns
    assert bundle.status().startswith("built:")

    time.sleep(0.01)
    assert bundle.build() == text
    assert bundle.bundle_path.stat().st_mtime_ns == built

    with (bundle.hooks_dir / "src" / "emit.ts").open("a", encoding="utf-8") as source:
        source.write("\n// changed\n")
    assert bundle.status().startswith("stale:")
    bundle.build()
    assert bundle.bundle_path.stat().st_mtime_ns != built
    assert bundle.status().startswith("built:")


def test_forced_build_recompiles(tmp_path: Path) -> None:
    bundle = AgentBundle(hooks_dir=copy_hooks(tmp_path), resource_dir=tmp_path / "resources")
    bundle.build()
    built = bundle.bundle_path.stat().st_mtime_ns
    time.sleep(0.01)
    bundle.build(force=True)
    assert bundle.bundle_path.stat().st_mtime_ns != built


def test_missing_node_modules_is_an_environment_problem(tmp_path: Path) -> None:
    hooks = copy_hooks(tmp_path, with_node_modules=False)
    bundle = AgentBundle(hooks_dir=hooks, resource_dir=tmp_path / "resources")
    with pytest.raises(EnvironmentProblem) as problem:
        bundle.build()
    assert str(problem.value) == MISSING_NODE_MODULES
    assert MISSING_NODE_MODULES in bundle.status()


def test_type_error_is_reported_with_its_location(tmp_path: Path) -> None:
    hooks = copy_hooks(tmp_path)
    (hooks / "src" / "index.ts").write_text(
        'const count: number = "three";\nsend(count);\n', encoding="utf-8"
    )
    bundle = AgentBundle(hooks_dir=hooks, resource_dir=tmp_path / "resources")
    with pytest.raises(EnvironmentProblem) as problem:
        bundle.build()
    message = str(problem.value)
    assert message.startswith("the Frida agent does not compile: hooks/src/index.ts:1:7: ")
    assert "not assignable to type 'number'" in message
    assert not bundle.bundle_path.exists()


def test_installed_package_uses_the_shipped_bundle(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    bundle = AgentBundle(hooks_dir=tmp_path / "no-hooks", resource_dir=resources)
    with pytest.raises(EnvironmentProblem, match="reinstall privacy-probe"):
        bundle.build()
    assert bundle.status().startswith("missing:")

    resources.mkdir()
    bundle.bundle_path.write_text("shipped bundle", encoding="utf-8")
    assert bundle.build() == "shipped bundle"
    assert bundle.build(force=True) == "shipped bundle"
    assert bundle.status().startswith("built: shipped bundle")
