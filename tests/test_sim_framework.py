"""The sim framework in a real JVM, driven through the real control socket (harness.sim.control)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
from defusedxml import ElementTree
from PIL import Image

from harness.errors import DeviceError
from harness.profile import DEFAULT_PROFILE
from harness.sim.build import SimApp, build_app, framework_classes
from harness.sim.control import SimControl

pytestmark = pytest.mark.skipif(shutil.which("javac") is None, reason="needs a JDK 17 (javac)")

FIXTURES = Path(__file__).parent / "fixtures" / "simapps"
PROBE_PACKAGE = "com.privacyprobe.fixture.probe"
LAUNCHER = "com.google.android.apps.nexuslauncher"
PERMISSION_CONTROLLER = "com.android.permissioncontroller"
NOT_ELIGIBLE = "The uid 10123 does not meet the requirements to access device identifiers."
UIAUTOMATOR_ATTRIBUTES = [
    "index", "text", "resource-id", "class", "package", "content-desc", "checkable", "checked",
    "clickable", "enabled", "focusable", "focused", "scrollable", "long-clickable", "password",
    "selected", "bounds",
]  # fmt: skip


def _properties_text(values: dict[str, str]) -> str:
    def escape(text: str) -> str:
        out = []
        for char in text:
            if char in "\\=:#! ":
                out.append("\\" + char)
            elif not " " <= char <= "~":
                units = char.encode("utf-16-be")
                out.extend(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))
            else:
                out.append(char)
        return "".join(out)

    return "".join(f"{escape(key)}={escape(value)}\n" for key, value in values.items())


@dataclass
class Launched:
    process: subprocess.Popen[bytes]
    control: SimControl
    stdout: Path
    stderr: Path

    def request(self, command: str, *args: str) -> str:
        return self.control.request(command, *args)

    def dump(self) -> Element:
        root: Element = ElementTree.fromstring(self.request("dump"))
        return root

    def node(self, **attributes: str) -> Element:
        """The one node of the current dump whose attributes match."""
        found = [
            node
            for node in self.dump().iter("node")
            if all(node.get(name.replace("_", "-")) == value for name, value in attributes.items())
        ]
        assert len(found) == 1, f"expected one node with {attributes}, found {len(found)}"
        return found[0]

    def tap_node(self, **attributes: str) -> str:
        left, top, right, bottom = _bounds(self.node(**attributes))
        return self.request("tap", str((left + right) // 2), str((top + bottom) // 2))

    def status(self) -> str:
        return self.node(content_desc="status").get("text", "")

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)


def _bounds(node: Element) -> tuple[int, int, int, int]:
    text = node.get("bounds", "")
    left_top, right_bottom = text[1:-1].split("][")
    left, top = (int(v) for v in left_top.split(","))
    right, bottom = (int(v) for v in right_bottom.split(","))
    return left, top, right, bottom


@pytest.fixture(scope="module")
def probe_app() -> SimApp:
    return build_app(FIXTURES / "probe_app")


@pytest.fixture(scope="module")
def crash_app() -> SimApp:
    return build_app(FIXTURES / "crash_app")


class SimProcesses:
    """Starts launcher processes for one test and makes sure none outlives it."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.state = workdir / "state"
        self._running: list[Launched] = []
        profile = workdir / "profile.properties"
        profile.write_text(_properties_text(DEFAULT_PROFILE.to_properties()), encoding="utf-8")
        self.profile = profile

    def launch(self, app: SimApp, start: bool = True, api_level: int | None = None) -> Launched:
        index = len(self._running)
        info = app.info
        app_properties = self.workdir / f"app{index}.properties"
        app_properties.write_text(
            _properties_text(
                {
                    "package": info.package,
                    "label": info.label,
                    "version": info.version,
                    "application": info.application_class or "",
                    "launcher": info.launcher_activity,
                    "permissions": ",".join(info.permissions),
                    "target_sdk": str(info.extra.get("target_sdk", "")),
                }
            ),
            encoding="utf-8",
        )
        stdout = self.workdir / f"stdout{index}.txt"
        stderr = self.workdir / f"stderr{index}.txt"
        control = SimControl()
        with stdout.open("wb") as out, stderr.open("wb") as err:
            process = subprocess.Popen(
                [
                    "java",
                    "-Djava.awt.headless=true",
                    "-cp",
                    f"{framework_classes()}:{app.classes}",
                    "com.privacyprobe.sim.Launcher",
                    "--control-port",
                    str(control.port),
                    "--app",
                    str(app_properties),
                    "--state",
                    str(self.state),
                    "--profile",
                    str(self.profile),
                    *(("--api-level", str(api_level)) if api_level is not None else ()),
                ],
                stdout=out,
                stderr=err,
            )
        launched = Launched(process, control, stdout, stderr)
        self._running.append(launched)
        assert control.accept(process) == process.pid
        if start:
            assert launched.request("start") == "started"
        return launched

    def close(self) -> None:
        for launched in self._running:
            if launched.process.poll() is None:
                launched.process.kill()
                launched.process.wait()
            launched.control.close()


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimProcesses]:
    processes = SimProcesses(tmp_path)
    yield processes
    processes.close()


