"""The reports in a real browser: headless Chromium driven over the DevTools protocol.

Chromium talks DevTools on a pipe (`--remote-debugging-pipe`: it reads commands on fd 3 and
writes replies on fd 4, NUL-separated JSON), so no port and no extra library is needed. Each
page load collects console messages, uncaught exceptions, log entries (CSP violations land
there) and every network request. Screenshots are saved under test-artifacts/ for a human to
look at. Skipped with the reason when chromium is not installed (CI installs it).
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from reports.render import render_catalog

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "reports"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TIMEOUT_S = 30.0
COMMAND_FD, REPLY_FD = 3, 4

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (run scripts/install-chromium.sh; CI installs it)",
)


@dataclass
class PageLoad:
    title: str
    problems: list[str] = field(default_factory=list)  # console errors, exceptions, CSP reports
    requests: list[str] = field(default_factory=list)  # URLs the page asked for


class Chromium:
    """One headless Chromium with a DevTools session over its pipe."""

    def __init__(self, profile_dir: Path) -> None:
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def wire_pipes() -> None:  # in the child: the protocol wants exactly fds 3 and 4
            read_end, write_end = os.dup(commands_read), os.dup(replies_write)
            os.dup2(read_end, COMMAND_FD)
            os.dup2(write_end, REPLY_FD)

        assert CHROMIUM is not None
        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                f"--user-data-dir={profile_dir}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            pass_fds=(COMMAND_FD, REPLY_FD),
            preexec_fn=wire_pipes,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(replies_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self._replies], [], [], remaining)
            if ready:
                chunk = os.read(self._replies, 1 << 20)
                if not chunk:
                    raise EOFError("chromium closed its DevTools pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        self._next_id += 1
        request: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            request["sessionId"] = session
        os.write(self._commands, json.dumps(request).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            message = self._read_message(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, session: str) -> None:
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            message = self._read_message(deadline)
            self.events.append(message)
            if message.get("method") == method and message.get("sessionId") == session:
                return

    def close(self) -> None:
        try:
            self.call("Browser.close")
            self.process.wait(timeout=10)
        except (TimeoutError, EOFError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(timeout=10)
        finally:
            os.close(self._commands)
            os.close(self._replies)

    def load(self, page: Path, screenshot: Path) -> tuple[PageLoad, str]:
        """Open a file in a new tab, wait for it to settle, screenshot it; returns the load and
        the session id for further evaluation."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=session)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
            session,
        )
        self.events.clear()
        self.call("Page.navigate", {"url": page.resolve().as_uri()}, session)
        self.wait_for("Page.loadEventFired", session)
        self.evaluate(session, "new Promise(done => setTimeout(done, 300))", await_promise=True)
        loaded = PageLoad(title=self.evaluate(session, "document.title"))
        for message in self.events:
            if message.get("sessionId") != session:
                continue
            params = message.get("params", {})
            if message.get("method") == "Runtime.consoleAPICalled" and params.get("type") in (
                "error",
                "warning",
                "assert",
            ):
                loaded.problems.append(f"console.{params['type']}: {params.get('args')}")
            elif message.get("method") == "Runtime.exceptionThrown":
                loaded.problems.append(f"exception: {params.get('exceptionDetails')}")
            elif message.get("method") == "Log.entryAdded" and params["entry"]["level"] in (
                "error",
                "warning",
            ):
                loaded.problems.append(f"log {params['entry']['level']}: {params['entry'].get('text')}")
            elif message.get("method") == "Network.requestWillBeSent":
                loaded.requests.append(params["request"]["url"])
        shot = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        return loaded, session

    def evaluate(self, session: str, expression: str, *, await_promise: bool = False) -> Any:
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": await_promise},
            session,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    with tempfile.TemporaryDirectory(prefix="pp-chromium-") as profile:
        chromium = Chromium(Path(profile))
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    for name in ("leaky_hostile", "clean", "broken", "unanalysed"):
        shutil.copytree(FIXTURES / name, out / name)
    render_catalog(out)
    return out


HOSTILE_LABEL = 'Weather <script>document.title="pwned"</script> 天气[U+202E]evil[U+0000]'
PAGE_FACTS = """[
  document.querySelectorAll('script').length,
  document.querySelectorAll('iframe, object, embed, form').length,
  Array.from(document.querySelectorAll('*'))
    .filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
  document.querySelectorAll('svg.timeline rect.tl-mark').length,
  document.getElementById('health').textContent,
]"""
VISIBLE_STATUSES = """
Array.from(document.querySelectorAll('#verdict-table tbody tr')).map(row => [
  row.querySelector('.rule-id').textContent,
  row.querySelector('.status').textContent,
  row.offsetParent !== null && row.getBoundingClientRect().height > 0,
])
"""


def _clean_load(loaded: PageLoad) -> None:
    assert loaded.problems == []
    assert all(url.startswith(("file:", "data:")) for url in loaded.requests), loaded.requests


