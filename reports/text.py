"""Captured text made safe to show: valid Unicode, no control characters, bounded length.

Everything a run captured is hostile (app labels, UI texts, URLs, headers, bodies). Before it
reaches a template or an export it goes through `clip`: invalid UTF-8 and lone surrogates
become U+FFFD; NUL, the other control characters and the bidirectional overrides (they could
reorder what an auditor reads) become visible code points such as "[U+0000]" and
"[U+202E]"; the length is cut with a flag saying so. HTML escaping is left to jinja2's
autoescape; this module only guarantees the text is well-formed and bounded.
"""

from __future__ import annotations

from dataclasses import dataclass

SHORT = 120
LINE = 400
LONG = 4000

_BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)


def _translation() -> dict[int, str]:
    controls = [c for c in range(0x20) if c not in (0x09, 0x0A)] + list(range(0x7F, 0xA0))
    table: dict[int, str] = {c: f"[U+{c:04X}]" for c in (*controls, *_BIDI_CONTROLS, 0xFEFF)}
    table.update({0xFFFE: "\ufffd", 0xFFFF: "\ufffd"})  # not allowed in XML exports
    return table


_SAFE = _translation()
_ONE_LINE = {**_SAFE, 0x0A: " \u23ce ", 0x09: " "}


@dataclass(frozen=True)
class Clip:
    """A captured value as shown: `text` is safe; `length` is the original length in characters."""

    text: str
    length: int
    hidden: int  # characters cut off the end

    @property
    def truncated(self) -> bool:
        return self.hidden > 0


def as_text(value: object) -> str:
    """Any captured value as a Python string (bytes decoded as UTF-8, invalid bytes replaced)."""
    if value is None:
        return ""
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", errors="replace")
    return value if isinstance(value, str) else str(value)


def _valid_unicode(text: str) -> str:
    # lone surrogates (from JSON "\ud800" or surrogateescape) cannot be written as UTF-8
    return text.encode("utf-8", errors="surrogatepass").decode("utf-8", errors="replace")


def clip(value: object, limit: int = LINE, *, one_line: bool = False) -> Clip:
    text = as_text(value)
    shown = text[:limit]
    shown = _valid_unicode(shown).translate(_ONE_LINE if one_line else _SAFE)
    return Clip(shown, len(text), max(0, len(text) - limit))


def safe(value: object, limit: int = LINE) -> str:
    """One line of safe text; a cut is marked with an ellipsis."""
    clipped = clip(value, limit, one_line=True)
    return clipped.text + "\u2026" if clipped.truncated else clipped.text


def count(number: int, singular: str, plural: str | None = None) -> str:
    """'1 hook', '2 hooks'."""
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"