def test_nothing_of_the_app_runs_before_start(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app, start=False)
    assert app.request("ping") == "pong"
    assert app.request("foreground") == LAUNCHER
    assert app.request("activity") == ""
    time.sleep(0.3)
    assert "application class loaded" not in app.stdout.read_text(encoding="utf-8")
    assert app.request("start") == "started"
    assert app.request("foreground") == PROBE_PACKAGE
    assert app.request("activity") == f"{PROBE_PACKAGE}.MainActivity"
    assert "D/Probe: application onCreate" in app.stdout.read_text(encoding="utf-8")


def test_dump_is_uiautomator_xml_with_escaped_text(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app)
    raw = app.request("dump")
    assert raw.startswith("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>")
    assert "&lt;script&gt;alert(&quot;x&quot;) &amp; 'y'&lt;/script&gt;" in raw
    root = ElementTree.fromstring(raw)
    assert root.tag == "hierarchy" and root.get("rotation") == "0"
    top = root[0]
    assert list(top.attrib) == UIAUTOMATOR_ATTRIBUTES
    assert top.get("class") == "android.widget.FrameLayout"
    assert top.get("bounds") == "[0,0][1080,2340]"
    texts = [node.get("text") for node in root.iter("node")]
    assert "<script>alert(\"x\") & 'y'</script> 隐私政策" in texts
    assert "Hidden" not in texts
    assert {node.get("package") for node in root.iter("node")} == {PROBE_PACKAGE}
    checkbox = app.node(text="I agree")
    assert checkbox.get("class") == "android.widget.CheckBox"
    assert (checkbox.get("checkable"), checkbox.get("checked")) == ("true", "false")
    assert app.node(text="Count").get("clickable") == "true"


def test_tap_reaches_click_listeners(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app)
    assert app.tap_node(text="Count").startswith('clicked android.widget.Button "Count"')
    assert app.status() == "Count: 1"
    app.tap_node(text="I agree")
    assert app.node(text="I agree").get("checked") == "true"
    assert app.request("tap", "5", "40").startswith("nothing")


def test_text_goes_into_the_edit_text(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app)
    app.request("text", "héllo wörld 世界 & more")
    app.tap_node(text="Submit")
    assert app.status() == "Submitted: héllo wörld 世界 & more"


def test_alert_dialog_buttons_and_outside_tap(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app)
    app.tap_node(text="Dialog")
    dialog = app.dump()
    assert {node.get("resource-id") for node in dialog.iter("node")} >= {
        "android:id/alertTitle", "android:id/message", "android:id/button1", "android:id/button2",
    }  # fmt: skip
    assert app.node(resource_id="android:id/message").get("text") == "We collect <everything> & more"
    assert app.request("tap", "20", "200") == "canceled dialog"
    assert app.status() == "Dialog: canceled"
    app.tap_node(text="Dialog")
    app.tap_node(resource_id="android:id/button1")
    assert app.status() == "Dialog: OK -1"


