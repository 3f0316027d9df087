"""Parsers for the text Android's shell tools print (pure functions, no device needed).

Every parser takes the exact output of one command and is tolerant of the variations
between releases that matter here; each is exercised against recorded outputs in
tests/fixtures/adb/. Here: properties, settings, content rows, processes and ids; the
package manager's output is read in parse_packages, the screen's and `am start`'s in parse_ui.
"""

from __future__ import annotations

import re

from harness.errors import DeviceError

# PKG/CLASS, as `am`, `cmd package` and dumpsys print a component (CLASS may be `.Relative`)
COMPONENT = re.compile(r"^([A-Za-z][\w.]*)/(\.?[\w.$]+)$")
_GETPROP_START = re.compile(r"^\[([^\]]+)\]: \[(.*)$")


def parse_getprop(text: str) -> dict[str, str]:
    """`getprop` with no argument: `[name]: [value]` per property (values may be empty).

    getprop prints a value as it is stored, so a value holding newlines (e.g.
    persist.sys.boot.reason.history) continues over the following lines up to the one ending
    with `]`. Dumps saved on Windows carry CRLF line ends.
    """
    props: dict[str, str] = {}
    name: str | None = None
    parts: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        match = _GETPROP_START.match(line)
        # a whole `[name]: [value]` line inside an open value means that value was cut off
        if name is None or (match is not None and line.rstrip().endswith("]")):
            if match is None:
                continue
            name, parts = match.group(1), [match.group(2)]
        else:
            parts.append(line)
        if parts[-1].rstrip().endswith("]"):
            parts[-1] = parts[-1].rstrip()[:-1]
            props[name] = "\n".join(parts)
            name = None
    return props


def parse_settings_value(text: str) -> str | None:
    """`settings get NAMESPACE KEY` prints the value, or `null` when the key is unset."""
    value = text.strip()
    return None if value in ("", "null") else value


def parse_content_rows(text: str) -> list[dict[str, str]]:
    """`content query`: `Row: 0 _id=12, display_name=Zhang Canary` lines, or `No result found.`

    Values may contain ", " themselves; a new column starts only where ", NAME=" follows with
    NAME a column identifier, which is how the content tool joins them.
    """
    rows = []
    for line in text.splitlines():
        found = re.match(r"^Row: \d+ (.*)$", line)
        if not found:
            continue
        row: dict[str, str] = {}
        for part in re.split(r", (?=[A-Za-z_][\w]*=)", found.group(1)):
            key, _, value = part.partition("=")
            row[key] = value
        rows.append(row)
    return rows


def parse_pids(text: str) -> list[int]:
    """`pidof NAME`: space-separated pids, empty when no process has that name."""
    return [int(token) for token in text.split() if token.isdigit()]


def parse_frida_server_version(text: str) -> str:
    """`frida-server --version` prints the bare version, e.g. `17.2.17`."""
    for line in text.splitlines():
        found = re.fullmatch(r"\s*(\d+\.\d+\.\d+(?:[-+.][\w.]+)?)\s*", line)
        if found:
            return found.group(1)
    raise DeviceError(f"frida-server --version printed no version: {first_line(text)}")


def parse_id_uid(text: str) -> int | None:
    """`id` / `id -u`: `uid=0(root) gid=0(root) ...` or a bare number."""
    found = re.search(r"uid=(\d+)", text) or re.fullmatch(r"\s*(\d+)\s*", text)
    return int(found.group(1)) if found else None


def first_line(text: str) -> str:
    """The first non-empty line, for one-line error messages."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""
