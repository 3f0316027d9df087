"""Declared vs observed, the store-listing rule, and the static code facts: cases that must fire
and cases that must not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from harness.apk.code import code_facts, privacy_policy_link
from harness.apk.manifest import protection_level_name
from harness.detect.declared_observed import declared_vs_observed, sdk_mentioned
from harness.detect.engine import evaluate, registered_detectors
from harness.detect.store_listing import read_listing
from harness.detect.user_inputs import load_user_inputs
from harness.detect.view import RunView
from harness.errors import InputError
from harness.records import HookEvent

PERMISSIONS = [
    {"name": "android.permission.INTERNET", "protection_level": "normal"},
    {"name": "android.permission.CAMERA", "protection_level": "dangerous"},
    {"name": "android.permission.READ_CONTACTS", "protection_level": "dangerous"},
]


def event(api: str, kind: str, sdk: str | None, args: list[str] | None = None) -> HookEvent:
    return HookEvent(
        ts=1.0, api=api, kind=kind, data_type=None, value=None, sdk=sdk, stack=[], args=args or []
    )


def view(tmp_path: Path, events: list[HookEvent], scan: dict[str, Any] | None = None) -> RunView:
    if scan is not None:
        (tmp_path / "scan.json").write_text(json.dumps(scan))
    manifest = {
        "app": {
            "package": "com.example.app",
            "version": "1.0",
            "permissions": [p["name"] for p in PERMISSIONS],
        },
        "coverage": {"scenarios": {"first_launch": "ran"}},
    }
    return RunView(tmp_path, manifest, None, events, [], None)


SCAN = {
    "version_name": "1.0",
    "permissions": PERMISSIONS,
    "sdks": [
        {"prefix": "com.umeng", "name": "Umeng (友盟)"},
        {"prefix": "com.tencent.bugly", "name": "Bugly"},
    ],
}
RUN_EVENTS = [
    event("android.provider.Settings$Secure.getString", "data", "com.umeng"),
    event("java.util.zip.Deflater.deflate", "transform", "com.sun.imageio"),
    event(
        "android.app.Activity.requestPermissions", "permission_request", None, ["android.permission.CAMERA"]
    ),
    event(
        "android.app.Activity.requestPermissions",
        "permission_request",
        None,
        ["android.permission.RECORD_AUDIO"],
    ),
]


def test_declared_against_observed(tmp_path: Path) -> None:
    section = declared_vs_observed(view(tmp_path, RUN_EVENTS, SCAN))
    assert section["source"] == "scan.json"
    # CAMERA was requested; INTERNET is a normal permission, never requested at run time
    assert [p["name"] for p in section["permissions_declared_never_requested"]] == [
        "android.permission.READ_CONTACTS"
    ]
    assert section["permissions_requested_not_declared"] == ["android.permission.RECORD_AUDIO"]
    assert [s["prefix"] for s in section["sdks_active"]] == ["com.umeng"]  # a transform is not activity
    assert section["sdks_shipped_never_active"] == [{"prefix": "com.tencent.bugly", "name": "Bugly"}]
    assert section["sdks_active_not_declared"] is None  # no list given: not checked, not "none"


def test_without_a_scan_the_manifest_permissions_are_used(tmp_path: Path) -> None:
    section = declared_vs_observed(view(tmp_path, []))
    assert section["source"] == "manifest.json"
    assert {p["name"] for p in section["permissions_declared_never_requested"]} == {
        "android.permission.CAMERA",
        "android.permission.READ_CONTACTS",
    }  # levels from the platform's table
    assert section["sdks_shipped_never_active"] is None


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("第三方SDK：友盟+（统计分析）", False),
        ("We use Umeng analytics.", False),
        ("SDK: com.umeng.commonsdk", False),
        ("第三方SDK：腾讯Bugly、极光推送", True),
        ("", True),
    ],
)
def test_active_sdk_missing_from_the_declared_list(tmp_path: Path, text: str, missing: bool) -> None:
    (tmp_path / "sdk_list.txt").write_text(text, encoding="utf-8")
    section = declared_vs_observed(view(tmp_path, RUN_EVENTS, SCAN))
    assert bool(section["sdks_active_not_declared"]) is missing
    assert section["sdk_list"] == "sdk_list.txt"


def test_generic_words_do_not_count_as_naming_an_sdk() -> None:
    assert not sdk_mentioned("com.google.android.gms.ads", "Google Mobile Ads SDK", "our ads are our own")
    assert sdk_mentioned("com.google.android.gms.ads", "Google Mobile Ads SDK", "Google Mobile Ads")


COMPLETE = {
    "developer": "北京示例科技有限公司",
    "version": "1.0",
    "updated": "2026-11-02",
    "description": "天气预报与出行提醒",
    "privacy_policy_url": "https://example.com/privacy.html",
    "permissions": [
        {"name": "android.permission.CAMERA", "purpose": "扫码"},
        {"name": "android.permission.READ_CONTACTS", "purpose": "邀请好友"},
    ],
}


def verdict(tmp_path: Path, listing: dict[str, Any] | None) -> dict[str, Any]:
    run = view(tmp_path, [], SCAN)
    if listing is not None:
        (tmp_path / "store_listing.json").write_text(json.dumps(listing, ensure_ascii=False))
    detectors = {"store_listing_incomplete": registered_detectors()["store_listing_incomplete"]}
    found = evaluate(run, detectors).verdicts
    return next(v.to_json() for v in found if v.rule == "store_listing_incomplete")


def test_a_complete_listing_passes(tmp_path: Path) -> None:
    result = verdict(tmp_path, COMPLETE)
    assert result["status"] == "pass"
    assert "164号文 四(应用分发平台上的APP信息明示不到位)" in result["clauses"]


def test_no_listing_is_not_tested(tmp_path: Path) -> None:
    assert verdict(tmp_path, None)["status"] == "not_tested"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"developer": ""}, "no developer name"),
        ({"updated": None}, "no update date"),
        ({"privacy_policy_url": ""}, "no privacy-policy link"),
        ({"privacy_policy_url": "see our website"}, "not a web address"),
        ({"description": "  "}, "no function description"),
        ({"permissions": None}, "no permission list"),
        (
            {"permissions": [{"name": "android.permission.CAMERA", "purpose": "扫码"}]},
            "READ_CONTACTS is requested",
        ),
        (
            {
                "permissions": [
                    {"name": "android.permission.CAMERA"},
                    {"name": "android.permission.READ_CONTACTS", "purpose": "x"},
                ]
            },
            "no purpose given for android.permission.CAMERA",
        ),
        ({"version": "0.9"}, "shows version 0.9, the app is 1.0"),
    ],
)
def test_an_incomplete_listing_fails(tmp_path: Path, change: dict[str, Any], problem: str) -> None:
    result = verdict(tmp_path, {**COMPLETE, **change})
    assert result["status"] == "fail" and problem in result["summary"], result["summary"]


def test_listing_from_csv_and_bad_input(tmp_path: Path) -> None:
    csv_file = tmp_path / "listing.csv"
    csv_file.write_text(
        "field,value,purpose\n"
        "developer,北京示例科技有限公司,\nversion,1.0,\nupdated,2026-11-02,\n"
        "description,天气预报,\nprivacy_policy_url,https://example.com/p.html,\n"
        "permission,android.permission.CAMERA,扫码\n",
        encoding="utf-8",
    )
    listing = read_listing(csv_file)
    assert listing["developer"] == "北京示例科技有限公司"
    assert listing["permissions"] == [{"name": "android.permission.CAMERA", "purpose": "扫码"}]
    for bad, message in [
        ("name,value\n", "header field,value,purpose"),
        ("field,value,purpose\nicon,x,\n", "unknown store-listing field"),
    ]:
        csv_file.write_text(bad)
        with pytest.raises(InputError, match=message):
            read_listing(csv_file)
    json_file = tmp_path / "listing.json"
    json_file.write_text("[1, 2]")
    with pytest.raises(InputError, match="JSON object"):
        load_user_inputs(None, json_file)
    with pytest.raises(InputError, match="cannot read the SDK list"):
        load_user_inputs(tmp_path / "absent.txt", None)


def test_code_facts_recognise_sdks_hosts_and_the_policy() -> None:
    facts = code_facts(
        [
            "https://alog.umeng.com/app_logs",
            "https://www.example.cn/legal/privacy-policy.html",
            "api.tracker.com",
            "os.name",  # a system property, not a host
            "com.example.net",  # a package name, not a host
            "http://schemas.android.com/apk/res/android",
            "no url here",
        ],
        ["com.umeng.analytics.Agent", "com.example.net.Client", "java.lang.String"],
    )
    assert [s.prefix for s in facts.sdks] == ["com.umeng"]
    assert facts.domains == ("alog.umeng.com", "api.tracker.com", "www.example.cn")
    assert facts.privacy_policy_url == "https://www.example.cn/legal/privacy-policy.html"
    assert privacy_policy_link(["https://example.com/about"]) is None


def test_protection_level_names() -> None:
    assert protection_level_name("0x00000012") == "signature|privileged"
    assert protection_level_name(1) == "dangerous"
    assert protection_level_name("dangerous|instant") == "dangerous|instant"
    assert protection_level_name(None) is None


def test_report_section_says_what_was_not_checked(tmp_path: Path) -> None:
    from reports.declared import declared_section

    assert declared_section({"verdicts": []}) is None
    section = declared_section(
        {"declared_vs_observed": declared_vs_observed(view(tmp_path, RUN_EVENTS, SCAN))}
    )
    assert section is not None and section.source == "scan.json"
    rows = {row.label.split(" ")[0] + str(i): row for i, row in enumerate(section.rows)}
    assert rows["Runtime0"].items == ("android.permission.READ_CONTACTS",)
    assert rows["SDKs2"].items == ("Bugly",) and rows["SDKs2"].checked
    assert not rows["SDKs3"].checked and "--sdk-list" in rows["SDKs3"].reason
