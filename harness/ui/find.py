"""Finding nodes on a screen by text, content description, resource-id suffix or class.

`text` and `desc` take either a literal (compared after normalisation, so "  Agree " finds
"agree") or a `Words` list (Chinese and English). All criteria given must hold.
"""

from __future__ import annotations

from harness.ui.tree import UiNode, UiScreen
from harness.ui.words import Words, normalise

Matcher = str | Words


def _matches(value: str, wanted: Matcher) -> bool:
    if isinstance(wanted, Words):
        return wanted.match(value) is not None
    return normalise(value) == normalise(wanted)


def id_suffix_matches(resource_id: str, suffix: str) -> bool:
    """`"com.app:id/btn_agree"` ends with `"btn_agree"` or `"id/btn_agree"`; a bare suffix must
    match whole id segments ("agree" does not match "disagree")."""
    if not resource_id or not suffix:
        return False
    if not resource_id.endswith(suffix):
        return False
    boundary = len(resource_id) - len(suffix) - 1
    return boundary < 0 or resource_id[boundary] in "/:_."


def class_matches(class_name: str, wanted: str) -> bool:
    """Full name, or the simple name ("CheckBox" also matches "androidx…AppCompatCheckBox")."""
    if "." in wanted:
        return class_name == wanted
    return class_name.rsplit(".", 1)[-1].endswith(wanted)


def find(
    screen: UiScreen,
    *,
    text: Matcher | None = None,
    desc: Matcher | None = None,
    label: Matcher | None = None,
    id_suffix: str | None = None,
    class_name: str | None = None,
    clickable: bool | None = None,
    enabled: bool | None = None,
) -> list[UiNode]:
    """The nodes matching every given criterion, in document order. `label` matches the text or,
    when the node has no text, its content description."""
    found = []
    for node in screen.nodes():
        if text is not None and not _matches(node.text, text):
            continue
        if desc is not None and not _matches(node.content_desc, desc):
            continue
        if label is not None and not _matches(node.label, label):
            continue
        if id_suffix is not None and not id_suffix_matches(node.resource_id, id_suffix):
            continue
        if class_name is not None and not class_matches(node.class_name, class_name):
            continue
        if clickable is not None and node.clickable != clickable:
            continue
        if enabled is not None and node.enabled != enabled:
            continue
        found.append(node)
    return found


def tappable(screen: UiScreen, words: Words) -> list[UiNode]:
    """Enabled controls whose label (or the label of a view inside them) is in `words`; each
    control once, in document order."""
    seen: set[tuple[int, ...]] = set()
    controls: list[UiNode] = []
    for node in find(screen, label=words):
        target = screen.clickable_target(node)
        if target is None or not target.enabled or target.path in seen:
            continue
        seen.add(target.path)
        controls.append(target)
    return controls


def control_label(control: UiNode) -> str:
    """What a control says: its own label, else the labels inside it."""
    return control.label or control.all_text()
