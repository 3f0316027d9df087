"""One module per rule, named after the rule's id in harness/data/rules.json.

Importing this package imports every module in it, which registers their detectors.
"""

import importlib
import pkgutil

RULE_MODULES = tuple(
    importlib.import_module(f"{__name__}.{info.name}")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
    if not info.name.startswith("_")
)
