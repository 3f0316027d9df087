"""Detection: pure functions from a run folder to one verdict per rule.

Importing this package registers the built-in detectors (one module per rule).
"""

from harness.detect import (
    pi_access,
    pi_sharing,
    pi_transmission,
    rule_account,
    rule_background,
    rule_consent_form,
    rule_frequency,
    rule_permission_prompt_misleading,
    rule_permissions,
    rule_policy_refusal,
    rule_popups,
    rule_scope,
    rule_shake,
    rule_store_listing,
)
from harness.detect.registry import evaluate, load_rules, registered_detectors
from harness.detect.view import RunView

BUILTIN_DETECTORS = (
    pi_access,
    pi_transmission,
    pi_sharing,
    rule_consent_form,
    rule_permissions,
    rule_policy_refusal,
    rule_permission_prompt_misleading,
    rule_frequency,
    rule_background,
    rule_scope,
    rule_popups,
    rule_shake,
    rule_account,
    rule_store_listing,
)

__all__ = ["BUILTIN_DETECTORS", "RunView", "evaluate", "load_rules", "registered_detectors"]
