"""ad_window_not_closable (开屏弹窗关不掉, 互联网广告管理办法 第十条(一), 信息通信服务感知提升行动
"找得到、关得了"), from the popup_watch scenario (see harness/detect/popup_windows.py).

Fails when a pop-up offered no working close control (关闭 / × / 跳过 / Close / Skip …) and BACK
did not dismiss it either — e.g. a splash ad that only goes away when its countdown ends. Hook
events of Dialog.show / PopupWindow.show* in the watch are cited as corroboration.
"""

from __future__ import annotations

from harness.detect.engine import Outcome, detector
from harness.detect.plan import event_evidence, events_in, step_evidence
from harness.detect.popup_windows import hook_corroboration, shown_in_watch, watch
from harness.detect.view import RunView

PLAIN_POPUP_API = "android.widget.PopupWindow.show"


@detector("ad_window_not_closable")
def ad_window_not_closable(view: RunView) -> Outcome:
    watched = watch(view)
    if isinstance(watched, Outcome):
        return watched
    run, popups, seconds = watched.run, watched.popups, watched.seconds
    stuck = [p for p in popups if p.detail.get("closed_by") is None]
    evidence = [
        step_evidence(
            p,
            ui=p.detail.get("ui"),
            close_control=p.detail.get("close_control"),
            closed_by=p.detail.get("closed_by"),
        )
        for p in popups
    ]
    if stuck:
        first = stuck[0]
        control = first.detail.get("close_control")
        how = f"its close control {control!r} did not close it" if control else "it has no close control"
        return Outcome(
            "fail",
            f"{len(stuck)} pop-up(s) could not be closed: {how} and BACK did not dismiss it "
            f"({first.detail.get('ui')})",
            evidence=evidence + hook_corroboration(view, run),
        )
    shown = shown_in_watch(view, run)
    plain = [e for e in events_in(view, run.window) if e.api.startswith(PLAIN_POPUP_API) and e.ts in shown]
    if not popups and plain:
        return Outcome(
            "inconclusive",
            f"the app showed {len(plain)} PopupWindow(s) that no UI dump showed (a PopupWindow is not "
            "focusable by default, so uiautomator dumps the window under it): their close control could "
            "not be tried",
            evidence=[event_evidence(e) for e in plain[:5]],
        )
    if not popups:
        return Outcome(
            "pass", f"no pop-up appeared in the {seconds:.0f} s watch (app time) after a cold start"
        )
    ways = sorted({str(p.detail.get("closed_by")) for p in popups})
    return Outcome(
        "pass", f"all {len(popups)} pop-up(s) closed at once (by {', '.join(ways)})", evidence=evidence
    )
