"""Bounded breadth-first exploration of the app's screens, looking for a control.

From the main screen, every safe clickable node is tapped, level by level (entries that look
like they lead to account settings first); screens are told apart by their structure hash and
each is explored once. Unsafe controls (paying, deleting data, logging out) are never tapped.
Getting back to a screen is BACK when one step undoes the last tap, else back to the main
screen and the path replayed. Bounded by depth, screen count and a time budget; the result
says whether the exploration was complete.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from harness.interact.permissions import answer_permission
from harness.interact.ready import settle_after_launch
from harness.scenario import AppDied, Observation, ScenarioContext
from harness.steps import StepAction
from harness.ui import vocabulary
from harness.ui.find import class_matches, control_label
from harness.ui.recognise import permission_prompt
from harness.ui.tree import UiNode, UiScreen
from harness.ui.words import normalise

MAX_ACTIONS_PER_SCREEN = 12
Level = tuple[tuple["Action", ...], str]  # the path to a screen and its structure hash


@dataclass(frozen=True)
class Action:
    """A control, identified so that it can be found again on a fresh dump of its screen."""

    key: tuple[str, str, str]  # simple class name, resource id, normalised label
    occurrence: int
    label: str


@dataclass(frozen=True)
class Limits:
    max_depth: int = 6
    budget_s: float = 20.0
    max_screens: int = 40


@dataclass(frozen=True)
class Found:
    observation: Observation
    control: UiNode
    path: tuple[Action, ...]


@dataclass(frozen=True)
class Exploration:
    found: Found | None
    screens: int
    taps: int
    complete: bool  # every reachable screen within the depth limit was explored
    stopped: str | None  # why it ended early


def _actions(screen: UiScreen) -> list[tuple[Action, UiNode]]:
    """Safe controls of a screen in document order, each with a stable identity."""
    counts: Counter[tuple[str, str, str]] = Counter()
    actions = []
    for node in screen.nodes():
        if (
            not node.clickable
            or not node.enabled
            or node.checkable
            or class_matches(node.class_name, "EditText")
        ):
            continue
        label = control_label(node)
        key = (node.class_name.rsplit(".", 1)[-1], node.resource_id, normalise(label))
        occurrence = counts[key]
        counts[key] += 1
        if vocabulary.ACCOUNT_CANCELLATION.match(label) or vocabulary.UNSAFE.match(label):
            continue
        actions.append((Action(key, occurrence, label), node))
    return actions


def _ordered(screen: UiScreen) -> list[tuple[Action, UiNode]]:
    actions = _actions(screen)
    actions.sort(key=lambda pair: 0 if vocabulary.NAVIGATION_HINTS.match(pair[0].label) else 1)
    return actions[:MAX_ACTIONS_PER_SCREEN]


def _locate(screen: UiScreen, action: Action) -> UiNode | None:
    return next((node for found, node in _actions(screen) if found == action), None)


class Explorer:
    def __init__(self, ctx: ScenarioContext, root: Observation, limits: Limits) -> None:
        self.ctx = ctx
        self.root = root
        self.limits = limits
        self.current = root
        self.taps = 0
        self.visited: set[str] = set()
        self.targets: Callable[[UiScreen], list[UiNode]] = lambda _screen: []
        self.deadline = time.monotonic() + limits.budget_s

    def run(self, targets: Callable[[UiScreen], list[UiNode]]) -> Exploration:
        self.targets = targets
        self.visited = {self.root.hash}
        if entries := targets(self.root.screen):
            return self._end(Found(self.root, entries[0], ()))
        level: list[Level] = [((), self.root.hash)]
        for depth in range(1, self.limits.max_depth + 1):
            if not level:
                break
            next_level: list[Level] = []
            for path, digest in level:
                if (ended := self._expand(path, digest, depth, next_level)) is not None:
                    return ended
            level = next_level
        return self._end(None, None if not level else "depth limit reached", complete=not level)

    def _end(self, found: Found | None, stopped: str | None = None, complete: bool = False) -> Exploration:
        return Exploration(found, len(self.visited), self.taps, complete, stopped)

    def _expand(
        self, path: tuple[Action, ...], digest: str, depth: int, next_level: list[Level]
    ) -> Exploration | None:
        """Tap every safe control of one screen; an Exploration when the search ends here."""
        origin = self._go_to(path, digest)
        if origin is None:
            return None
        for action, _ in _ordered(origin.screen):
            if time.monotonic() > self.deadline:
                return self._end(None, "time budget spent")
            origin = self._go_to(path, digest)
            node = None if origin is None else _locate(origin.screen, action)
            if origin is None or node is None:
                return None
            after = self._tap(node, action, origin)
            if after is None or after.hash in self.visited:
                continue
            self.visited.add(after.hash)
            labels = [a.label for a in (*path, action)]
            self.ctx.step(StepAction.EXPLORE_SCREEN, depth=depth, path=labels, hash=after.hash, ui=after.ui)
            if entries := self.targets(after.screen):
                return self._end(Found(after, entries[0], (*path, action)))
            next_level.append(((*path, action), after.hash))
            if len(self.visited) >= self.limits.max_screens:
                return self._end(None, "screen limit reached")
        return None

    def _tap(self, node: UiNode, action: Action, origin: Observation) -> Observation | None:
        """Tap and look where it led; None when it led out of the app (and we came back)."""
        self.ctx.tap(node, f"explore: {action.label}", on=origin, feature=True)
        self.taps += 1
        after = self._observe("explore")
        if permission_prompt(after.screen) is not None:
            answer_permission(self.ctx, allow=False)
            after = self._observe("explore")
        if self.ctx.in_front(after.screen):
            return after
        self.ctx.step(StepAction.APP_LEFT, package=after.package, during="exploration", ui=after.ui)
        self.ctx.back("explore: return to the app")
        back = self._observe("explore: after returning")
        if not self.ctx.in_front(back.screen):
            self.ctx.resume()
            self._observe("explore: after returning")
        return None

    def _observe(self, label: str) -> Observation:
        if not self.ctx.running():
            self.ctx.record_exit("exploring")
            raise AppDied("the app's process ended during the exploration")
        self.current = self.ctx.observe(label)
        return self.current

    def _go_to(self, path: tuple[Action, ...], digest: str) -> Observation | None:
        if self.current.hash == digest:
            return self.current
        if self.current.hash != self.root.hash:
            # right after exploring a control of the target, one BACK returns to it
            self.ctx.back("explore: go back")
            if self._observe("explore: after back").hash == digest:
                return self.current
        if not self._to_root():
            return None
        for action in path:
            node = _locate(self.current.screen, action)
            if node is None:
                return None
            self.ctx.tap(node, f"explore: replay {action.label}", on=self.current, feature=True)
            self.taps += 1
            self._observe("explore: replay")
        return self.current if self.current.hash == digest else None

    def _to_root(self) -> bool:
        """BACK until the main screen shows; when BACK leaves the app, bring it back."""
        for _ in range(self.limits.max_depth + 1):
            if self.current.hash == self.root.hash:
                return True
            if not self.ctx.in_front(self.current.screen):
                break
            self.ctx.back("explore: back to the main screen")
            self._observe("explore: after back")
        if self.current.hash == self.root.hash:
            return True
        if self.ctx.running():
            self.ctx.resume()
        else:
            self.ctx.launch(fresh=False)
            settle_after_launch(self.ctx, allow_permissions=False)
        return self._observe("explore: main screen").hash == self.root.hash
