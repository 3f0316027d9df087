"""Canary values on a real device: planted where Android lets the shell write them, read back
where the device owns them, and taken from hook return values where only the app sees them.

- Contacts: local raw contacts with name and phone rows via `content insert`, tagged in
  the `sync4` column so they (and leftovers of a crashed run) can be deleted for real
  through the sync-adapter URI.
- Call log: rows in content://call_log/calls, deleted by number and date afterwards.
- SMS: the emulator console's `sms send` (only the default SMS app may write the provider).
- Location: the emulator console's `geo fix LONGITUDE LATITUDE` (longitude first!), or on a
  phone with Android 12+ a shell test provider (`--location LATITUDE,LONGITUDE`).
- Clipboard: not from the shell (AOSP has no `cmd clipboard`; the emulator shares the host's
  clipboard): the agent sets it in the app process before Application.onCreate
  (hooks/src/canary.ts), and a clipboard read that is not the canary is never recorded.
- Identifiers (IMEI, Android ID, serial...) cannot be planted: harness.device.identifiers
  reads them from the device and from what the hooked getters returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from harness.device.parse import first_line, parse_content_rows
from harness.device.transport import Adb, ShellResult
from harness.errors import DeviceError
from harness.profile import CallLogEntry, Contact, SmsMessage

TAG = "privacy-probe-canary"
RAW_CONTACTS = "content://com.android.contacts/raw_contacts"
CONTACT_DATA = "content://com.android.contacts/data"
CALLS = "content://call_log/calls"
SMS_INBOX = "content://sms/inbox"
MIME_NAME = "vnd.android.cursor.item/name"
MIME_PHONE = "vnd.android.cursor.item/phone_v2"
PHONE_TYPE_MOBILE = 2


@dataclass
class PlantReport:
    """Which canaries are really on the device, and why the others are not."""

    planted: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, dict[str, str]]:
        return {"planted": dict(self.planted), "skipped": dict(self.skipped)}


def _content(adb: Adb, args: list[str]) -> str:
    """Run the `content` tool; it reports provider errors in its output, not its exit code."""
    result: ShellResult = adb.result(["content", *args])
    text = result.output
    if result.returncode != 0 or "Error while accessing provider" in text or "Exception" in text:
        raise DeviceError(f"`content {args[0]}` failed: {first_line(text) or 'no output'}")
    return text


def _bind(column: str, kind: str, value: object) -> list[str]:
    return ["--bind", f"{column}:{kind}:{value}"]


def remove_contacts(adb: Adb) -> None:
    _content(
        adb,
        [
            "delete",
            "--uri",
            RAW_CONTACTS + "?caller_is_syncadapter=true",
            "--where",
            f"sync4 LIKE '{TAG}-%'",
        ],
    )


def plant_contacts(adb: Adb, contacts: Iterable[Contact], report: PlantReport) -> None:
    remove_contacts(adb)
    for index, contact in enumerate(contacts):
        tag = f"{TAG}-{index}"
        label = f"contact_{index}"
        try:
            _content(adb, ["insert", "--uri", RAW_CONTACTS, *_bind("sync4", "s", tag)])
            rows = parse_content_rows(
                _content(
                    adb,
                    [
                        "query",
                        "--uri",
                        RAW_CONTACTS,
                        "--projection",
                        "_id",
                        "--where",
                        f"sync4='{tag}'",
                    ],
                )
            )
            if not rows:
                raise DeviceError("the new raw contact is not in the provider")
            raw_id = rows[-1]["_id"]
            _content(
                adb,
                [
                    "insert",
                    "--uri",
                    CONTACT_DATA,
                    *_bind("raw_contact_id", "i", raw_id),
                    *_bind("mimetype", "s", MIME_NAME),
                    *_bind("data1", "s", contact.name),
                ],
            )
            _content(
                adb,
                [
                    "insert",
                    "--uri",
                    CONTACT_DATA,
                    *_bind("raw_contact_id", "i", raw_id),
                    *_bind("mimetype", "s", MIME_PHONE),
                    *_bind("data1", "s", contact.number),
                    *_bind("data2", "i", PHONE_TYPE_MOBILE),
                ],
            )
        except DeviceError as error:
            report.skipped[label] = str(error)
        else:
            report.planted[label] = f"content insert (raw contact {raw_id})"


def _call_where(call: CallLogEntry) -> str:
    return f"number='{call.number}' AND date={call.date_ms}"


def remove_call_log(adb: Adb, calls: Iterable[CallLogEntry]) -> None:
    for call in calls:
        _content(adb, ["delete", "--uri", CALLS, "--where", _call_where(call)])


def plant_call_log(adb: Adb, calls: Iterable[CallLogEntry], report: PlantReport) -> None:
    calls = list(calls)
    remove_call_log(adb, calls)
    for index, call in enumerate(calls):
        binds = [
            *_bind("number", "s", call.number),
            *_bind("type", "i", call.type),
            *_bind("duration", "i", call.duration_s),
            *_bind("date", "l", call.date_ms),
        ]
        if call.name:
            binds += _bind("name", "s", call.name)
        try:
            _content(adb, ["insert", "--uri", CALLS, *binds])
        except DeviceError as error:
            report.skipped[f"call_{index}"] = str(error)
        else:
            report.planted[f"call_{index}"] = "content insert"


def plant_sms(adb: Adb, messages: Iterable[SmsMessage], report: PlantReport) -> None:
    for index, message in enumerate(messages):
        label = f"sms_{index}"
        if not adb.serial.startswith("emulator-"):
            report.skipped[label] = "only the default SMS app may write SMS on a phone; use an emulator"
            continue
        present = adb.result(
            [
                "content",
                "query",
                "--uri",
                SMS_INBOX,
                "--projection",
                "_id",
                "--where",
                f"body='{message.body}'",
            ]
        )
        if parse_content_rows(present.output):
            report.planted[label] = "already in the inbox"
            continue
        try:
            adb.emu("sms", "send", message.address, message.body)
        except DeviceError as error:
            report.skipped[label] = str(error)
        else:
            report.planted[label] = "emulator console sms send"


def enable_location(adb: Adb, api_level: int) -> None:
    if api_level >= 30:
        adb.result(["cmd", "location", "set-location-enabled", "true"])
    else:
        adb.result(["settings", "put", "secure", "location_mode", "3"])


def geo_fix_args(latitude: float, longitude: float) -> list[str]:
    """Emulator console arguments: LONGITUDE first, then latitude."""
    return ["geo", "fix", f"{longitude:.6f}", f"{latitude:.6f}"]


def test_provider_commands(latitude: float, longitude: float) -> list[list[str]]:
    """Android 12+ shell test provider for phones: `--location` takes LATITUDE first."""
    return [
        ["appops", "set", "com.android.shell", "android:mock_location", "allow"],
        ["cmd", "location", "providers", "add-test-provider", "gps"],
        ["cmd", "location", "providers", "set-test-provider-enabled", "gps", "true"],
        [
            "cmd",
            "location",
            "providers",
            "set-test-provider-location",
            "gps",
            "--location",
            f"{latitude:.6f},{longitude:.6f}",
        ],
    ]


def set_location(adb: Adb, api_level: int, latitude: float, longitude: float) -> str:
    """Put the GPS fix on the device; returns how."""
    enable_location(adb, api_level)
    if adb.serial.startswith("emulator-"):
        adb.emu(*geo_fix_args(latitude, longitude))
        return "emulator console geo fix"
    if api_level < 31:
        raise DeviceError(
            f"cannot set a GPS fix on {adb.serial}: phones need Android 12+ (test provider); use an emulator"
        )
    for command in test_provider_commands(latitude, longitude):
        adb.run(command)
    return "shell test provider"


def remove_test_provider(adb: Adb) -> None:
    adb.result(["cmd", "location", "providers", "remove-test-provider", "gps"])


# The emulator console's sensor names for android.hardware.Sensor.TYPE_* values.
CONSOLE_SENSORS = {1: "acceleration", 2: "magnetic-field", 4: "gyroscope"}


def sensor_args(sensor_type: int, values: tuple[float, float, float]) -> list[str]:
    name = CONSOLE_SENSORS.get(sensor_type)
    if name is None:
        raise DeviceError(
            f"sensor type {sensor_type} cannot be injected through the emulator console "
            f"(supported: {', '.join(f'{k}={v}' for k, v in sorted(CONSOLE_SENSORS.items()))})"
        )
    return ["sensor", "set", name, ":".join(f"{value:g}" for value in values)]