def test_permission_dialog_allow_then_data_source_returns_profile_value(
    sim: SimProcesses, probe_app: SimApp
) -> None:
    app = sim.launch(probe_app)
    app.tap_node(text="Location")
    assert app.request("foreground") == PERMISSION_CONTROLLER
    assert app.request("activity") == ""
    message = app.node(resource_id=f"{PERMISSION_CONTROLLER}:id/permission_message")
    assert message.get("text") == "Allow Probe Fixture to access this device's location?"
    app.node(resource_id=f"{PERMISSION_CONTROLLER}:id/permission_allow_one_time_button")
    app.node(resource_id=f"{PERMISSION_CONTROLLER}:id/permission_deny_button")
    app.tap_node(resource_id=f"{PERMISSION_CONTROLLER}:id/permission_allow_foreground_only_button")
    assert app.request("foreground") == PROBE_PACKAGE
    assert app.status() == (f"Location: {DEFAULT_PROFILE.latitude},{DEFAULT_PROFILE.longitude} granted=true")


def test_denied_permission_means_security_exception(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app)
    app.tap_node(text="Location")
    assert app.request("back") == "canceled permission dialog (location)"
    assert app.status() == (
        "Location denied: getLastKnownLocation: requires android.permission.ACCESS_FINE_LOCATION"
        " or android.permission.ACCESS_COARSE_LOCATION"
    )
    # API 29+, app targeting 29+: the IMEI is refused even with READ_PHONE_STATE (AOSP
    # TelephonyPermissions.checkReadDeviceIdentifiers;
    # developer.android.com/about/versions/10/privacy/changes)
    refused = f"SecurityException: getDeviceId: {NOT_ELIGIBLE}"
    app.tap_node(text="IMEI")
    assert app.status() == refused
    assert app.request("grant", "android.permission.READ_PHONE_STATE") == "granted"
    app.tap_node(text="IMEI")
    assert app.status() == refused
    with pytest.raises(DeviceError, match="has not requested permission"):
        app.request("grant", "android.permission.READ_SMS")


def test_home_backgrounds_the_app_and_handlers_keep_running(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app)
    assert app.request("home") == "home"
    assert app.request("foreground") == LAUNCHER
    assert app.dump()[0].get("package") == LAUNCHER
    ticks_at_home = app.stdout.read_text(encoding="utf-8").count("D/Probe: tick ")
    time.sleep(0.7)
    ticks_later = app.stdout.read_text(encoding="utf-8").count("D/Probe: tick ")
    assert ticks_later >= ticks_at_home + 2
    assert app.request("start") == "resumed"
    assert app.request("foreground") == PROBE_PACKAGE
    shown = [n.get("text", "") for n in app.dump().iter("node") if n.get("text", "").startswith("Ticks: ")]
    assert shown and int(shown[0].removeprefix("Ticks: ")) >= ticks_later


def test_view_intent_to_a_url_opens_the_browser(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app)
    app.tap_node(text="Web")
    assert app.request("foreground") == "com.android.chrome"
    logged_start = "START u0 { act=android.intent.action.VIEW dat=https://example.com/privacy }"
    assert f"I/ActivityTaskManager: {logged_start}" in app.stdout.read_text(encoding="utf-8")
    assert app.request("back").startswith("returned to")
    assert app.request("foreground") == PROBE_PACKAGE


def test_prefs_and_permissions_persist_across_launches(sim: SimProcesses, probe_app: SimApp) -> None:
    first = sim.launch(probe_app)
    first.node(text="Launches: 1 saved=no")
    first.tap_node(text="Save")
    first.tap_node(text="Location")
    first.tap_node(resource_id=f"{PERMISSION_CONTROLLER}:id/permission_allow_foreground_only_button")
    assert first.request("exit") == "bye"
    assert first.wait(5) == 0
    permissions = (sim.state / "permissions.properties").read_text(encoding="utf-8")
    assert "android.permission.ACCESS_FINE_LOCATION=granted" in permissions
    assert (sim.state / "shared_prefs" / "probe.properties").is_file()

    second = sim.launch(probe_app)
    second.node(text="Launches: 2 saved=yes")
    second.tap_node(text="Location")
    assert second.request("foreground") == PROBE_PACKAGE
    assert second.status().startswith("Location: ")


