"""The step vocabulary (harness/steps.py) is the one every writer uses and every recorded run
speaks: old run folders' steps all parse into it, and no member is left that nothing writes."""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from harness.records import read_jsonl
from harness.scenario import ScenarioContext
from harness.steps import PASSIVE_ACTIONS, ConsentChoice, PermissionChoice, StepAction
from tests.conftest import PROJECT_ROOT
from tests.golden import unpack

# where steps are written: the scenario context, the interaction sequences, the scenarios, the session
WRITERS = ("harness/scenario", "harness/interact", "scenarios", "harness/session.py")


def off_vocabulary(steps: Iterable[Mapping[str, Any]]) -> list[str]:
    """What in these steps.jsonl records the vocabulary does not know (an empty list: all of it)."""
    problems = []
    for record in steps:
        action, detail = record.get("action"), record.get("detail") or {}
        if action not in StepAction.__members__.values():
            problems.append(f"action {action!r}")
        elif action == StepAction.CONSENT and detail.get("choice") not in ConsentChoice.__members__.values():
            problems.append(f"consent choice {detail.get('choice')!r}")
        elif (
            action == StepAction.PERMISSION_ANSWER
            and detail.get("choice") not in PermissionChoice.__members__.values()
        ):
            problems.append(f"permission_answer choice {detail.get('choice')!r}")
    return problems


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return unpack(tmp_path_factory.mktemp("golden"))


def test_the_demo_catalogs_recorded_steps_parse_into_the_vocabulary(recorded: dict[str, Path]) -> None:
    steps = {app: list(read_jsonl(run / "steps.jsonl")) for app, run in recorded.items()}
    assert {app: problems for app, records in steps.items() if (problems := off_vocabulary(records))} == {}
    seen = {StepAction(s["action"]) for records in steps.values() for s in records}
    # the recordings walk the whole plan, so the check above read most of the vocabulary
    assert {StepAction.CONSENT, StepAction.PERMISSION_ANSWER, StepAction.TAP, StepAction.POPUP} <= seen
    assert len(seen) >= len(StepAction) * 2 // 3
    choices = {
        s["detail"]["choice"] for records in steps.values() for s in records if "choice" in s["detail"]
    }
    assert {
        ConsentChoice.ACCEPT,
        ConsentChoice.REJECT,
        PermissionChoice.ALLOW,
        PermissionChoice.DENY,
    } <= choices


def test_what_the_vocabulary_does_not_know_is_reported() -> None:
    assert off_vocabulary([{"action": "tap"}, {"action": "consent", "detail": {"choice": "accept"}}]) == []
    assert off_vocabulary(
        [
            {"action": "consent_given"},
            {"action": "consent", "detail": {"choice": "agree"}},
            {"action": "permission_answer", "detail": {"choice": "grant"}},
            {"action": "permission_answer", "detail": {}},
        ]
    ) == [
        "action 'consent_given'",
        "consent choice 'agree'",
        "permission_answer choice 'grant'",
        "permission_answer choice None",
    ]


def test_every_member_is_written_somewhere_and_only_members_are() -> None:
    sources = [
        path.read_text(encoding="utf-8")
        for writer in WRITERS
        for path in ((PROJECT_ROOT / writer).rglob("*.py") if "." not in writer else [PROJECT_ROOT / writer])
    ]
    text = "\n".join(sources)
    written = set(re.findall(r"StepAction\.([A-Z_]+)", text))
    assert written == set(StepAction.__members__)
    # a step is written with a member: the action argument is never a string literal
    assert re.findall(r"\.step(?:_at)?\(\s*(?:[\w.]+,\s*)?[\"']", text) == []


def test_the_action_of_a_step_is_typed_as_the_vocabulary() -> None:
    for method in (ScenarioContext.step, ScenarioContext.step_at):
        assert typing.get_type_hints(method)["action"] is StepAction
    assert set(StepAction) >= PASSIVE_ACTIONS and all(isinstance(a, StepAction) for a in PASSIVE_ACTIONS)


def test_values_are_the_strings_written_to_steps_jsonl() -> None:
    # renaming a value would orphan every recorded run: the values are the names, lower-cased
    assert all(member.value == name.lower() for name, member in StepAction.__members__.items())
