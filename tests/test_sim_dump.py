"""The sim's UI dump is what `uiautomator dump` prints on a device (frameworks/base/cmds/
uiautomator: DumpCommand.java and AccessibilityNodeInfoDumper.java)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.errors import DeviceError
from harness.sim.build import SimApp, build_app
from tests.test_sim_framework import FIXTURES, SimProcesses

PACKAGE = "com.privacyprobe.fixture.dump"


@pytest.fixture(scope="module")
def dump_app() -> SimApp:
    return build_app(FIXTURES / "dump_app")


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimProcesses]:
    processes = SimProcesses(tmp_path)
    yield processes
    processes.close()


def test_naf_index_and_characters_as_uiautomator_writes_them(sim: SimProcesses, dump_app: SimApp) -> None:
    app = sim.launch(dump_app)
    xml = app.request("dump", "50", "5000")
    # NAF="true" comes first, on a clickable node with no text or description of its own or below
    assert '<node NAF="true" index="2" text="" resource-id="" class="android.widget.ImageButton"' in xml
    assert xml.count('NAF="true"') == 1
    # the GONE first child is not written but still counts: the next sibling is index 1
    root = next(
        n for n in app.dump().iter("node") if any(c.get("class", "").endswith("ImageButton") for c in n)
    )
    assert [(n.get("index"), n.get("text")) for n in root][:2] == [
        ("1", "bell. nel\u0085 c1. nonchar. it's"),
        ("2", ""),
    ]
    # '.' for XML 1.1 discouraged characters; an apostrophe is written as is inside "…"
    assert "bell. nel\u0085 c1. nonchar. it's" in xml


def test_a_plain_popup_is_not_in_the_dump_a_focusable_one_is(sim: SimProcesses, dump_app: SimApp) -> None:
    app = sim.launch(dump_app)
    app.tap_node(text="Popup")
    texts = {n.get("text") for n in app.dump().iter("node")}
    # PopupWindow is FLAG_NOT_FOCUSABLE by default: the activity under it has the focus
    assert "Plain ad" not in texts and "Animate" in texts
    app.tap_node(text="Focusable popup")
    texts = {n.get("text") for n in app.dump().iter("node")}
    assert "Focusable ad" in texts and "Animate" not in texts


def test_a_screen_that_never_settles_cannot_be_dumped(sim: SimProcesses, dump_app: SimApp) -> None:
    app = sim.launch(dump_app)
    app.tap_node(text="Animate")
    with pytest.raises(DeviceError, match=r"ERROR: could not get idle state\."):
        app.request("dump", "200", "1000")
    assert app.request("ping") == "pong"
