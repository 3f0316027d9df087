"""Reading a run's scenario plan back (harness/detect/plan.py), and the synthetic run folders the other
test_rules_* modules build: a manifest, steps, hook events and UI dumps written by hand, then
loaded with RunView exactly as `privacy-probe analyze` does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from harness.detect import evaluate, load_rules, registered_detectors
from harness.detect.plan import load_screen, not_run, processes, scenario_run
from harness.detect.view import RunView
from tests.test_ui_tree import dump, node

T0 = 1_800_000_000.0
HOOKS = (
    "android.hardware.SensorManager.registerListener",
    "android.provider.Settings.Secure.getString",
    "android.app.Dialog.show",
)


class RunBuilder:
    """A run folder written by hand. Times are seconds after T0."""

    def __init__(self, path: Path, *, category: str | None = None, package: str = "com.example.app") -> None:
        self.path = path
        self.category = category
        self.package = package
        self.statuses: dict[str, str] = {}
        self.steps: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.hooks = list(HOOKS)
        self._shots = 0
        (path / "ui").mkdir(parents=True, exist_ok=True)

    def scenario(self, name: str, status: str = "ran") -> RunBuilder:
        self.statuses[name] = status
        return self

    def step(self, at: float, scenario: str, action: str, **detail: Any) -> RunBuilder:
        self.statuses.setdefault(scenario, "ran")
        self.steps.append({"ts": T0 + at, "scenario": scenario, "action": action, "detail": detail})
        return self

    def event(
        self,
        at: float,
        api: str,
        data_type: str | None,
        *,
        kind: str = "data",
        sdk: str | None = None,
        outcome: str = "returned",
        args: tuple[str, ...] = (),
    ) -> RunBuilder:
        self.events.append(
            {
                "ts": T0 + at,
                "api": api,
                "kind": kind,
                "data_type": data_type,
                "value": None,
                "sdk": sdk,
                "stack": [],
                "args": list(args),
                "outcome": outcome,
            }
        )
        return self

    def screen(self, at: float, scenario: str, xml: str, label: str = "screen") -> str:
        """Write a UI dump and record the `screen` step pointing at it; returns its ref."""
        self._shots += 1
        ref = f"ui/{self._shots:04d}-{scenario}.xml"
        (self.path / ref).write_text(xml, encoding="utf-8")
        self.step(at, scenario, "screen", label=label, ui=ref, screenshot=ref.replace(".xml", ".png"))
        return ref

    def launch(self, at: float, scenario: str, *, fresh: bool) -> RunBuilder:
        if fresh:
            self.step(at, scenario, "clear_data")
        return self.step(at, scenario, "launch", fresh=fresh).step(at + 0.5, scenario, "launched", pid=1)

    def view(self) -> RunView:
        manifest = {
            "schema": 1,
            "status": "ok",
            "app": {"package": self.package, "label": "Example", "version": "1", "category": self.category},
            "device": {"backend": "sim", "serial": "sim-0", "android": "9"},
            "coverage": {"scenarios": self.statuses, "hooks_installed": self.hooks, "capture": "off"},
        }
        (self.path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        for name, records in (("steps.jsonl", self.steps), ("events.jsonl", self.events)):
            ordered = sorted(records, key=lambda r: r["ts"])
            lines = [
                json.dumps({**r, "schema": 1, "seq": i}, ensure_ascii=False) for i, r in enumerate(ordered)
            ]
            (self.path / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        return RunView.load(self.path)


def verdict_of(view: RunView, rule: str) -> dict[str, Any]:
    return next(v.to_json() for v in evaluate(view).verdicts if v.rule == rule)


def test_every_rule_of_the_contract_has_a_detector() -> None:
    rules = {rule.id for rule in load_rules()}
    assert rules == set(registered_detectors())


def test_an_empty_run_gets_one_verdict_per_rule_and_no_detector_crashes(tmp_path: Path) -> None:
    evaluation = evaluate(RunBuilder(tmp_path).view())
    assert [v.rule for v in evaluation.verdicts] == [rule.id for rule in load_rules()]
    assert evaluation.detector_errors == []
    for verdict in (v.to_json() for v in evaluation.verdicts):
        if verdict["rule"] not in (
            "pi_access_before_consent",
            "pi_transmitted_before_consent",
            "pi_shared_with_third_party",
        ):
            assert verdict["status"] == "not_tested", verdict
            assert verdict["summary"]


def test_scenario_windows_follow_the_plan_order(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path)
    run.launch(0, "first_launch", fresh=True).launch(5, "consent_reject", fresh=True)
    run.step(9, "consent_reject", "stop").launch(10, "permission_grant", fresh=True)
    view = run.view()
    first = scenario_run(view, "first_launch")
    reject = scenario_run(view, "consent_reject")
    assert first is not None and reject is not None
    assert (first.window.start, first.window.end) == (T0, T0 + 5)
    assert T0 + 9 in reject.window and T0 + 10 not in reject.window
    assert [(w.start - T0) for w in processes(view)] == [0, 5, 10]
    assert not_run(view, "first_launch") is None
    skipped = not_run(view, "shake")
    assert skipped is not None and skipped.status == "not_tested" and "shake" in skipped.summary


def test_ui_refs_are_read_only_from_the_ui_folder(tmp_path: Path) -> None:
    run = RunBuilder(tmp_path)
    ref = run.screen(1, "first_launch", dump(node(text="hello")))
    view = run.view()
    screen = load_screen(view, ref)
    assert screen is not None and screen.texts() == ["hello"]
    for hostile in (
        "ui/../manifest.json",
        "../ui/x.xml",
        "/etc/passwd",
        "ui/sub/x.xml",
        7,
        None,
        "ui/missing.xml",
    ):
        assert load_screen(view, hostile) is None
