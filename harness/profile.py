"""The device profile: the known ("canary") values a run plants on the device.

Detection later searches captured traffic for exactly these values, so every run records the
profile it used (`profile.json` in the run folder).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Contact:
    name: str
    number: str


@dataclass(frozen=True)
class CallLogEntry:
    number: str
    name: str
    date_ms: int
    duration_s: int
    type: int  # CallLog.Calls.INCOMING_TYPE=1, OUTGOING_TYPE=2, MISSED_TYPE=3


@dataclass(frozen=True)
class SmsMessage:
    address: str
    body: str
    date_ms: int


@dataclass(frozen=True)
class CalendarEvent:
    title: str
    start_ms: int


@dataclass(frozen=True)
class DeviceProfile:
    imei: str = "864231057719348"
    imsi: str = "460018826551047"
    android_id: str = "9c4f2b7e1a38d650"
    serial: str = "R58N71QZXKD"
    sim_serial: str = "89860117851037652948"
    phone_number: str = "13912345678"
    mac_address: str = "3c:a6:f6:51:8e:27"
    ssid: str = "PP-Canary-5G"
    bssid: str = "a4:1b:c0:7d:22:9e"
    latitude: float = 31.230416
    longitude: float = 121.473701
    clipboard: str = "PPCLIP-7f3a-canary-clipboard"
    model: str = "Pixel 6"
    voicemail_number: str = "13800138000"
    # The serving LTE cell (CellIdentityLte: 28-bit cell identity, tracking area code).
    cell_ci: int = 187_654_321
    cell_tac: int = 20_871
    # MediaDrm (Widevine) PROPERTY_DEVICE_UNIQUE_ID, hex of its 32 bytes.
    drm_id: str = "5f2c9a71e04db3886a1f7c52d9e0b4a36c18f27e9d405ab13e6f8c2d7a9b0e41"
    # OAID (China's advertising id) as the vendor provider answers it (MIUI: 16 hex digits).
    oaid: str = "7e3b9d0c15a2f846"
    bluetooth_name: str = "PP-Canary-Phone"
    bluetooth_peer_name: str = "PP-Canary-Buds"
    bluetooth_peer_address: str = "5c:f3:70:8a:14:d2"
    address: str = "88 Canary Road, Huangpu, Shanghai"
    locality: str = "Shanghai"
    calendar: tuple[CalendarEvent, ...] = (CalendarEvent("PPCAL canary dentist", 1_760_050_000_000),)
    photos: tuple[str, ...] = ("PPIMG_canary_0417.jpg",)
    contacts: tuple[Contact, ...] = (
        Contact("Zhang Canary", "13800138421"),
        Contact("李金丝雀", "15911173358"),
        Contact("Olivia Canary", "+8613722049981"),
    )
    call_log: tuple[CallLogEntry, ...] = (
        CallLogEntry("13652287104", "Zhang Canary", 1_760_000_000_000, 63, 1),
        CallLogEntry("01084461932", "", 1_760_003_600_000, 12, 2),
    )
    sms: tuple[SmsMessage, ...] = (SmsMessage("10690000", "PPSMS canary code 482913", 1_760_007_200_000),)
    installed_packages: tuple[str, ...] = (
        "com.canary.wallet",
        "com.canary.dating",
        "com.canary.health.tracker",
    )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DeviceProfile:
        values = dict(data)
        values["contacts"] = tuple(Contact(**c) for c in data.get("contacts", ()))
        values["call_log"] = tuple(CallLogEntry(**c) for c in data.get("call_log", ()))
        values["sms"] = tuple(SmsMessage(**m) for m in data.get("sms", ()))
        values["installed_packages"] = tuple(data.get("installed_packages", ()))
        values["calendar"] = tuple(CalendarEvent(**e) for e in data.get("calendar", ()))
        values["photos"] = tuple(data.get("photos", ()))
        return cls(**values)

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> DeviceProfile:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))

    def to_properties(self) -> dict[str, str]:
        """Flat key/value form read by the sim framework (java.util.Properties)."""
        props = {
            "imei": self.imei,
            "imsi": self.imsi,
            "android_id": self.android_id,
            "serial": self.serial,
            "sim_serial": self.sim_serial,
            "phone_number": self.phone_number,
            "mac_address": self.mac_address,
            "ssid": self.ssid,
            "bssid": self.bssid,
            "latitude": repr(self.latitude),
            "longitude": repr(self.longitude),
            "clipboard": self.clipboard,
            "model": self.model,
            "voicemail_number": self.voicemail_number,
            "cell_ci": str(self.cell_ci),
            "cell_tac": str(self.cell_tac),
            "drm_id": self.drm_id,
            "oaid": self.oaid,
            "bluetooth_name": self.bluetooth_name,
            "bluetooth_peer_name": self.bluetooth_peer_name,
            "bluetooth_peer_address": self.bluetooth_peer_address,
            "address": self.address,
            "locality": self.locality,
            "calendar.count": str(len(self.calendar)),
            "photos.count": str(len(self.photos)),
            "installed_packages": ",".join(self.installed_packages),
            "contacts.count": str(len(self.contacts)),
            "call_log.count": str(len(self.call_log)),
            "sms.count": str(len(self.sms)),
        }
        for i, contact in enumerate(self.contacts):
            props[f"contacts.{i}.name"] = contact.name
            props[f"contacts.{i}.number"] = contact.number
        for i, call in enumerate(self.call_log):
            props[f"call_log.{i}.number"] = call.number
            props[f"call_log.{i}.name"] = call.name
            props[f"call_log.{i}.date"] = str(call.date_ms)
            props[f"call_log.{i}.duration"] = str(call.duration_s)
            props[f"call_log.{i}.type"] = str(call.type)
        for i, message in enumerate(self.sms):
            props[f"sms.{i}.address"] = message.address
            props[f"sms.{i}.body"] = message.body
            props[f"sms.{i}.date"] = str(message.date_ms)
        for i, event in enumerate(self.calendar):
            props[f"calendar.{i}.title"] = event.title
            props[f"calendar.{i}.start"] = str(event.start_ms)
        for i, photo in enumerate(self.photos):
            props[f"photos.{i}.name"] = photo
        return props


DEFAULT_PROFILE = DeviceProfile()


@dataclass(frozen=True)
class Canary:
    """One planted value and the data type it belongs to."""

    data_type: str
    label: str
    value: str


def canaries(profile: DeviceProfile) -> list[Canary]:
    """Every textual canary of a profile (coordinates are matched numerically, not listed here)."""
    items = [
        Canary("device_id", "imei", profile.imei),
        Canary("device_id", "imsi", profile.imsi),
        Canary("device_id", "android_id", profile.android_id),
        Canary("device_id", "serial", profile.serial),
        Canary("device_id", "sim_serial", profile.sim_serial),
        Canary("phone_number", "phone_number", profile.phone_number),
        Canary("mac_address", "mac_address", profile.mac_address),
        Canary("wifi", "ssid", profile.ssid),
        Canary("wifi", "bssid", profile.bssid),
        Canary("clipboard", "clipboard", profile.clipboard),
        Canary("phone_number", "voicemail_number", profile.voicemail_number),
        Canary("cell_info", "cell_ci", str(profile.cell_ci)),
        Canary("device_id", "drm_id", profile.drm_id),
        Canary("advertising_id", "oaid", profile.oaid),
        Canary("bluetooth", "bluetooth_name", profile.bluetooth_name),
        Canary("bluetooth", "bluetooth_peer_name", profile.bluetooth_peer_name),
        Canary("bluetooth", "bluetooth_peer_address", profile.bluetooth_peer_address),
        Canary("location", "address", profile.address),
    ]
    for i, contact in enumerate(profile.contacts):
        items.append(Canary("contacts", f"contact_{i}_name", contact.name))
        items.append(Canary("contacts", f"contact_{i}_number", contact.number))
    for i, call in enumerate(profile.call_log):
        items.append(Canary("call_log", f"call_{i}_number", call.number))
    for i, message in enumerate(profile.sms):
        items.append(Canary("sms", f"sms_{i}_body", message.body))
    for i, event in enumerate(profile.calendar):
        items.append(Canary("calendar", f"calendar_{i}_title", event.title))
    for i, photo in enumerate(profile.photos):
        items.append(Canary("photos", f"photo_{i}_name", photo))
    for package in profile.installed_packages:
        items.append(Canary("app_list", f"package_{package}", package))
    return items
