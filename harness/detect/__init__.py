"""Detection: pure functions from a run folder to one verdict per rule.

- `engine`: the rule data, the `@detector` registry and `evaluate` (one verdict per rule);
- `view`: `RunView`, what a run recorded, indexed for detectors;
- `match/`: the matching library (canary encodings, decoding layers, coordinates, transforms,
  hooked TLS plaintext, parties, provenance) that finds personal data in traffic;
- `rules/`: one module per rule, named after its id; importing this package registers them;
- beside them, what rules read or share: `plan` (the scenario plan read back: scenario windows,
  app clock, UI dumps, evidence), `consent_ambiguity` (unanswered privacy dialogs, what "before
  consent" means), `cancellation`, `permission_answers`, `permission_words`, `popup_windows`,
  `app_categories`, `store_listing`, `declared_observed` and `user_inputs`.
"""

from harness.detect.engine import evaluate, load_rules, registered_detectors
from harness.detect.rules import RULE_MODULES
from harness.detect.view import RunView

__all__ = ["RULE_MODULES", "RunView", "evaluate", "load_rules", "registered_detectors"]
