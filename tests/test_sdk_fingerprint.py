"""Obfuscated SDKs named by the strings their code carries and the domains they send to
(harness/sdk_fingerprint.py, harness/data/sdk_signatures.json): cases that must name the SDK and
cases that must leave the unknown root as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.records import HookEvent
from harness.sdk_fingerprint import (
    RootAttribution,
    attributions_for_run,
    fingerprint_code,
    fingerprint_traffic,
    reattribute,
    reattribute_run,
)

APP = "com.ppdemo.obf"
UMENG = ["UMENG_APPKEY", "UMENG_CHANNEL", "https://ulogs.umeng.com/unify_logs"]


def classes(**by_class: list[str]) -> list[tuple[str, list[str]]]:
    return [(name.replace("__", "."), strings) for name, strings in by_class.items()]


def test_a_minified_root_carrying_two_fingerprint_strings_is_that_sdk() -> None:
    found = fingerprint_code(classes(a__a__b=["init", UMENG[0]], a__a__c=[UMENG[2], "POST"]), APP)
    assert found == (RootAttribution("a.a", "com.umeng", "strings", (UMENG[0], UMENG[2])),)


@pytest.mark.parametrize(
    "strings",
    [
        # one fingerprint string is a coincidence, not an SDK
        ["UMENG_APPKEY", "hello"],
        # strings that merely contain or resemble fingerprints
        ["UMENG_APPKEY_BACKUP", "https://ulogs.umeng.com/unify_logs?debug=1", "UMLog ", "umlog"],
        # a tie between two SDKs names neither
        ["UMENG_APPKEY", "UMENG_CHANNEL", "JPUSH_APPKEY", "JPUSH_CHANNEL"],
    ],
)
def test_weak_resembling_or_ambiguous_strings_name_nobody(strings: list[str]) -> None:
    assert fingerprint_code(classes(a__a__b=strings), APP) == ()


def test_only_unknown_minified_roots_are_fingerprinted() -> None:
    # the app's own minified code stays the app's; a known SDK prefix is already named; readable
    # class names are not minified roots
    found = fingerprint_code(
        classes(
            com__ppdemo__obf__a__b=UMENG,
            com__ppdemo__common__a=UMENG,
            cn__jpush__android__a__b=UMENG,
            net__shady__Collector=UMENG,
        ),
        APP,
    )
    assert found == ()


def plaintext(sdk: str | None, host: str, api: str = "javax.net.ssl.SSLSocket.write") -> HookEvent:
    value = json.dumps({"connection": "1:2", "direction": "sent", "peer_host": host, "data": ""})
    return HookEvent(ts=1.0, api=api, kind="plaintext", data_type=None, value=value, sdk=sdk, stack=[])


def read(sdk: str | None) -> HookEvent:
    return HookEvent(
        ts=0.5,
        api="android.net.wifi.WifiInfo.getMacAddress",
        kind="data",
        data_type="mac_address",
        value="02:00:00:00:00:00",
        sdk=sdk,
        stack=[],
    )


def test_a_minified_root_sending_only_to_one_sdks_domains_is_that_sdk() -> None:
    events = [plaintext("com.x", "sdk.open.phone.igexin.com"), plaintext("com.x", "c.igexin.com")]
    assert fingerprint_traffic(events) == (
        RootAttribution("com.x", "com.igexin", "domains", ("sdk.open.phone.igexin.com", "c.igexin.com")),
    )


@pytest.mark.parametrize(
    "events",
    [
        # a host that only looks like the SDK's domain
        [plaintext("com.x", "igexin.com.example.org")],
        [plaintext("com.x", "notigexin.com")],
        # sending to two vendors' domains, or to an unknown host as well: not one SDK
        [plaintext("com.x", "c.igexin.com"), plaintext("com.x", "alog.umeng.com")],
        [plaintext("com.x", "c.igexin.com"), plaintext("com.x", "api.notes.example")],
        # what the root received is not where it sends; readable library names are not roots
        [plaintext("com.x", "c.igexin.com", api="javax.net.ssl.SSLSocket.read")],
        [plaintext("net.shady.tracker", "c.igexin.com")],
        # the app's own code (sdk None) is never an SDK
        [plaintext(None, "c.igexin.com")],
    ],
)
def test_hosts_that_do_not_single_out_one_sdk_name_nobody(events: list[HookEvent]) -> None:
    assert fingerprint_traffic(events) == ()


def test_strings_win_over_domains_and_only_named_roots_change() -> None:
    scan = {"sdk_fingerprints": [{"root": "a.a", "sdk": "com.umeng", "by": "strings", "evidence": UMENG}]}
    events = [
        read("a.a"),
        plaintext("a.a", "c.igexin.com"),
        read("com.x"),
        plaintext("com.x", "c.igexin.com"),
    ]
    events += [read("e.f"), read(None)]
    attributions = attributions_for_run(events, scan)
    assert [(a.root, a.sdk, a.by) for a in attributions] == [
        ("a.a", "com.umeng", "strings"),
        ("com.x", "com.igexin", "domains"),
    ]
    sdks = [e.sdk for e in reattribute(events, attributions)]
    assert sdks == ["com.umeng", "com.umeng", "com.igexin", "com.igexin", "e.f", None]


@pytest.mark.parametrize("scan", ["not json", '{"sdk_fingerprints": [1, {"root": 2}]}', None])
def test_a_missing_or_malformed_scan_changes_nothing(tmp_path: Path, scan: str | None) -> None:
    if scan is not None:
        (tmp_path / "scan.json").write_text(scan, encoding="utf-8")
    assert [e.sdk for e in reattribute_run(tmp_path, [read("a.a")])] == ["a.a"]
