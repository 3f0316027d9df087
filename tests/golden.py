"""The demo catalog's run folders, recorded once, analysed and rendered again by today's code.

`tests/fixtures/golden/runs.tar.xz` holds the records of the twelve example apps of
examples/catalog.csv as the sim recorded them (manifest, profile, events, steps, flows, scan,
UI dumps; no screenshots or raw captures). `expected/APP.json` is what analysis and the report
made of them when they were recorded: findings.json, the report's visible text and its CSV.

A refactor must leave them unchanged: every field of the expected findings must be there with the
same value (new fields may appear), and the report's text and CSV must match line for line. A
deliberate change of output is recorded with `python tests/golden.py --update` and explained in
its commit.
"""

from __future__ import annotations

import json
import re
import sys
import tarfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
ARCHIVE = GOLDEN / "runs.tar.xz"
EXPECTED = GOLDEN / "expected"
# the report's generation time and tool version change from one rendering to the next
VOLATILE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)? UTC by privacy-probe \S+")


def unpack(into: Path) -> dict[str, Path]:
    """The recorded run folders under `into`, by app name."""
    with tarfile.open(ARCHIVE) as archive:
        archive.extractall(into, filter="data")
    return {path.name: path for path in sorted(into.iterdir()) if (path / "manifest.json").is_file()}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._skip:
            self.lines.append(VOLATILE.sub("<generated>", text))


def report_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.lines


def observe(run_dir: Path) -> dict[str, Any]:
    """Analyse and render `run_dir` with today's code: what the golden files record."""
    from harness.analysis import analyze_run
    from reports import render_run

    findings = analyze_run(run_dir)
    report = render_run(run_dir)
    return {
        "findings": json.loads(json.dumps(findings.to_json())),
        "report_text": report_text(report.read_text(encoding="utf-8")),
        "csv": (run_dir / "findings.csv").read_text(encoding="utf-8").splitlines(),
    }


def differences(expected: Any, actual: Any, where: str = "") -> list[str]:
    """Where `actual` departs from `expected`; keys only `actual` has are not differences."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where or '/'}: expected an object, got {type(actual).__name__}"]
        found: list[str] = []
        for key, value in expected.items():
            if key not in actual:
                found.append(f"{where}/{key}: missing")
            else:
                found += differences(value, actual[key], f"{where}/{key}")
        return found
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            size = len(actual) if isinstance(actual, list) else type(actual).__name__
            return [f"{where}: expected {len(expected)} items, got {size}"]
        return [
            d
            for index, pair in enumerate(zip(expected, actual, strict=True))
            for d in differences(*pair, f"{where}[{index}]")
        ]
    return [] if expected == actual else [f"{where}: expected {expected!r}, got {actual!r}"]


def update() -> None:
    import tempfile

    EXPECTED.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, run_dir in unpack(Path(tmp)).items():
            observed = observe(run_dir)
            text = json.dumps(observed, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            (EXPECTED / f"{name}.json").write_text(text, encoding="utf-8")
            print(
                f"{name}: {sum(v['status'] == 'fail' for v in observed['findings']['verdicts'])} failed rules"
            )


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/golden.py --update")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    update()
