"""One module per rule, named after the rule's id in harness/data/rules.json.

Importing this package imports every module in it, which registers their detectors. The
convention is checked as they load: a module whose name is not a rule id, or that registers
anything but the detector of its own rule, stops the import with a `RuleModuleError` naming the
file. Code that several rules share lives beside this package (harness/detect/*.py), not in it.
"""

import importlib
import pkgutil
from collections.abc import Iterable
from types import ModuleType

from harness.detect.engine import load_rules, registered_detectors


class RuleModuleError(ValueError):
    """A module of a rules package that breaks the one-module-per-rule-id convention."""


def import_rule_modules(package: str, path: Iterable[str]) -> tuple[ModuleType, ...]:
    """Import every module of `package` (found in `path`), checking each registers exactly the
    detector of the rule it is named after."""
    rule_ids = {rule.id for rule in load_rules()}
    modules = []
    for info in sorted(pkgutil.iter_modules(path), key=lambda info: info.name):
        where = f"{package.replace('.', '/')}/{info.name}.py"
        if info.name not in rule_ids:
            raise RuleModuleError(
                f"{where}: {info.name!r} is not a rule id of harness/data/rules.json (a module here is "
                "named after the rule whose detector it holds; shared code goes beside the package)"
            )
        before = set(registered_detectors())
        module = importlib.import_module(f"{package}.{info.name}")
        added = sorted(set(registered_detectors()) - before)
        if added != [info.name]:
            found = f"registers {', '.join(added)}" if added else "registers no detector"
            raise RuleModuleError(f"{where} {found}; it must register the detector of {info.name!r} only")
        modules.append(module)
    return tuple(modules)


RULE_MODULES = import_rule_modules(__name__, __path__)
