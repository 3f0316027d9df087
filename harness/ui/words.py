"""Matching what a screen says against word lists, in Chinese and English.

Labels are normalised first (NFKC, so full-width letters and compatibility forms become plain
ones; case-folded; whitespace collapsed). An ASCII word matches only as a whole word ("agree"
is not found in "disagree"); any other word matches as a substring, as Chinese has no spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_SPACE = re.compile(r"\s+")
_EDGE_PUNCTUATION = "\"'“”‘’《》〈〉「」『』【】[]()（）<>!！?？.。,，:：;；·・*-_~"


def normalise(label: str) -> str:
    text = unicodedata.normalize("NFKC", label).casefold()
    return _SPACE.sub(" ", text).strip().strip(_EDGE_PUNCTUATION).strip()


def _pattern(word: str) -> re.Pattern[str] | None:
    if not word.isascii():
        return None
    return re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])")


@dataclass(frozen=True)
class Words:
    """A named word list: `exact` labels, and words that may appear anywhere in a label."""

    name: str
    contains: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    _patterns: tuple[tuple[str, re.Pattern[str] | None], ...] = field(init=False, repr=False)
    _exact: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        words = tuple((normalise(w), _pattern(normalise(w))) for w in self.contains)
        object.__setattr__(self, "_patterns", words)
        object.__setattr__(self, "_exact", frozenset(normalise(w) for w in self.exact))

    def match(self, label: str) -> str | None:
        """The word of this list that `label` contains (or is), else None."""
        text = normalise(label)
        if not text:
            return None
        if text in self._exact:
            return text
        for word, pattern in self._patterns:
            if pattern is None:
                if word in text:
                    return word
            elif pattern.search(text):
                return word
        return None

    def __contains__(self, label: object) -> bool:
        return isinstance(label, str) and self.match(label) is not None
