"""The controls of a screen and how well each fits a role (accept, acknowledge, refuse, basic mode).

A control is scored on the words it says, whether it is short and button-like (a paragraph that
quotes "Agree and Continue" is prose, not the button), its class, and the hints in its resource
id. Two distinct controls scoring alike for a role make it ambiguous: harness.ui.consent then
withholds the control rather than act on a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from harness.ui import vocabulary as words
from harness.ui.find import class_matches, control_label
from harness.ui.tree import UiNode, UiScreen
from harness.ui.words import Words, normalise

# A label longer than this is prose (a sentence, a paragraph), not the text of a control.
MAX_CJK_CONTROL_CHARS = 14
MAX_LATIN_CONTROL_WORDS = 6
MAX_LATIN_CONTROL_CHARS = 40
# Hints a resource id gives about a control's role (whole underscore-separated parts).
ID_HINTS: dict[str, frozenset[str]] = {
    "accept": frozenset({"agree", "accept", "consent", "positive", "confirm", "sure", "yes", "ok", "allow"}),
    "refuse": frozenset(
        {"disagree", "refuse", "reject", "deny", "negative", "cancel", "exit", "quit", "decline", "unagree"}
    ),
    "basic_mode": frozenset({"browse", "basic", "guest", "visitor", "limited"}),
}
LINK_ID_PARTS = frozenset(
    {"policy", "protocol", "privacy", "link", "content", "message", "desc", "agreement"}
)
ROLE_WORDS: dict[str, Words] = {
    "refuse": words.REFUSE,
    "basic_mode": words.BASIC_MODE,
    "acknowledge": words.ACKNOWLEDGE,
    "accept": words.ACCEPT,
}
AMBIGUOUS_MARGIN = 0.5
MIN_SCORE = 1.0  # below this a match is not taken for a control (e.g. a sentence quoting a link)
# A role's best candidate: its score, the candidate, the words matched and why.
Scored = tuple[float, "Candidate", str, tuple[str, ...]]


@dataclass(frozen=True)
class Candidate:
    control: UiNode  # what a tap should reach
    label: str  # what it says


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _is_cjk(text: str) -> bool:
    """Written in Chinese characters (an arrow or a dash in an English label does not count)."""
    return _CJK.search(text) is not None


def is_prose(label: str) -> bool:
    """A sentence or a paragraph rather than the text of a control."""
    text = normalise(label)
    if _is_cjk(text):
        letters = re.sub(r"[\s\W_]", "", text)
        return len(letters) > MAX_CJK_CONTROL_CHARS
    return len(text) > MAX_LATIN_CONTROL_CHARS or len(text.split()) > MAX_LATIN_CONTROL_WORDS


def _id_parts(resource_id: str) -> set[str]:
    name = resource_id.rsplit("/", 1)[-1].lower()
    return {part for part in re.split(r"[_.\-]|(?<=[a-z])(?=[A-Z])", name) if part}


def _is_button_class(node: UiNode) -> bool:
    return class_matches(node.class_name, "Button") and not class_matches(node.class_name, "RadioButton")


def controls_of(screen: UiScreen, with_disabled: bool) -> Iterator[Candidate]:
    """Each control of the screen once: a labelled node, or the clickable ancestor that carries it
    (when that ancestor says no more than a control would). Disabled controls count only when
    asked: a 同意 that works once the consent box is ticked."""
    seen: set[tuple[int, ...]] = set()
    for node in screen.nodes():
        if node.checkable or not (node.enabled or with_disabled):
            continue
        label = node.label
        if not label:
            if node.clickable and node.resource_id and node.path not in seen:
                seen.add(node.path)
                yield Candidate(node, "")
            continue
        target = screen.clickable_target(node)
        if target is not None and target is not node:
            outer = control_label(target)
            if not (target.enabled or with_disabled) or target.checkable:
                continue
            if not is_prose(outer):
                label = outer
            else:
                target = node  # a tap on this text still lands inside its clickable container
        control = target or node
        if control.path in seen:
            continue
        seen.add(control.path)
        yield Candidate(control, label)


def role_score(candidate: Candidate, role: str) -> tuple[float, str, tuple[str, ...]] | None:
    """How well a candidate fits a role; None when it does not."""
    node, label = candidate.control, candidate.label
    id_parts = _id_parts(node.resource_id)
    reasons: list[str] = []
    if not label:
        hint = id_parts & ID_HINTS.get(role, frozenset())
        if not hint or role == "acknowledge":
            return None
        return 1.0, "", (f"unlabeled, resource id says {sorted(hint)[0]!r}",)
    if is_prose(label):
        return None
    matched = ROLE_WORDS[role].match(label)
    if matched is None:
        return None
    text = normalise(label)
    score = 3.0 if text == matched else 2.0
    reasons.append(f"says {matched!r}" + (" (whole label)" if text == matched else ""))
    if _is_button_class(node):
        score += 1.0
        reasons.append("a Button")
    if node.clickable:
        score += 0.5
        reasons.append("clickable")
    elif not _is_button_class(node):
        score -= 1.5
        reasons.append("not clickable")
    if id_parts & ID_HINTS.get(role, frozenset()):
        score += 1.0
        reasons.append("resource id agrees")
    if id_parts & LINK_ID_PARTS:
        score -= 1.0
        reasons.append("resource id names a text or link")
    if "《" in label or "》" in label:
        score -= 2.0
        reasons.append("quotes a document title (a link)")
    return score, matched, tuple(reasons)


def best_of(scored: list[Scored]) -> tuple[Scored | None, str | None]:
    """The best candidate of a role, and why it is ambiguous when two distinct controls tie."""
    if not scored:
        return None, None
    scored.sort(key=lambda item: -item[0])
    top = scored[0]
    rivals = [
        item
        for item in scored[1:]
        if top[0] - item[0] < AMBIGUOUS_MARGIN and normalise(item[1].label) != normalise(top[1].label)
    ]
    if rivals:
        labels = ", ".join(repr(c.label or c.control.resource_id) for _, c, _, _ in (top, *rivals))
        return top, f"controls score alike: {labels}"
    return top, None
