"""The one-module-per-rule convention of harness/detect/rules, and the map of where each rule's
must-fire and must-not-fire cases are tested.

Adding a rule means: its entry in harness/data/rules.json, a module rules/<rule_id>.py holding
its `@detector`, and tests with a run on which it must fail and one on which it must pass, named
in RULE_CASES below. The checks here are static (they read the named tests, they do not run
them): a named test must exist and mention the rule (directly, through a module constant or a
module-level helper) and the status it expects; running it is its own module's job.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import harness.detect.engine as engine
from harness.detect import RULE_MODULES, load_rules, registered_detectors
from harness.detect.rules import RuleModuleError, import_rule_modules

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "harness" / "detect" / "rules"
MAX_LINES = 300

# rule id -> (a test in which it must fail, a test in which it must pass)
RULE_CASES: dict[str, tuple[str, str]] = {
    "pi_access_before_consent": (
        "test_detect_analysis.py::test_leaky_sdk_run",
        "test_detect_analysis.py::test_clean_run_passes",
    ),
    "pi_transmitted_before_consent": (
        "test_detect_analysis.py::test_leaky_sdk_run",
        "test_detect_analysis.py::test_clean_run_passes",
    ),
    "pi_shared_with_third_party": (
        "test_detect_analysis.py::test_leaky_sdk_run",
        "test_detect_analysis.py::test_clean_run_passes",
    ),
    "consent_not_explicit": (
        "test_rules_consent_form.py::test_pre_ticked_box_fails_even_with_both_buttons",
        "test_rules_consent_form.py::test_explicit_dialog_passes",
    ),
    "exit_on_permission_denial": (
        "test_rules_permissions.py::test_closing_itself_right_after_the_denial_fails",
        "test_rules_permissions.py::test_an_app_that_keeps_working_after_denials_passes_both",
    ),
    "frequent_reprompt_after_refusal": (
        "test_rules_permissions.py::test_asking_again_in_the_same_launch_or_on_relaunch_fails",
        "test_rules_permissions.py::test_an_app_that_keeps_working_after_denials_passes_both",
    ),
    "high_frequency_collection": (
        "test_rules_frequency.py::test_three_reads_two_seconds_apart_fail",
        "test_rules_frequency.py::test_two_reads_or_reads_more_than_thirty_seconds_apart_pass",
    ),
    "background_collection": (
        "test_rules_background.py::test_a_read_in_the_background_fails",
        "test_rules_background.py::test_reads_while_leaving_or_in_front_and_sensor_registrations_pass",
    ),
    "beyond_necessary_scope": (
        "test_rules_scope.py::test_device_ids_are_outside_every_category",
        "test_rules_scope.py::test_location_in_a_map_app_is_within_scope",
    ),
    "popup_harassment": (
        "test_rules_popups.py::test_coming_back_after_being_closed_fails_at_once",
        "test_rules_popups.py::test_a_quiet_app_passes_both",
    ),
    "ad_window_not_closable": (
        "test_rules_popups.py::test_a_pop_up_neither_close_control_nor_back_dismisses_fails",
        "test_rules_popups.py::test_closed_by_back_or_its_control_passes",
    ),
    "shake_redirect_too_sensitive": (
        "test_rules_shake.py::test_a_jump_after_a_movement_just_below_fails",
        "test_rules_shake.py::test_a_jump_only_after_a_shake_just_above_passes",
    ),
    "account_cancellation_missing": (
        "test_rules_account.py::test_no_entry_in_an_app_with_accounts_fails",
        "test_rules_account.py::test_an_entry_within_four_operations_that_reaches_its_confirmation_passes_both",
    ),
    "account_cancellation_obstructed": (
        "test_rules_account.py::test_five_operations_is_one_too_many",
        "test_rules_account.py::test_an_entry_within_four_operations_that_reaches_its_confirmation_passes_both",
    ),
    "store_listing_incomplete": (
        "test_scan_declared.py::test_an_incomplete_listing_fails",
        "test_scan_declared.py::test_a_complete_listing_passes",
    ),
    "exit_on_policy_refusal": (
        "test_rules_policy_refusal.py::test_exit_close_or_block_after_refusal_fails",
        "test_rules_policy_refusal.py::test_basic_mode_and_usable_pass",
    ),
    "permission_prompt_misleading": (
        "test_rules_permission_prompt_misleading.py::test_pre_permission_screen_without_a_way_to_refuse_fails",
        "test_rules_permission_prompt_misleading.py::test_pre_permission_screen_with_not_now_passes",
    ),
}


def rule_ids() -> list[str]:
    return [rule.id for rule in load_rules()]


def test_every_rule_has_exactly_one_module_named_after_it() -> None:
    modules = sorted(p.stem for p in RULES_DIR.glob("*.py") if p.name != "__init__.py")
    assert modules == sorted(rule_ids())
    assert not [p for p in RULES_DIR.iterdir() if p.is_dir() and p.name != "__pycache__"]
    assert [m.__name__.rsplit(".", 1)[-1] for m in RULE_MODULES] == modules


def test_each_module_registers_the_detector_of_its_own_rule() -> None:
    for rule_id, detect in registered_detectors().items():
        assert detect.__module__ == f"harness.detect.rules.{rule_id}"


@pytest.mark.parametrize("rule_id", rule_ids())
def test_rule_modules_stay_small(rule_id: str) -> None:
    text = (RULES_DIR / f"{rule_id}.py").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES or "over 300 lines" in text.split('"""')[1]


