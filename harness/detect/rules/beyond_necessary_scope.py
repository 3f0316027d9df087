"""beyond_necessary_scope (超出必要个人信息范围, 必要个人信息范围规定 第四条/第五条): personal
information collected that the app's category does not need for its basic function.

The category comes from `--category` (manifest app.category): a type number 1–39, its Chinese
name (with or without 类), its key or English name, or an alias such as "weather" or "news"
(harness/data/necessary_pi.json). Every personal-information read in the run counts, except
reads within USER_ACTION_S after the harness tapped one of the app's functions (a feature the
user invoked, e.g. while exploring). A read refused with SecurityException counts as an
attempt. Example: a weather app (实用工具类, no personal information needed) whose SDK reads the
device ID and the installed-app list.
"""

from __future__ import annotations

from harness.detect.app_categories import find_category
from harness.detect.engine import Outcome, detector
from harness.detect.plan import event_evidence, first_per_group, pi_reads, short_api
from harness.detect.view import RunView
from harness.records import HookEvent
from harness.steps import StepAction

USER_ACTION_S = 3.0


def _user_initiated(view: RunView) -> list[float]:
    return [s.ts for s in view.steps if s.action == StepAction.TAP and s.detail.get("feature") is True]


def _counted(view: RunView) -> list[HookEvent]:
    taps = _user_initiated(view)
    return [e for e in pi_reads(view.events) if not any(0 <= e.ts - t <= USER_ACTION_S for t in taps)]


@detector("beyond_necessary_scope")
def beyond_necessary_scope(view: RunView) -> Outcome:
    name = view.app.category
    if name is None or not name.strip():
        return Outcome(
            "not_tested", "no app category was given (--category: a type 1–39 of the 2021 necessary-PI rule)"
        )
    category = find_category(name)
    if category is None:
        return Outcome(
            "not_tested", f"unknown category {name!r}: not one of the 39 types of the 2021 necessary-PI rule"
        )
    if missing := view.events_missing_reason:
        return Outcome("not_tested", missing)
    label = f"{category.zh} ({category.id}. {category.en})"
    needed = ", ".join(category.necessary_pi) or "no personal information"
    reads = _counted(view)
    outside = [e for e in reads if e.data_type not in category.data_types]
    if not outside:
        seen = sorted({e.data_type for e in reads if e.data_type})
        return Outcome(
            "pass",
            f"{label} needs {needed}; collected: {', '.join(seen) or 'nothing'}, all within that scope",
        )
    groups = first_per_group(outside)
    types = sorted({e.data_type for e in outside if e.data_type})
    items = [f"{e.data_type} via {short_api(e.api)} by {e.sdk or 'app code'} x{count}" for e, count in groups]
    return Outcome(
        "fail",
        f"{label} needs {needed}, but the app collected {', '.join(types)}: {'; '.join(items[:6])}",
        data_types=types,
        evidence=[event_evidence(e, count=count, category=category.key) for e, count in groups],
    )
