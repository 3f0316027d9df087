from __future__ import annotations

import pytest

from harness.sdk import attribute_sdk, load_sdk_table

APP = "com.ppdemo.leaky"


@pytest.mark.parametrize(
    ("stack", "expected"),
    [
        # an SDK calling the framework directly
        (
            [
                "android.telephony.TelephonyManager.getDeviceId",
                "com.umeng.commonsdk.UMConfigure.init",
                "com.ppdemo.leaky.WeatherApp.onCreate",
            ],
            "com.umeng",
        ),
        # longest prefix wins: Crashlytics, not Firebase
        (
            ["com.google.firebase.crashlytics.internal.Ids.read", "com.ppdemo.leaky.App.onCreate"],
            "com.google.firebase.crashlytics",
        ),
        # the app's own code → no SDK
        (
            [
                "android.provider.Settings$Secure.getString",
                "com.ppdemo.leaky.MainActivity.onCreate",
            ],
            None,
        ),
        # app code in the owner's other namespaces is still the app
        (["com.ppdemo.common.Ids.read", "com.ppdemo.leaky.Main.onCreate"], None),
        # the app's helper called by an SDK: the SDK is responsible
        (
            [
                "com.ppdemo.leaky.Helper.imei",
                "cn.jpush.android.api.JPushInterface.init",
                "com.ppdemo.leaky.App.onCreate",
            ],
            "cn.jpush",
        ),
        # unknown third-party library → its package, so it still shows up
        (
            ["net.shadyvendor.fp.core.Collector.run", "com.ppdemo.leaky.App.onCreate"],
            "net.shadyvendor.fp",
        ),
        # framework-only stack (e.g. a system callback) → None
        (["android.app.ActivityThread.main", "java.lang.Thread.run"], None),
        # default-package classes are not attributed
        (["Main.main"], None),
        ([], None),
    ],
)
def test_attribution(stack: list[str], expected: str | None) -> None:
    assert attribute_sdk(stack, APP) == expected


def test_prefix_must_end_at_a_label_boundary() -> None:
    # "com.mobile" must not match the "com.mob" (MobTech) prefix
    assert attribute_sdk(["com.mobileapps.x.Y.z"], APP) == "com.mobileapps.x"


def test_table_is_seeded_generously() -> None:
    table = load_sdk_table()
    names = " ".join(s.name for s in table.sdks)
    for vendor in (
        "Umeng",
        "Bugly",
        "GDT",
        "X5",
        "Baidu",
        "JPush",
        "Getui",
        "UTDID",
        "Pangle",
        "Kuaishou",
        "Huawei",
        "Xiaomi",
        "OPPO",
        "vivo",
        "Weibo",
        "Sensors",
        "GrowingIO",
        "Firebase",
        "AdMob",
        "Facebook",
        "AppsFlyer",
        "Adjust",
        "Unity",
    ):
        assert vendor in names, vendor
