"""The HTML reports rendered from fixture run folders full of hostile content.

Every check parses the page the way a browser's tokenizer would (html.parser) and looks for
anything that could run or fetch: a script other than ours, an event-handler attribute, a
URL-bearing attribute pointing anywhere but a data: image or a relative raw file, an
element that embeds or submits.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from harness.errors import InputError
from reports.render import render_catalog, render_run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"
STATIC = resources.files("reports").joinpath("static")
HOSTILE_LABEL_ESCAPED = (
    "Weather &lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt; 天气[U+202E]evil[U+0000]"
)
FORBIDDEN_TAGS = {
    "iframe",
    "object",
    "embed",
    "form",
    "base",
    "frame",
    "frameset",
    "applet",
    "video",
    "audio",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}


class PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in ("script", "style") else None
        if tag == "script":
            self.scripts.append("")
        elif tag == "style":
            self.styles.append("")

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open == "script":
            self.scripts[-1] += data
        elif self._open == "style":
            self.styles[-1] += data


def scan(page: Path) -> tuple[str, PageScan]:
    raw = page.read_bytes()
    text = raw.decode("utf-8")  # strict: the page must be valid UTF-8
    parser = PageScan()
    parser.feed(text)
    parser.close()
    return text, parser


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def assert_inert(page: Path) -> str:
    text, parsed = scan(page)
    assert "\x00" not in text and "\u202e" not in text
    assert parsed.scripts == [STATIC.joinpath("report.js").read_text(encoding="utf-8")]
    assert parsed.styles == [STATIC.joinpath("report.css").read_text(encoding="utf-8")]
    tags = [tag for tag, _ in parsed.tags]
    assert not FORBIDDEN_TAGS & set(tags)
    metas = [attrs for tag, attrs in parsed.tags if tag == "meta"]
    assert metas[0] == {"charset": "utf-8"}
    policy = metas[1]
    assert policy["http-equiv"] == "Content-Security-Policy"
    csp = policy["content"] or ""
    assert "default-src 'none'" in csp and "base-uri 'none'" in csp and "form-action 'none'" in csp
    assert f"script-src {sha256(parsed.scripts[0])};" in csp
    assert f"style-src {sha256(parsed.styles[0])};" in csp
    assert not any((m.get("http-equiv") or "").lower() == "refresh" for m in metas)
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert name != "style", (tag, value)
            if name in URL_ATTRIBUTES:
                target = value or ""
                if tag == "img":
                    assert target.startswith("data:image/png;base64,"), target[:80]
                elif tag == "link":
                    assert target == "data:,"
                else:
                    assert target.startswith(("#", "./")) or ("/" not in target and ":" not in target), target
    return text


def _missing_verdicts(run: Path) -> int:
    from harness.detect.engine import load_rules

    verdicts = json.loads((run / "findings.json").read_text(encoding="utf-8"))["verdicts"]
    return len(load_rules()) - len(verdicts)


@pytest.fixture
def runs(tmp_path: Path) -> Path:
    for name in ("leaky_hostile", "clean", "broken", "unanalysed"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    return tmp_path


def test_hostile_run_renders_inert(runs: Path) -> None:
    page = render_run(runs / "leaky_hostile")
    text = assert_inert(page)
    assert f"<title>privacy-probe report: {HOSTILE_LABEL_ESCAPED} (com.ppdemo.leaky)</title>" in text
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in text  # a flow body
    assert "&lt;svg onload=alert(1)&gt;" not in text  # headers are not shown unless they hold the value
    assert "&lt;img src=x onerror=alert(3)&gt;" in text  # an event value
    assert "java.lang.SecurityException: &lt;b&gt;denied&lt;/b&gt;" in text


def test_hostile_screenshots_are_refused_with_a_reason(runs: Path) -> None:
    text = assert_inert(render_run(runs / "leaky_hostile"))
    assert "is outside the run&#39;s ui/ folder" in text  # ../../../../etc/passwd
    assert (
        "ui/0003-evil.png is not a readable image (UnidentifiedImageError)" in text
    )  # an SVG with script, named .png
    assert text.count('src="data:image/png;base64,') == 2  # the two real screenshots, re-encoded


def test_matched_value_is_marked_with_its_chain(runs: Path) -> None:
    text = render_run(runs / "leaky_hostile").read_text(encoding="utf-8")
    imei_b64 = base64.b64encode(b"864231057719348").decode()
    assert f"<mark>{imei_b64}</mark>" in text
    assert (
        '<span class="step">json</span><span class="arrow">→</span><span class="step">base64</span>' in text
    )
    assert "<mark>9c4f2b7e1a38d650</mark>" in text
    assert '<li class="sdk-frame">com.umeng.commonsdk.statistics.DeviceInfo.getImei</li>' in text
    assert "<li>com.ppdemo.leaky.WeatherApp.onCreate</li>" in text


def test_every_verdict_is_in_the_table(runs: Path) -> None:
    text = render_run(runs / "leaky_hostile").read_text(encoding="utf-8")
    findings = json.loads((runs / "leaky_hostile" / "findings.json").read_text(encoding="utf-8"))
    for verdict in findings["verdicts"]:
        assert f'<span class="rule-id">{verdict["rule"]}</span>' in text
    assert text.count('<tr data-status="fail"') == 4
    assert text.count('<tr data-status="not_tested"') == sum(
        v["status"] == "not_tested" for v in findings["verdicts"]
    )
    assert "三.1" in text and "6(1)(a)" in text


def test_broken_run_cannot_look_clean(runs: Path) -> None:
    text = assert_inert(render_run(runs / "broken"))
    assert 'id="health">run failed<' in text
    assert "Coverage complete" not in text
    for expected in (
        "The run failed: device went away: adb: device offline",
        "2 hooks failed to install",
        "The Frida agent reported 1 error.",
        "1 connection could not be decrypted",
        "Scenario first_launch did not run cleanly",
        "Scenario deny_permissions did not run cleanly: skipped: an earlier stage failed",
        "Detector pi_transmitted_before_consent crashed",
        f"findings.json has no verdict for {_missing_verdicts(runs / 'broken')} rules",
        "events.jsonl: 1 record, 1 unreadable line (skipped).",
        "Capture: mitmdump exited with status 1 before the run ended",
        "Stage scenario:first_launch failed: device went away",
        "overload not found &lt;script&gt;alert(8)&lt;/script&gt;",
    ):
        assert expected in text, expected


def test_unanalysed_run_says_so(runs: Path) -> None:
    text = assert_inert(render_run(runs / "unanalysed"))
    assert 'id="health">run failed<' in text
    assert "Not analysed: there is no findings.json" in text
    assert "The run never finished (status &#39;running&#39;)" in text
    assert "No hooks were installed" in text
    assert "unknown (the run did not record its end)" in text


def test_clean_run_is_complete(runs: Path) -> None:
    text = assert_inert(render_run(runs / "clean"))
    assert 'id="health">run complete<' in text
    assert "Coverage complete" in text
    assert "Run problems" not in text


def test_catalog_lists_every_run_and_links_reports(runs: Path) -> None:
    shutil.copytree(FIXTURES / "garbled", runs / "garbled")
    text = assert_inert(render_catalog(runs))
    for name in ("leaky_hostile", "clean", "broken", "unanalysed"):
        assert f'href="./{name}/report.html"' in text
        assert (runs / name / "report.html").is_file()
    assert "garbled/findings.json: not valid JSON" in text
    assert "Umeng (友盟)" in text and "umeng.com" in text  # the SDK leaderboard
    assert "Tencent Bugly" in text or "com.tencent.bugly" in text
    assert "<title>privacy-probe catalog: 5 apps</title>" in text


def test_catalog_skips_runs_replaced_by_a_newer_one(runs: Path) -> None:
    shutil.copytree(FIXTURES / "clean", runs / "clean.20251122-101500.ab12")
    text = render_catalog(runs).read_text(encoding="utf-8")
    assert "clean.20251122-101500.ab12" not in text
    assert "<title>privacy-probe catalog: 4 apps</title>" in text


def test_megabytes_of_hostile_data_stay_bounded(runs: Path) -> None:
    run = runs / "leaky_hostile"
    flows = [json.loads(line) for line in (run / "flows.jsonl").read_text(encoding="utf-8").splitlines()]
    padding = "<script>alert('big')</script>" * 200_000  # ~6 MB before the value
    flows[0]["request_body"] = padding + flows[0]["request_body"]
    (run / "flows.jsonl").write_text("".join(json.dumps(f) + "\n" for f in flows), encoding="utf-8")
    with (run / "events.jsonl").open("ab") as events:
        value = "<b>" + "A" * 3_000_000 + "</b>"
        events.write(
            json.dumps(
                {"seq": 26, "ts": 1763830009.0, "api": "x.Y.z", "data_type": "clipboard", "value": value}
            ).encode()
            + b"\n"
        )
        # invalid UTF-8 bytes, an escaped NUL and a broken two-byte sequence in one record
        events.write(b'{"seq": 27, "ts": 1763830009.1, "api": "x.Y.\xff\xfe\\u0000z", "value": "\xc3\x28"}\n')
        events.write(b"\x00\x00\x00 not json at all\n")
        for seq in range(28, 60_028):
            events.write(
                b'{"seq": %d, "ts": %f, "api": "a.B.c", "data_type": "sensor", "sdk": "com.umeng"}\n'
                % (seq, 1763830005.0 + seq / 20000)
            )
    findings = json.loads((run / "findings.json").read_text(encoding="utf-8"))
    findings["verdicts"][0]["evidence"].append({"kind": "event", "ref": "events.jsonl#26", "sdk": None})
    (run / "findings.json").write_text(json.dumps(findings), encoding="utf-8")

    page = render_run(run)
    text = assert_inert(page)
    assert page.stat().st_size < 1_500_000
    assert "more characters cut (full value in events.jsonl#26)" in text
    assert f"<mark>{base64.b64encode(b'864231057719348').decode()}</mark>" in text  # still found at 6 MB
    assert "events.jsonl: 60028 records, 1 unreadable line (skipped)." in text
    assert text.count('class="tl-mark') < 2000  # merged, not one shape per event


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: (p / "manifest.json").unlink(), "not a run folder (no manifest.json)"),
        (
            lambda p: (p / "findings.json").write_text("[1, 2]", encoding="utf-8"),
            "findings.json: expected a JSON object, got a list",
        ),
        (
            lambda p: (p / "findings.json").write_text('{"verdicts": {}}', encoding="utf-8"),
            "findings.json: verdicts: missing or not a list",
        ),
        (
            lambda p: (p / "findings.json").write_text(
                '{"verdicts": [{"rule": "x", "status": "<b>"}]}', encoding="utf-8"
            ),
            "verdicts[0].status: '<b>' ('x') is not one of fail, pass, inconclusive, not_tested",
        ),
        (lambda p: (p / "manifest.json").write_bytes(b"\xff{"), "manifest.json: not valid JSON"),
    ],
)
def test_bad_input_is_one_line_input_error(runs: Path, setup: object, message: str) -> None:
    run = runs / "clean"
    setup(run)  # type: ignore[operator]
    with pytest.raises(InputError) as raised:
        render_run(run)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_catalog_of_a_folder_without_runs_is_input_error(tmp_path: Path) -> None:
    (tmp_path / "not-a-run").mkdir()
    with pytest.raises(InputError, match="no run folders in it"):
        render_catalog(tmp_path)


def test_catalog_of_a_batch_follows_its_index(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "leaky_hostile", tmp_path / "weather")
    shutil.copytree(FIXTURES / "clean", tmp_path / "notes")
    citation = {
        "label": "违规收集个人信息",
        "result": "reproduced",
        "rules": [],
        "failed_rules": [],
        "reason": "",
    }
    app = {"line": 2, "app": "x", "category": "weather", "exit_code": None, "citations": []}
    index = {
        "schema": 1,
        "complete": False,
        "totals": {"apps": 4, "done": 2, "failed": 1, "pending": 1, "with_findings": 1},
        "triage": {"install_failed": 1},
        "citations": {"reproduced": 1, "not_reproduced": 0, "not_testable": 0, "reproduction_rate": 1.0},
        "apps": [
            {**app, "app_id": "notes", "name": "Notes", "status": "done", "run_dir": "notes"},
            {**app, "app_id": "weather", "status": "done", "run_dir": "weather", "citations": [citation]},
            {**app, "app_id": "broken-apk", "name": "Broken <APK>", "status": "failed",
             "triage": "install_failed", "detail": "INSTALL_PARSE_FAILED_NO_CERTIFICATES", "run_dir": None},
            {**app, "app_id": "later", "name": "Later", "status": "pending", "run_dir": "../../etc"},
        ],
    }  # fmt: skip
    (tmp_path / "batch.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    text = assert_inert(render_catalog(tmp_path))
    rows = text.split('class="app-row"')[1:]
    assert len(rows) == 4
    assert ">Clean Notes<" in rows[0] and ">Weather &lt;script&gt;" in rows[1]
    assert ">Broken &lt;APK&gt;<" in rows[2] and ">Later<" in rows[3]
    assert "违规收集个人信息: reproduced" in text
    assert "failed (install_failed): INSTALL_PARSE_FAILED_NO_CERTIFICATES" in text
    assert "pending: the batch has not run this app yet" in text
    assert "reproduction rate 100%" in text
    assert 'href="./weather/report.html"' in text


def test_a_manifest_without_its_start_says_so(runs: Path) -> None:
    run = runs / "clean"
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    del manifest["started"], manifest["status"]
    (run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    text = render_run(run).read_text(encoding="utf-8")
    assert "<dt>Run started</dt><dd>unknown</dd>" in text
    assert "<dt>Duration</dt><dd>unknown (the run did not record its end)</dd>" in text
    assert "The run never finished (status &#39;running&#39;)" in text