def fake_rules_package(tmp_path: Path, name: str, modules: dict[str, str]) -> str:
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for module, body in modules.items():
        (package / f"{module}.py").write_text(
            f"from harness.detect.engine import Outcome, detector\n{body}\n", encoding="utf-8"
        )
    return str(package)


def registering(rule_id: str) -> str:
    return f"@detector({rule_id!r})\ndef found(view: object) -> Outcome:\n    return Outcome('pass', 'x')\n"


@pytest.fixture
def empty_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_DETECTORS", {})
    monkeypatch.syspath_prepend(str(tmp_path))


@pytest.mark.usefixtures("empty_registry")
def test_a_module_not_named_after_a_rule_is_a_clear_error(tmp_path: Path) -> None:
    path = fake_rules_package(tmp_path, "misnamed_rules", {"popups": registering("popup_harassment")})
    with pytest.raises(RuleModuleError, match=r"misnamed_rules/popups\.py: 'popups' is not a rule id"):
        import_rule_modules("misnamed_rules", [path])
    helper = fake_rules_package(tmp_path, "helper_rules", {"_shared": "LIMIT = 2"})
    with pytest.raises(RuleModuleError, match=r"helper_rules/_shared\.py: '_shared' is not a rule id"):
        import_rule_modules("helper_rules", [helper])


@pytest.mark.usefixtures("empty_registry")
def test_a_module_must_register_its_own_rule_and_nothing_else(tmp_path: Path) -> None:
    cases = {
        "other_rule": (
            {"popup_harassment": registering("ad_window_not_closable")},
            "registers ad_window_not_closable;",
        ),
        "two_rules": (
            {"popup_harassment": registering("popup_harassment") + registering("ad_window_not_closable")},
            "registers ad_window_not_closable, popup_harassment;",
        ),
        "no_rule": ({"popup_harassment": "RULE = 'popup_harassment'"}, "registers no detector;"),
    }
    for name, (modules, problem) in cases.items():
        engine._DETECTORS.clear()
        path = fake_rules_package(tmp_path, name, modules)
        with pytest.raises(RuleModuleError, match=f"{name}/popup_harassment.py {problem}"):
            import_rule_modules(name, [path])
    good = fake_rules_package(tmp_path, "good_rules", {"popup_harassment": registering("popup_harassment")})
    engine._DETECTORS.clear()
    (module,) = import_rule_modules("good_rules", [good])
    assert (
        registered_detectors()["popup_harassment"].__module__
        == module.__name__
        == "good_rules.popup_harassment"
    )
    for name in ("other_rule", "two_rules", "no_rule", "good_rules"):
        for loaded in [m for m in sys.modules if m == name or m.startswith(f"{name}.")]:
            del sys.modules[loaded]


def test_every_rule_names_its_must_fire_and_must_not_fire_tests() -> None:
    assert sorted(RULE_CASES) == sorted(rule_ids())


@pytest.mark.parametrize("rule_id", rule_ids())
def test_the_named_cases_exist_and_expect_fail_and_pass(rule_id: str) -> None:
    assert rule_id in RULE_CASES, f"{rule_id}: name its must-fail and must-pass tests in RULE_CASES"
    fires, holds = RULE_CASES[rule_id]
    for case, status in ((fires, "fail"), (holds, "pass")):
        file_name, test_name = case.split("::")
        tree = ast.parse((ROOT / "tests" / file_name).read_text(encoding="utf-8"))
        functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
        assert test_name in functions, f"{case}: no such test"
        test = functions[test_name]
        assert rule_id in _mentioned(test, tree, functions), f"{case} does not mention {rule_id}"
        assert status in _strings(test), f"{case} expects no {status!r}"


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _mentioned(test: ast.FunctionDef, tree: ast.Module, functions: dict[str, ast.FunctionDef]) -> set[str]:
    """The strings a test names: its own, those of the module constants and module-level helper
    functions it refers to."""
    constants = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found = _strings(test)
    for name in {n.id for n in ast.walk(test) if isinstance(n, ast.Name)}:
        if name in constants:
            found |= _strings(constants[name])
        elif name in functions and name != test.name:
            found |= _strings(functions[name])
    return found