def test_sensor_injection_reaches_the_listener(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app)
    assert app.request("sensor", "1", "0.5", "9.81", "-1.25") == "delivered to 1 listener(s)"
    app.node(text="Accel: 0.5,9.81,-1.25")
    assert app.request("sensor", "4", "1", "2", "3") == "delivered to 0 listener(s)"


def test_screenshot_writes_a_png_of_the_screen(sim: SimProcesses, probe_app: SimApp, tmp_path: Path) -> None:
    app = sim.launch(probe_app)
    app.tap_node(text="Dialog")
    target = tmp_path / "shots" / "screen.png"
    assert app.request("screenshot", str(target)) == str(target)
    with Image.open(target) as image:
        assert image.format == "PNG"
        assert image.size == (1080, 2340)
        assert len(image.convert("L").getcolors(256) or []) > 2


def test_crash_on_launch_kills_the_process_with_status_1(sim: SimProcesses, crash_app: SimApp) -> None:
    app = sim.launch(crash_app, start=False)
    with pytest.raises(DeviceError):
        app.request("start")
    assert app.wait(5) == 1
    stderr = app.stderr.read_text(encoding="utf-8")
    assert "E/AndroidRuntime: FATAL EXCEPTION: main" in stderr
    assert "java.lang.IllegalStateException: boom on launch" in stderr


def test_exit_ends_the_process_with_status_0(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app)
    started = time.monotonic()
    assert app.request("exit") == "bye"
    assert app.wait(2) == 0
    assert time.monotonic() - started < 2


def test_busy_main_thread_still_answers_ping_foreground_and_exit(
    sim: SimProcesses, probe_app: SimApp
) -> None:
    app = sim.launch(probe_app)
    left, top, right, bottom = _bounds(app.node(text="Block"))
    with pytest.raises(DeviceError, match="main thread busy"):
        app.request("tap", str((left + right) // 2), str((top + bottom) // 2))
    assert app.request("ping") == "pong"
    assert app.request("foreground") == PROBE_PACKAGE
    started = time.monotonic()
    assert app.request("exit") == "bye"
    assert app.wait(3) == 0
    assert time.monotonic() - started < 2.5


def test_bad_commands_are_errors_not_crashes(sim: SimProcesses, probe_app: SimApp) -> None:
    app = sim.launch(probe_app)
    with pytest.raises(DeviceError, match="unknown command: fly"):
        app.request("fly")
    with pytest.raises(DeviceError, match="X is not an integer"):
        app.request("tap", "left", "3")
    with pytest.raises(DeviceError, match="usage: sensor"):
        app.request("sensor", "1")
    assert app.request("ping") == "pong"


def test_data_sources_return_profile_values_behind_their_permissions(
    sim: SimProcesses, probe_app: SimApp
) -> None:
    profile = DEFAULT_PROFILE
    app = sim.launch(probe_app)
    app.tap_node(text="Data")
    assert app.status() == (
        f"android_id={profile.android_id};mac={profile.mac_address};ssid=<unknown ssid>"
        f";bssid=02:00:00:00:00:00;clip={profile.clipboard};model={profile.model};serial=unknown"
        f";getSerial=getSerial: {NOT_ELIGIBLE};sdk=34"
        f";packages={len(profile.installed_packages) + 1};last={PROBE_PACKAGE}"
    )
    app.request("grant", "android.permission.ACCESS_FINE_LOCATION")
    app.request("grant", "android.permission.READ_PHONE_STATE")
    app.tap_node(text="Data")
    assert f';ssid="{profile.ssid}";bssid={profile.bssid};' in app.status()
    assert ";getSerial=getSerial: The uid 10123 does not meet" in app.status()  # API 29+: never the serial

    app.tap_node(text="Contacts")
    assert app.status() == "Contacts: SecurityException: query: requires android.permission.READ_CONTACTS"
    app.request("grant", "android.permission.READ_CONTACTS")
    app.tap_node(text="Contacts")
    expected = " ".join(f"{contact.name}={contact.number}" for contact in profile.contacts)
    assert app.status() == f"Contacts: {expected}"
