"""Detection: pure functions from a run folder to one verdict per rule.

Importing this package registers the built-in detectors (one module per rule).
"""

from harness.detect import pi_access, pi_sharing, pi_transmission
from harness.detect.registry import evaluate, load_rules, registered_detectors
from harness.detect.view import RunView

BUILTIN_DETECTORS = (pi_access, pi_transmission, pi_sharing)

__all__ = ["BUILTIN_DETECTORS", "RunView", "evaluate", "load_rules", "registered_detectors"]
