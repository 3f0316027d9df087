"""The devices a batch runs apps on: `--devices sim:4` or `--devices SERIAL,SERIAL,…`.

A `DeviceSlot` is the serialisable description of one device (it crosses process boundaries:
the per-app runner process and Dask workers rebuild the `Device` from it). A sim slot owns a
home folder holding a `.device` marker; the device counts as lost once the marker is gone, so
removing a sim device's home from under a running batch is what unplugging a phone is for
the adb backend (whose slots are checked with `adb devices`).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from harness.device.base import Device
from harness.errors import DeviceError, InputError
from harness.humanize import size
from harness.scratch import make_scratch, release

MAX_SIM_DEVICES = 64
SCRATCH_PREFIX = "privacy-probe-devices-"
# Besides its Java heap, a busy sim device holds the JVM's own memory, Frida's agent, its
# mitmdump and its runner process: ~250 MiB measured (RSS) on the example apps.
DEVICE_OVERHEAD_BYTES = 250 * 1024 * 1024
_HEAP_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
MARKER = ".device"
_SIM = re.compile(r"^sim(?::(\d+))?$")
_SERIAL = re.compile(r"^[A-Za-z0-9._:@-]+$")


@dataclass(frozen=True)
class DeviceSlot:
    kind: Literal["sim", "adb"]
    serial: str
    home: str | None = None  # sim only: the device's storage

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DeviceSlot:
        return cls(kind=data["kind"], serial=data["serial"], home=data.get("home"))

    def open(self) -> Device:
        if self.kind == "sim":
            from harness.sim.device import SimDevice

            if not self.healthy():
                raise DeviceError(f"{self.serial} is gone (its home {self.home} was removed)")
            return SimDevice(serial=self.serial, home=Path(str(self.home)))
        from harness.device.adb import AdbDevice

        return AdbDevice.open(self.serial)

    def healthy(self) -> bool:
        if self.kind == "sim":
            return self.home is not None and (Path(self.home) / MARKER).is_file()
        from harness.device.transport import attached_devices

        try:
            return (self.serial, "device") in attached_devices()
        except DeviceError:
            return False


def parse_devices(spec: str) -> list[tuple[Literal["sim", "adb"], str]]:
    """`sim`, `sim:N` or comma-separated adb serials → (kind, serial) pairs, validated."""
    spec = spec.strip()
    sim = _SIM.match(spec)
    if sim:
        count = int(sim.group(1) or 1)
        if not 1 <= count <= MAX_SIM_DEVICES:
            raise InputError(f"--devices {spec}: the number of sim devices must be 1..{MAX_SIM_DEVICES}")
        return [("sim", f"sim-{n}") for n in range(1, count + 1)]
    serials = [s.strip() for s in spec.split(",") if s.strip()]
    if not serials:
        raise InputError("--devices: expected sim, sim:N or a comma-separated list of adb serials")
    for serial in serials:
        if serial.startswith("sim") or not _SERIAL.match(serial):
            raise InputError(f"--devices: {serial!r} is not an adb serial (use sim:N for sim devices)")
    if len(set(serials)) != len(serials):
        raise InputError(f"--devices {spec}: a serial is listed twice")
    return [("adb", serial) for serial in serials]


def check_host_memory(sim_devices: int, available: int | None = None) -> None:
    """Refuse more sim devices than this host's free memory can hold at their heap limit."""
    if not sim_devices:
        return
    from harness.sim.app_process import SIM_HEAP_ENV, sim_heap_limit

    heap = sim_heap_limit()
    per_device = _heap_bytes(heap) + DEVICE_OVERHEAD_BYTES
    free = _available_memory() if available is None else available
    if free is not None and sim_devices * per_device > free:
        fits = max(1, free // per_device)
        raise InputError(
            f"--devices sim:{sim_devices}: each sim device may use up to {size(per_device)} "
            f"(heap {heap} + {size(DEVICE_OVERHEAD_BYTES)}), this host has {size(free)} free: "
            f"use sim:{fits} or less, or a smaller {SIM_HEAP_ENV}"
        )


def _heap_bytes(heap: str) -> int:
    """'256m' → bytes (the JVM's -Xmx syntax, as checked by sim_heap_limit)."""
    unit = heap[-1].lower() if heap[-1].isalpha() else ""
    return int(heap[:-1] if unit else heap) * _HEAP_UNITS[unit]


def _available_memory() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


class DeviceSet:
    """The slots of one host; creates sim homes on entry and removes them on exit."""

    def __init__(self, spec: str, home_root: Path | None = None) -> None:
        self.parsed = parse_devices(spec)
        self._home_root = home_root
        self._made_root: Path | None = None
        self.slots: list[DeviceSlot] = []

    def __enter__(self) -> DeviceSet:
        check_host_memory(sum(1 for kind, _ in self.parsed if kind == "sim"))
        for kind, serial in self.parsed:
            if kind == "sim":
                home = self._root() / serial
                home.mkdir(parents=True, exist_ok=True)
                (home / MARKER).write_text(serial + "\n", encoding="utf-8")
                self.slots.append(DeviceSlot("sim", serial, str(home)))
            else:
                self.slots.append(DeviceSlot("adb", serial))
        return self

    def _root(self) -> Path:
        if self._home_root is not None:
            return self._home_root
        if self._made_root is None:  # sim homes left by a killed batch or worker go now
            self._made_root = make_scratch(SCRATCH_PREFIX)
        return self._made_root

    def __exit__(self, *exc: object) -> None:
        if self._made_root is not None:
            release(self._made_root)
