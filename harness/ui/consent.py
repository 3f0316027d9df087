"""The privacy-consent screen of an app and the controls on it, the way real apps draw them.

Real consent screens are rarely an AlertDialog with two Buttons: they are custom layouts whose
controls are clickable TextViews, images or their containers, full-screen splash pages, policy
text in a WebView, bottom sheets, second "are you sure" dialogs, sign-in forms with a consent
checkbox, and the consent-management dialogs of Western apps (Google UMP, OneTrust, Didomi).

Every control of the screen is scored for each role (accept, acknowledge, refuse, basic mode:
harness.ui.controls says how). The choice and its reason are kept (`ConsentDialog.choices`) so
that the step that acts on it can record why. A probable consent screen whose controls cannot
be told apart is returned with `ambiguity` set and no positive control: acting on a guess would
make every consent-based verdict of the app silently wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.ui import vocabulary as words
from harness.ui.controls import MIN_SCORE, Candidate, Scored, best_of, controls_of, is_prose, role_score
from harness.ui.find import class_matches, control_label
from harness.ui.tree import UiNode, UiScreen

# Checked in this order: "不同意" contains "同意", "仅浏览（不同意）" is basic mode.
ROLE_ORDER = ("basic_mode", "refuse", "acknowledge", "accept")


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


def _is_consent_checkbox(node: UiNode, screen: UiScreen) -> bool:
    """A box that, ticked, says the user agrees (我已阅读并同意… / I agree to…): a settings
    switch next to privacy words is not one."""
    if not node.checkable or class_matches(node.class_name, "Switch"):
        return False
    parent = screen.parent_of(node)
    nearby = " ".join(filter(None, (control_label(node), parent.all_text() if parent else "")))
    return words.ACCEPT.match(nearby) is not None


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
    candidates = list(controls_of(screen, with_disabled=bool(checkboxes)))
    claimed: set[tuple[int, ...]] = set()
    chosen: dict[str, UiNode | None] = {}
    choices: list[Choice] = []
    ambiguity: str | None = None
    for role in ROLE_ORDER:
        scored: list[Scored] = []
        for candidate in candidates:
            if candidate.control.path in claimed or words.CONSENT_NEUTRAL.match(candidate.label):
                continue
            result = role_score(candidate, role)
            if result is not None and result[0] >= MIN_SCORE:
                scored.append((result[0], candidate, result[1], result[2]))
        best, why = best_of(scored)
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
    candidates: list[Candidate], claimed: set[tuple[int, ...]]
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
