"""Refuse the privacy policy all the way (a second "are you sure" dialog too, basic mode where
offered): does the app keep asking, and where does it end — usable, in basic mode, blocked, or
gone? The end is recorded as `consent_refusal_end` after the watch."""

from __future__ import annotations

from harness.interact.consent import Refusal, find_consent, refusal_end, refuse_consent
from harness.scenario import ScenarioContext, observes_app_death

NAME = "consent_reject"
DESCRIPTION = "On fresh data, refuse the privacy dialog (again while it keeps asking), then watch."
AFTER_REFUSAL_S = 2.0


@observes_app_death
def run(ctx: ScenarioContext) -> None:
    state = ctx.process_state()
    untouched = state.launched and state.fresh and not state.interacted
    if not untouched:
        if state.launched:
            ctx.stop_app()
        ctx.launch(fresh=True)
    # an untouched first launch has been watched for the whole dwell already
    found = find_consent(ctx, 0.0 if untouched else None)
    refusal: Refusal | None = None
    if found is not None:
        refusal = refuse_consent(ctx, found)
    if ctx.running():
        watch = ctx.option("after_refusal_watch", min(AFTER_REFUSAL_S, ctx.dwell_s))
        if ctx.dwell(watch, "after refusing consent"):
            ctx.observe("after refusal dwell")
    if refusal is not None and refusal.refusals > 0:
        refusal_end(ctx, refusal)
    if ctx.running():
        ctx.stop_app()
    else:
        ctx.record_exit("after refusing consent")
