"""A run of an APK that ships Flutter engines: the scan's located TLS functions reach the agent,
and the run's coverage (manifest and report) says what became of each library. On the sim the
app never loads libflutter.so, so the located library is reported "not loaded", never as hooked;
a 32-bit one is "not located". The hooked case is tests/test_flutter_tls.py (a real engine)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from harness.api import render_run
from harness.session import RunConfig, run_app
from harness.sim.device import SimDevice
from tests.fixtures.apk.support import EXAMPLES, build_app_apk, need, need_apk_tools
from tests.fixtures.flutter_engines import flutter_engine

ARMV7 = b"\x7fELF\x01\x01" + bytes(58) + b"../../flutter/third_party/boringssl/src/ssl/ssl_lib.cc\x00"


def test_the_run_hands_the_offsets_over_and_reports_each_library(tmp_path: Path) -> None:
    need_apk_tools()
    need(shutil.which("enjarify") is not None, "enjarify missing (scripts/setup.sh installs it)")
    apk = build_app_apk(EXAMPLES / "clean_notes", tmp_path / "app.apk")
    with zipfile.ZipFile(apk, "a") as archive:
        archive.write(flutter_engine("flet-desktop", "0.28.3", "x64"), "lib/x86_64/libflutter.so")
        archive.writestr("lib/armeabi-v7a/libflutter.so", ARMV7)
    device = SimDevice()
    try:
        config = RunConfig(
            app=apk, out=tmp_path / "run", scenarios=("first_launch",), duration_s=2.0, capture=False
        )
        result = run_app(config, device)
    finally:
        device.close()
    assert result.error is None, result.error
    coverage = json.loads((result.run_dir / "manifest.json").read_text())["coverage"]
    assert coverage["agent_errors"] == []  # the agent took the config (and watches for the library)
    states = {entry["library"]: (entry["state"], entry["detail"]) for entry in coverage["native_tls"]}
    assert states["lib/x86_64/libflutter.so"] == (
        "not loaded",
        "SSL_write at +0xa27b20, SSL_read at +0xa27770; no app process of its ABI loaded it",
    )
    assert states["lib/armeabi-v7a/libflutter.so"][0] == "not located"
    assert not any("libflutter" in hook for hook in coverage["hooks_installed"])
    page = render_run(result.run_dir).read_text()
    assert "Static TLS libraries" in page and "not loaded: SSL_write at +0xa27b20" in page
