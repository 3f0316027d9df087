"""A uiautomator XML dump as an immutable tree of nodes.

The text of a dump comes from the app under test, so it is hostile input: it is parsed with
defusedxml (no entities, no external references) and every attribute is read defensively.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from harness.errors import DeviceError

_BOUNDS = re.compile(r"^\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]$")
MAX_NODES = 20_000  # a dump larger than this is cut: no real screen has that many views
MAX_DEPTH = 200  # deeper nesting is cut: real hierarchies are far shallower


class UiParseError(DeviceError):
    """The device returned something that is not a uiautomator hierarchy."""


@dataclass(frozen=True)
class Bounds:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return max(0, self.right - self.left)

    @property
    def height(self) -> int:
        return max(0, self.bottom - self.top)

    @property
    def area(self) -> int:
        return self.width * self.height

    @property
    def center(self) -> tuple[int, int]:
        return (self.left + self.right) // 2, (self.top + self.bottom) // 2

    def __str__(self) -> str:
        return f"[{self.left},{self.top}][{self.right},{self.bottom}]"


EMPTY_BOUNDS = Bounds(0, 0, 0, 0)


@dataclass(frozen=True, eq=False)
class UiNode:
    """One view. `path` is its position in the tree (child indexes from the root)."""

    text: str
    resource_id: str
    class_name: str
    package: str
    content_desc: str
    checkable: bool
    checked: bool
    clickable: bool
    enabled: bool
    scrollable: bool
    bounds: Bounds
    path: tuple[int, ...]
    children: tuple[UiNode, ...] = ()
    parent_path: tuple[int, ...] | None = field(default=None, repr=False)

    def walk(self) -> Iterator[UiNode]:
        """This node and all its descendants, depth first, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    @property
    def label(self) -> str:
        """What a user reads on this node: its text, else its content description."""
        return self.text or self.content_desc

    def all_text(self) -> str:
        """The labels of this node and its descendants, joined with spaces."""
        return " ".join(n.label for n in self.walk() if n.label)

    def describe(self) -> str:
        parts = [self.class_name.rsplit(".", 1)[-1] or "node"]
        if self.resource_id:
            parts.append(self.resource_id)
        if self.label:
            label = self.label if len(self.label) <= 40 else self.label[:40] + "…"
            parts.append(repr(label))
        parts.append(str(self.bounds))
        return " ".join(parts)


@dataclass(frozen=True, eq=False)
class UiScreen:
    """A parsed dump: the root nodes of the hierarchy (one per window dumped)."""

    roots: tuple[UiNode, ...]
    xml: str

    def nodes(self) -> Iterator[UiNode]:
        for root in self.roots:
            yield from root.walk()

    @property
    def package(self) -> str:
        """The package of the window in front (the first root that names one)."""
        return next((root.package for root in self.roots if root.package), "")

    @property
    def window_bounds(self) -> Bounds:
        return self.roots[0].bounds if self.roots else EMPTY_BOUNDS

    def parent_of(self, node: UiNode) -> UiNode | None:
        if node.parent_path is None:
            return None
        return self.node_at(node.parent_path)

    def node_at(self, path: tuple[int, ...]) -> UiNode | None:
        if not path or path[0] >= len(self.roots):
            return None
        node = self.roots[path[0]]
        for index in path[1:]:
            if index >= len(node.children):
                return None
            node = node.children[index]
        return node

    def ancestors(self, node: UiNode) -> Iterator[UiNode]:
        parent = self.parent_of(node)
        while parent is not None:
            yield parent
            parent = self.parent_of(parent)

    def clickable_target(self, node: UiNode) -> UiNode | None:
        """The view a tap on `node` reaches: itself when clickable, else its nearest clickable ancestor."""
        if node.clickable:
            return node
        return next((a for a in self.ancestors(node) if a.clickable), None)

    def texts(self) -> list[str]:
        return [n.label for n in self.nodes() if n.label]


def parse_bounds(text: str) -> Bounds:
    match = _BOUNDS.match(text.strip())
    if not match:
        return EMPTY_BOUNDS
    left, top, right, bottom = (int(v) for v in match.groups())
    return Bounds(left, top, right, bottom)


def _flag(element: Element, name: str) -> bool:
    return element.get(name, "false").strip().lower() == "true"


def _node(
    element: Element, path: tuple[int, ...], parent: tuple[int, ...] | None, budget: list[int]
) -> UiNode:
    budget[0] -= 1
    children: list[UiNode] = []
    for child in element:
        if child.tag != "node" or budget[0] <= 0 or len(path) >= MAX_DEPTH:
            continue
        children.append(_node(child, (*path, len(children)), path, budget))
    return UiNode(
        text=element.get("text", ""),
        resource_id=element.get("resource-id", ""),
        class_name=element.get("class", ""),
        package=element.get("package", ""),
        content_desc=element.get("content-desc", ""),
        checkable=_flag(element, "checkable"),
        checked=_flag(element, "checked"),
        clickable=_flag(element, "clickable"),
        enabled=element.get("enabled", "true").strip().lower() != "false",
        scrollable=_flag(element, "scrollable"),
        bounds=parse_bounds(element.get("bounds", "")),
        path=path,
        children=tuple(children),
        parent_path=parent,
    )


def parse_screen(xml: str) -> UiScreen:
    """Parse a uiautomator dump; UiParseError when it is not one."""
    try:
        root = ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as exc:
        raise UiParseError(f"not a uiautomator dump: {exc}") from None
    if root.tag != "hierarchy":
        raise UiParseError(f"not a uiautomator dump: root element <{root.tag}>")
    budget = [MAX_NODES]
    roots: list[UiNode] = []
    for element in root:
        if element.tag == "node" and budget[0] > 0:
            roots.append(_node(element, (len(roots),), None, budget))
    return UiScreen(roots=tuple(roots), xml=xml)
