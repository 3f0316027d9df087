"""Shake the device the way ordinary handling does: does a "摇一摇" ad jump away anyway?

Skipped (recorded as `shake_skipped`) when the app never registered an accelerometer listener:
then no shake can trigger anything. Otherwise every trace is played in real time, and a
`shake_trace` step records its parameters and the screen before and after; the detector
decides which traces were below the thresholds.
"""

from __future__ import annotations

import time
from typing import Any

from harness.interact.motion import DEFAULT_TRACES, SENSOR_TYPE_ACCELEROMETER, ShakeTrace, trace_from
from harness.interact.ready import ready_after_consent
from harness.records import read_jsonl
from harness.scenario import Observation, ScenarioContext, now, observes_app_death
from harness.steps import StepAction

NAME = "shake"
DESCRIPTION = "After consent, inject walking, pick-up, jolt and near-threshold shakes; watch for jumps."
REGISTER_LISTENER = "android.hardware.SensorManager.registerListener"


@observes_app_death
def run(ctx: ScenarioContext) -> None:
    ready = ready_after_consent(ctx)
    if ready is None:
        return
    if not _listens_to_accelerometer(ctx):
        ctx.step(StepAction.SHAKE_SKIPPED, reason="the app registered no accelerometer listener")
        return
    for trace in _traces(ctx):
        before = ctx.observe(f"before {trace.name}")
        if not ctx.in_front(before.screen):
            ctx.resume()
            before = ctx.observe(f"before {trace.name}")
        started = now()
        delivered = _play(ctx, trace)
        after = ctx.observe(f"after {trace.name}")
        redirected = not ctx.in_front(after.screen) or after.hash != before.hash
        ctx.step_at(
            started,
            StepAction.SHAKE_TRACE,
            **trace.describe(),
            samples=delivered,
            before=_where(before),
            after=_where(after),
            redirected=redirected,
        )
        if redirected:
            _return(ctx)


def _traces(ctx: ScenarioContext) -> tuple[ShakeTrace, ...]:
    custom = ctx.options.get("shake_traces")
    if isinstance(custom, list | tuple) and custom:
        return tuple(trace_from(raw) for raw in custom)
    return DEFAULT_TRACES


def _listens_to_accelerometer(ctx: ScenarioContext) -> bool:
    """Whether the agent saw the app register for accelerometer readings in this run."""
    for event in read_jsonl(ctx.events.path):
        if event.get("api") != REGISTER_LISTENER:
            continue
        args = event.get("args")
        if isinstance(args, list) and any(f"type={SENSOR_TYPE_ACCELEROMETER}," in str(a) for a in args):
            return True
    return False


def _play(ctx: ScenarioContext, trace: ShakeTrace) -> int:
    """Inject the samples at the trace's rate, in real time; returns how many were delivered."""
    period = 1.0 / trace.rate_hz
    start = time.monotonic()
    delivered = 0
    for index, sample in enumerate(trace.samples()):
        delay = start + index * period - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        if not ctx.running():
            ctx.record_exit(f"shake trace {trace.name}")
            break
        ctx.inject_sensor(SENSOR_TYPE_ACCELEROMETER, sample)
        delivered += 1
    return delivered


def _where(observation: Observation) -> dict[str, Any]:
    return {"package": observation.package, "hash": observation.hash, "ui": observation.ui}


def _return(ctx: ScenarioContext) -> None:
    """Back to where the trace started: BACK, else bring the app to the front again."""
    if not ctx.running():
        return
    ctx.back("return from where the shake led")
    after = ctx.observe("after returning")
    if not ctx.in_front(after.screen) and ctx.running():
        ctx.resume()
        ctx.observe("after returning")