def test_hostile_run_report_in_chromium(browser: Chromium, rendered: Path) -> None:
    loaded, session = browser.load(
        rendered / "leaky_hostile" / "report.html", ARTIFACTS / "report-leaky_hostile.png"
    )
    _clean_load(loaded)
    assert loaded.title == f"privacy-probe report: {HOSTILE_LABEL} (com.ppdemo.leaky)"
    rows = {rule: (status, visible) for rule, status, visible in browser.evaluate(session, VISIBLE_STATUSES)}
    assert rows["pi_access_before_consent"] == ("FAIL", True)
    assert rows["pi_transmitted_before_consent"] == ("FAIL", True)
    assert rows["consent_not_explicit"] == ("PASS", True)
    assert rows["shake_redirect_too_sensitive"] == ("NOT TESTED", True)
    injected = browser.evaluate(session, PAGE_FACTS)
    assert injected == [1, 0, 0, injected[3], "run incomplete"]
    assert injected[3] > 10, "the timeline drew no marks"


def test_status_filter_hides_rows(browser: Chromium, rendered: Path) -> None:
    loaded, session = browser.load(
        rendered / "leaky_hostile" / "report.html", ARTIFACTS / "report-leaky_hostile-filtered.png"
    )
    _clean_load(loaded)
    browser.evaluate(session, "document.querySelector('input[data-status-filter][value=pass]').click()")
    rows = {rule: visible for rule, _, visible in browser.evaluate(session, VISIBLE_STATUSES)}
    assert rows["consent_not_explicit"] is False
    assert rows["pi_access_before_consent"] is True


def test_broken_run_report_looks_broken(browser: Chromium, rendered: Path) -> None:
    loaded, session = browser.load(rendered / "broken" / "report.html", ARTIFACTS / "report-broken.png")
    _clean_load(loaded)
    assert loaded.title == "privacy-probe report: Broken App (com.ppdemo.broken)"
    banner = browser.evaluate(session, "document.getElementById('problems').innerText")
    assert "The run failed: device went away" in banner
    assert "2 hooks failed to install" in banner
    assert browser.evaluate(session, "document.getElementById('health').textContent") == "run failed"


def test_catalog_in_chromium_sorts(browser: Chromium, rendered: Path) -> None:
    loaded, session = browser.load(rendered / "index.html", ARTIFACTS / "catalog.png")
    _clean_load(loaded)
    assert loaded.title == "privacy-probe catalog: 4 apps"
    first_apps = "Array.from(document.querySelectorAll('#matrix tbody tr')).map(r => r.cells[0].dataset.sort)"
    before = browser.evaluate(session, first_apps)
    browser.evaluate(session, "document.querySelector('#matrix thead th:nth-child(3) button').click()")
    browser.evaluate(session, "document.querySelector('#matrix thead th:nth-child(3) button').click()")
    after = browser.evaluate(session, first_apps)
    assert sorted(before) == sorted(after)
    assert (
        after[0] == 'Weather <script>document.title="pwned"</script> 天气[U+202E]evil[U+0000]'
    )  # the most fails
    browser.evaluate(
        session,
        "const box = document.querySelector('input[data-filter=matrix]');"
        " box.value = 'notes'; box.dispatchEvent(new Event('input'))",
    )
    shown = browser.evaluate(
        session, "Array.from(document.querySelectorAll('#matrix tbody tr')).filter(r => !r.hidden).length"
    )
    assert shown == 1


def test_demo_end_to_end_writes_a_catalog_that_opens_clean(browser: Chromium, tmp_path: Path) -> None:
    """`privacy-probe demo` on the sim: the bundled apps run, and the catalog it points to opens."""
    out = tmp_path / "demo"
    command = [str(PROJECT_ROOT / ".venv" / "bin" / "privacy-probe"), "demo", "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr  # every example was tested (their fail verdicts are the demo)
    index = out.resolve() / "index.html"
    assert str(index) in done.stdout
    loaded, session = browser.load(index, ARTIFACTS / "demo-catalog.png")
    _clean_load(loaded)
    reports = browser.evaluate(session, "Array.from(document.querySelectorAll('#matrix a')).map(a => a.href)")
    catalog = (PROJECT_ROOT / "examples" / "catalog.csv").read_text(encoding="utf-8").splitlines()
    assert len(reports) == sum(1 for line in catalog if line and not line.startswith(("#", "app,")))
    leaky = next(Path(unquote(urlsplit(href).path)) for href in reports if "leaky" in href)
    loaded, session = browser.load(leaky, ARTIFACTS / "demo-leaky.png")
    _clean_load(loaded)
    rows = {rule: (status, visible) for rule, status, visible in browser.evaluate(session, VISIBLE_STATUSES)}
    assert rows["pi_access_before_consent"] == ("FAIL", True)
    assert rows["pi_transmitted_before_consent"] == ("FAIL", True)
