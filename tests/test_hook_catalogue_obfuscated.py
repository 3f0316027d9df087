"""Obfuscated SDKs attributed end to end (examples/obfuscated_sdk): on the sim, the minified root
`a.a` is named Umeng by the strings its code carries, `com.x` Getui by the host it sends to, and the
app's own helper repackaged to `e.f`, whose strings only resemble Umeng's, stays the unknown
SDK "e.f"; the same string evidence is read from the dex of the example built as an APK. The
minified Umeng copy also takes the OAID through the MSA SDK's listener (a stand-in with the MSA
names, asking the sim's MIUI id provider): the delivery is recorded with the profile's canary."""

from __future__ import annotations

import json
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from harness.analysis import analyze_run
from harness.apk.dex import read_dex_tables
from harness.apk.dex_code import strings_by_class
from harness.apk.scan import scan_apk
from harness.detect.view import RunView
from harness.profile import DEFAULT_PROFILE
from harness.session import RunConfig, RunResult, run_app
from harness.sim.device import SimDevice
from tests.conftest import PROJECT_ROOT
from tests.fixtures.apk.support import build_app_apk

APP = PROJECT_ROOT / "examples" / "obfuscated_sdk"
UMENG_EVIDENCE = ["UMENG_APPKEY", "UMENG_CHANNEL", "UMLog", "https://ulogs.umeng.com/unify_logs"]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunResult]:
    device = SimDevice()
    try:
        config = RunConfig(
            app=APP,
            out=tmp_path_factory.mktemp("runs") / "obfuscated_sdk",
            scenarios=("first_launch",),
            duration_s=2.5,
        )
        yield run_app(config, device)
    finally:
        device.close()


def test_the_scan_names_the_root_whose_code_carries_umeng_strings(run: RunResult) -> None:
    scan = json.loads((run.run_dir / "scan.json").read_text(encoding="utf-8"))
    assert scan["sdk_fingerprints"] == [
        {"root": "a.a", "sdk": "com.umeng", "by": "strings", "evidence": UMENG_EVIDENCE}
    ]


def test_the_agent_groups_minified_code_by_its_root(run: RunResult) -> None:
    recorded = [json.loads(line) for line in (run.run_dir / "events.jsonl").read_text().splitlines()]
    reads = {(e["api"].rsplit(".", 1)[-1], e["sdk"]) for e in recorded if e["kind"] == "data"}
    assert {("getString", "a.a"), ("getMacAddress", "com.x"), ("getString", "e.f")} <= reads


def test_analysis_names_obfuscated_sdks_by_strings_and_domains(run: RunResult) -> None:
    view = RunView.load(run.run_dir)
    reads = {(e.api.rsplit(".", 1)[-1], e.sdk) for e in view.events if e.kind == "data"}
    assert ("getMacAddress", "com.igexin") in reads  # by the host it sent to
    assert ("getConnectionInfo", "com.igexin") in reads
    # one getString by the Umeng copy (strings), one by the app's helper (no fingerprint)
    assert {sdk for api, sdk in reads if api == "getString"} == {"com.umeng", "e.f"}
    assert not any(sdk in ("a.a", "com.x", None) for _, sdk in reads)


def test_findings_blame_the_named_sdks_never_the_app(run: RunResult) -> None:
    findings = analyze_run(run.run_dir)
    sdks = {t.sdk for t in findings.transmissions}
    assert sdks == {"com.umeng", "com.igexin"}


ON_SUPPORT = "com.bun.miitmdid.interfaces.IIdentifierListener.OnSupport"


def test_the_oaid_handed_to_an_msa_listener_is_recorded_for_the_listeners_owner(run: RunResult) -> None:
    recorded = [json.loads(line) for line in (run.run_dir / "events.jsonl").read_text().splitlines()]
    ids = [e for e in recorded if e["data_type"] == "advertising_id"]
    # the request (InitSdk, by the minified SDK) and the delivery to its listener a.a.d
    assert [(e["api"], e["sdk"]) for e in ids] == [
        ("com.bun.miitmdid.core.MdidSdkHelper.InitSdk", "a.a"),
        (ON_SUPPORT, "a.a"),
    ]
    delivery = ids[1]
    assert delivery["value"] == DEFAULT_PROFILE.oaid and delivery["impl"] == "a.a.d"
    assert delivery["stack"] == ["a.a.d.OnSupport"]
    # the app's own e.f.b.getOAID is no MSA supplier: nothing recorded for it
    assert not any("e.f" in e["api"] or e["sdk"] == "e.f" for e in ids)


def test_the_oaid_sent_is_a_transmission_by_the_named_sdk(run: RunResult) -> None:
    findings = analyze_run(run.run_dir).to_json()
    [sent] = [t for t in findings["transmissions"] if t["canary"] == "oaid"]
    assert (sent["data_type"], sent["sdk"], sent["host"]) == (
        "advertising_id",
        "com.umeng",
        "ulogs.umeng.com",
    )
    assert [c["api"] for c in sent["collected_by"]] == [ON_SUPPORT]


@pytest.fixture(scope="module")
def run_without_oaid(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunResult]:
    """The same app on a device whose id provider has no OAID (the MSA SDK reports "unsupported")."""
    device = SimDevice()
    try:
        config = RunConfig(
            app=APP,
            out=tmp_path_factory.mktemp("runs") / "no_oaid",
            scenarios=("first_launch",),
            duration_s=1.5,
            profile=replace(DEFAULT_PROFILE, oaid=""),
            capture=False,
        )
        yield run_app(config, device)
    finally:
        device.close()


def test_an_unsupported_device_hands_over_no_oaid(run_without_oaid: RunResult) -> None:
    assert run_without_oaid.status == "ok", run_without_oaid.error
    recorded = [
        json.loads(line) for line in (run_without_oaid.run_dir / "events.jsonl").read_text().splitlines()
    ]
    ids = [(e["api"], e["value"]) for e in recorded if e["data_type"] == "advertising_id"]
    assert ids == [("com.bun.miitmdid.core.MdidSdkHelper.InitSdk", "1008614")]


@pytest.fixture(scope="module")
def apk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_app_apk(APP, tmp_path_factory.mktemp("apk") / "obfuscated_sdk.apk")


def test_the_dex_gives_each_class_its_own_strings(apk: Path) -> None:
    data = zipfile.ZipFile(apk).read("classes.dex")
    by_class = dict(strings_by_class(data, read_dex_tables(data)))
    assert "UMENG_APPKEY" in by_class["a.a.b"]
    assert "UMENG_APPKEY" not in by_class["e.f.a"]  # only "UMENG_APPKEY_BACKUP https://…"
    assert "UMLog " in by_class["e.f.a"] and "igexin" in by_class["com.x.y.a"]
    assert scan_apk(apk).to_json()["sdk_fingerprints"] == [
        {"root": "a.a", "sdk": "com.umeng", "by": "strings", "evidence": UMENG_EVIDENCE}
    ]


def test_a_hostile_dex_skips_its_broken_classes(apk: Path) -> None:
    data = bytearray(zipfile.ZipFile(apk).read("classes.dex"))
    tables = read_dex_tables(bytes(data))
    count, offset = struct.unpack_from("<II", data, 0x60)
    assert len(strings_by_class(bytes(data), tables)) == count
    struct.pack_into("<I", data, offset + 24, len(data) + 7)  # a class_data_item past the end
    assert len(strings_by_class(bytes(data), tables)) == count - 1
    struct.pack_into("<II", data, 0x60, 0xFFFFFFF, offset)  # a class_defs table larger than the file
    assert strings_by_class(bytes(data), tables) == []
