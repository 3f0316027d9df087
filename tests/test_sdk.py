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


@pytest.mark.parametrize(
    ("stack", "posted_from", "expected"),
    [
        # reflection frames between the SDK and the framework are skipped (they are framework)
        (
            [
                "jdk.internal.reflect.NativeMethodAccessorImpl.invoke0",
                "java.lang.reflect.Method.invoke",
                "cn.jiguang.devices.DeviceInfo.collect",
            ],
            [],
            "cn.jiguang",
        ),
        # a dynamic proxy and a lambda class are nobody's code: the frame behind them decides
        (["com.sun.proxy.$Proxy12.getId", "com.umeng.ut.Ids.read"], [], "com.umeng"),
        (["jdk.proxy2.$Proxy7.read", "com.ppdemo.leaky.App.onCreate"], [], None),
        # (the lambda's body shows as its own frame, Sync.lambda$start$0, when it runs code)
        (["net.shady.fp.Sync$$ExternalSyntheticLambda0.run", "com.qq.e.comm.A.b"], [], "com.qq.e"),
        (["com.x.Y$$Lambda$14/0x0000000800c0b000.run", "com.qq.e.comm.A.b"], [], "com.qq.e"),
        # minified code called from an SDK's kept entry point: that SDK
        (
            ["a.a.b.c", "com.umeng.commonsdk.UMConfigure.init", "com.ppdemo.leaky.App.onCreate"],
            [],
            "com.umeng",
        ),
        # minified code nobody known called: an unknown SDK grouped by its root, never the app
        (["a.a.b.c", "com.ppdemo.leaky.App.onCreate"], [], "a.a"),
        (["com.x.y.a.b", "com.ppdemo.leaky.App.onCreate"], [], "com.x"),
        # a vendor interface the MSA SDK repackages: its class fingerprint
        (
            ["repeackage.com.samsung.android.deviceidservice.IDeviceIdService$Stub$Proxy.getOAID"],
            [],
            "com.bun.miitmdid",
        ),
        # work on a pool with no SDK frame: the posting stack decides...
        (
            ["android.telephony.TelephonyManager.getNetworkOperatorName", "java.lang.Thread.run"],
            ["java.util.concurrent.ThreadPoolExecutor.execute", "com.qq.e.comm.GDTADManager.initWith"],
            "com.qq.e",
        ),
        # ...but app code running the work is the app's, whoever posted it
        (
            ["com.ppdemo.leaky.Worker.run", "java.lang.Thread.run"],
            ["com.umeng.commonsdk.UMConfigure.init"],
            None,
        ),
    ],
)
def test_attribution_through_reflection_obfuscation_and_posting(
    stack: list[str], posted_from: list[str], expected: str | None
) -> None:
    assert attribute_sdk(stack, APP, posted_from=posted_from) == expected


def test_not_obfuscated_short_labels_stay_libraries() -> None:
    # "io.ab" has a short label but a real class name: an ordinary unknown library
    assert attribute_sdk(["io.ab.tracker.Collector.run"], APP) == "io.ab.tracker"
