"""Linking a transmitted value to the hook events that read it."""

from __future__ import annotations

from harness.detect.match.coords import CoordinateCanary
from harness.detect.match.provenance import ProvenanceIndex, reads_value
from harness.profile import Canary
from harness.records import HookEvent

PHONE = Canary("phone_number", "phone_number", "13912345678")
MAC = Canary("mac_address", "mac_address", "3c:a6:f6:51:8e:27")
IMEI = Canary("device_id", "imei", "864231057719348")
FIX = CoordinateCanary(31.230416, 121.473701)


def event(
    seq: int,
    ts: float,
    api: str,
    value: str | None,
    sdk: str | None,
    data_type: str = "device_id",
    outcome: str = "returned",
) -> HookEvent:
    return HookEvent(
        ts=ts,
        api=api,
        kind="data",
        data_type=data_type,
        value=value,
        sdk=sdk,
        stack=[],
        outcome=outcome,
        seq=seq,
    )


def test_values_are_compared_in_any_written_form() -> None:
    assert reads_value("+86 139-1234-5678", PHONE)
    assert reads_value("3CA6F6518E27", MAC)
    assert reads_value("mac=3C-A6-F6-51-8E-27", MAC)
    assert not reads_value("13912345679", PHONE)
    assert not reads_value("864231057719349", IMEI)


def test_collectors_are_the_earlier_reads_of_the_same_value() -> None:
    events = [
        event(0, 10.0, "android.telephony.TelephonyManager.getDeviceId", IMEI.value, "com.umeng"),
        event(1, 10.5, "android.telephony.TelephonyManager.getDeviceId", IMEI.value, "com.umeng"),
        event(2, 11.0, "android.telephony.TelephonyManager.getImei", IMEI.value, None),
        event(3, 30.0, "android.telephony.TelephonyManager.getImei", IMEI.value, "cn.jpush.android"),
    ]
    index = ProvenanceIndex(events, [IMEI], None)
    links = index.collectors("imei", "device_id", before=20.0)
    assert [(c.ref, c.sdk, c.link) for c in links] == [
        ("events.jsonl#0", "com.umeng", "value"),
        ("events.jsonl#2", None, "value"),
    ]
    assert index.collectors("imei", "device_id", before=5.0) == ()


def test_location_reads_are_matched_numerically() -> None:
    events = [
        event(
            0,
            1.0,
            "android.location.LocationManager.getLastKnownLocation",
            "Location[gps 31.230416,121.473701]",
            "com.baidu.location",
            "location",
        )
    ]
    (link,) = ProvenanceIndex(events, [], FIX).collectors("location", "location", before=2.0)
    assert (link.sdk, link.link) == ("com.baidu.location", "value")


def test_without_a_value_the_same_data_type_is_linked() -> None:
    events = [
        event(0, 1.0, "android.provider.Settings$Secure.getString", None, "com.tencent.bugly"),
        event(
            1, 1.5, "android.telephony.TelephonyManager.getImei", None, "com.x", outcome="security_exception"
        ),
    ]
    (link,) = ProvenanceIndex(events, [IMEI], None).collectors("imei", "device_id", before=2.0)
    assert (link.ref, link.sdk, link.link) == ("events.jsonl#0", "com.tencent.bugly", "data_type")
