"""The privacy-consent screen of an app and the controls on it, the way real apps draw them.

Real consent screens are rarely an AlertDialog with two Buttons: they are custom layouts whose
controls are clickable TextViews, images or their containers, full-screen splash pages, policy
text in a WebView, bottom sheets, second "are you sure" dialogs, sign-in forms with a consent
checkbox, and the consent-management dialogs of Western apps (Google UMP, OneTrust, Didomi).

Every candidate control is scored for each role (accept, acknowledge, refuse, basic mode):
the words it says, whether it is short and button-like (a paragraph that quotes "Agree and
Continue" is prose, not the button), its class, and the hints in its resource id. The choice
and its reason are kept (`ConsentDialog.choices`) so that the step that acts on it can record
why. A probable consent screen whose controls cannot be told apart is returned with
`ambiguity` set and no positive control: acting on a guess would make every consent-based
verdict of the app silently wrong.
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
# Checked in this order: "不同意" contains "同意", "仅浏览（不同意）" is basic mode.
ROLE_ORDER = ("basic_mode", "refuse", "acknowledge", "accept")
AMBIGUOUS_MARGIN = 0.5
MIN_SCORE = 1.0  # below this a match is not taken for a control (e.g. a sentence quoting a link)


@dataclass(frozen=True)
class Choice:
    """Why a control was taken for a role: the node, the words it matched and its score."""

    role: str
    node: str  # UiNode.describe() of the control
    words: str
    score: float
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "role": self.role,
            "node": self.node,
            "words": self.words,
            "score": self.score,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class ConsentDialog:
    """A screen asking for privacy consent, and the controls on it.

    `kind`: "dialog" (answered by an accept / refuse control) or "checkbox_form" (a sign-in
    form whose consent is a checkbox; `accept` is then the control that submits the form and
    leaving the box unticked is the refusal). `ambiguity` says why the controls could not be
    told apart; the positive control is then withheld."""

    accept: UiNode | None  # the affirmative control (同意 / Agree)
    acknowledge: UiNode | None  # an acknowledgement offered instead (我知道了 / OK)
    refuse: UiNode | None  # 不同意 / 拒绝 / Disagree …
    checkboxes: tuple[UiNode, ...]  # consent checkboxes, as shown (checked or not)
    marker: str  # the privacy word that identified the dialog
    basic_mode: UiNode | None = None  # 仅浏览 / 进入基本功能模式: refuse and keep using the app
    second_ask: bool = False  # the app asks again after a refusal (温馨提示 … 仍不同意)
    kind: str = "dialog"
    ambiguity: str | None = None
    choices: tuple[Choice, ...] = ()

    @property
    def positive(self) -> UiNode | None:
        if self.ambiguity is not None:
            return None
        return self.accept or self.acknowledge

    @property
    def refusal(self) -> UiNode | None:
        """How to refuse: basic mode when offered (the app stays usable), else the refuse control."""
        return self.basic_mode or self.refuse

    def choice_for(self, node: UiNode | None) -> Choice | None:
        if node is None:
            return None
        described = node.describe()
        return next((c for c in self.choices if c.node == described), None)


@dataclass(frozen=True)
class _Candidate:
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


def _candidates(screen: UiScreen, with_disabled: bool) -> Iterator[_Candidate]:
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
                yield _Candidate(node, "")
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
        yield _Candidate(control, label)


def _score(candidate: _Candidate, role: str) -> tuple[float, str, tuple[str, ...]] | None:
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


def _is_consent_checkbox(node: UiNode, screen: UiScreen) -> bool:
    """A box that, ticked, says the user agrees (我已阅读并同意… / I agree to…): a settings
    switch next to privacy words is not one."""
    if not node.checkable or class_matches(node.class_name, "Switch"):
        return False
    parent = screen.parent_of(node)
    nearby = " ".join(filter(None, (control_label(node), parent.all_text() if parent else "")))
    return words.ACCEPT.match(nearby) is not None


def _best(
    scored: list[tuple[float, _Candidate, str, tuple[str, ...]]],
) -> tuple[tuple[float, _Candidate, str, tuple[str, ...]] | None, str | None]:
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


def _asks_for_consent(screen: UiScreen) -> bool:
    """Prose (a sentence, or text no tap reaches) that asks to agree, consent or accept."""
    return any(
        words.ACCEPT.match(n.label) and (is_prose(n.label) or screen.clickable_target(n) is None)
        for n in screen.nodes()
        if n.label
    )


def _basic_mode_banner(screen: UiScreen) -> bool:
    """The page of an app already in basic mode says so in text that is not a control
    (当前为基本功能模式 … / You are in basic mode …)."""
    return any(n.label and not n.clickable and words.BASIC_MODE.match(n.label) for n in screen.nodes())


def read_consent(screen: UiScreen) -> ConsentDialog | None:
    """A privacy-consent dialog, page or form of an app: it names the privacy policy and offers a
    way to consent (a control, or a checkbox with a control that submits)."""
    marker = next((m for t in screen.texts() if (m := words.PRIVACY_MARKERS.match(t))), None)
    if marker is None:
        return None
    checkboxes = tuple(n for n in screen.nodes() if _is_consent_checkbox(n, screen))
    candidates = list(_candidates(screen, with_disabled=bool(checkboxes)))
    claimed: set[tuple[int, ...]] = set()
    chosen: dict[str, UiNode | None] = {}
    choices: list[Choice] = []
    ambiguity: str | None = None
    for role in ROLE_ORDER:
        scored = []
        for candidate in candidates:
            if candidate.control.path in claimed or words.CONSENT_NEUTRAL.match(candidate.label):
                continue
            result = _score(candidate, role)
            if result is not None and result[0] >= MIN_SCORE:
                scored.append((result[0], candidate, result[1], result[2]))
        best, why = _best(scored)
        for _, candidate, _, _ in scored:
            claimed.add(candidate.control.path)
        chosen[role] = best[1].control if best else None
        if best is not None:
            choices.append(Choice(role, best[1].control.describe(), best[2], best[0], best[3]))
            if why is not None and role in ("accept", "acknowledge"):
                ambiguity = ambiguity or f"{role}: {why}"
    accept, acknowledge = chosen["accept"], chosen["acknowledge"]
    refuse, basic = chosen["refuse"], chosen["basic_mode"]
    kind = "dialog"
    if checkboxes and accept is None and acknowledge is None:
        submit = _submit_control(candidates, claimed)
        if submit is not None:
            kind, accept = "checkbox_form", submit[0]
            choices.append(submit[1])
    if accept is None and acknowledge is None:
        if checkboxes:
            ambiguity = ambiguity or "a consent checkbox with no control that submits it"
        elif refuse is not None and _asks_for_consent(screen):
            ambiguity = (
                ambiguity
                or "asks for consent and offers a refusal, but no affirmative control was recognised"
            )
        else:
            return None
    if refuse is None and basic is None and kind == "dialog" and _basic_mode_banner(screen):
        return None
    second_ask = any(words.SECOND_ASK.match(t) for t in screen.texts())
    return ConsentDialog(
        accept=accept,
        acknowledge=acknowledge,
        refuse=refuse,
        checkboxes=checkboxes,
        marker=marker,
        basic_mode=basic,
        second_ask=second_ask,
        kind=kind,
        ambiguity=ambiguity,
        choices=tuple(choices),
    )


def _submit_control(
    candidates: list[_Candidate], claimed: set[tuple[int, ...]]
) -> tuple[UiNode, Choice] | None:
    """The control that submits a sign-in form with a consent checkbox: the biggest one saying
    登录 / 进入游戏 / Log in … (a form's main action is drawn widest)."""
    found = [
        c
        for c in candidates
        if c.control.path not in claimed and c.label and not is_prose(c.label) and words.SUBMIT.match(c.label)
    ]
    if not found:
        return None
    best = max(found, key=lambda c: c.control.bounds.area)
    matched = words.SUBMIT.match(best.label) or ""
    reasons = (f"says {matched!r}", "the widest submitting control of a form with a consent checkbox")
    return best.control, Choice("accept", best.control.describe(), matched, 2.0, reasons)
