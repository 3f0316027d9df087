"""What the user sees while a batch runs: a live bar on a terminal, a plain log otherwise,
and a summary table at the end."""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.table import Table

from harness.batch.events import BatchEvent, DeviceGone, Finished, Retrying, Started
from harness.documents.batch import AppResult
from harness.documents.batch_index import BatchIndex
from harness.documents.verdict import STATUSES

PLAIN_WIDTH = 140


class BatchProgress(Protocol):
    def begin(self, to_run: int, kept: int) -> None: ...
    def handle(self, event: BatchEvent) -> None: ...
    def close(self) -> None: ...


def _outcome(result: AppResult) -> str:
    if result.status == "failed":
        return f"{result.triage} ({result.detail})"
    fails = len(result.failed_rules)
    return f"done: {fails} failed rule{'s' if fails != 1 else ''}" if fails else "done: no fail verdict"


class _Counts:
    def __init__(self) -> None:
        self.done = 0
        self.failed = 0
        self.running: dict[str, str] = {}  # app id → device

    def update(self, event: BatchEvent) -> None:
        if isinstance(event, Started):
            self.running[event.app_id] = event.device
        elif isinstance(event, Retrying):
            self.running.pop(event.app_id, None)
        elif isinstance(event, Finished):
            self.running.pop(event.result.app_id, None)
            if event.result.status == "failed":
                self.failed += 1
            else:
                self.done += 1


class PlainLog:
    """One line per event, with an ETA from the average time per finished app."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._counts = _Counts()
        self._to_run = 0
        self._started = time.monotonic()

    def _line(self, text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=self._stream, flush=True)

    def begin(self, to_run: int, kept: int) -> None:
        self._to_run = to_run
        self._started = time.monotonic()
        self._line(f"batch: {to_run} to run, {kept} already finished")

    def handle(self, event: BatchEvent) -> None:
        counts = self._counts
        counts.update(event)
        if isinstance(event, Started):
            self._line(f"start  {event.app_id} on {event.device} (attempt {event.attempt})")
        elif isinstance(event, Retrying):
            self._line(f"retry  {event.app_id}: {event.triage} on {event.device} ({event.detail})")
        elif isinstance(event, DeviceGone):
            self._line(f"device {event.device} is gone; it gets no more apps")
        elif isinstance(event, Finished):
            finished = counts.done + counts.failed
            elapsed = time.monotonic() - self._started
            eta = elapsed / finished * (self._to_run - finished)
            self._line(
                f"{'fail ' if event.result.status == 'failed' else 'done '}  "
                f"{event.result.app_id}: {_outcome(event.result)} "
                f"[{finished}/{self._to_run}: {counts.done} done, {counts.failed} failed, "
                f"{len(counts.running)} running, ETA {_duration(eta)}]"
            )

    def close(self) -> None:
        pass


class LiveBar:
    """A rich progress bar: apps done / failed / running and the time left."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._counts = _Counts()
        self._progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(
                "[green]{task.fields[done]} done[/] [red]{task.fields[failed]} failed[/] "
                "[cyan]{task.fields[running]} running[/]"
            ),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
        )
        self._task: TaskID | None = None

    def begin(self, to_run: int, kept: int) -> None:
        self._progress.start()
        if kept:
            self._console.print(f"{kept} apps already finished (kept)")
        self._task = self._progress.add_task("batch", total=to_run, done=0, failed=0, running=0)

    def handle(self, event: BatchEvent) -> None:
        counts = self._counts
        counts.update(event)
        if isinstance(event, Retrying):
            self._console.print(f"[yellow]retry[/] {event.app_id}: {event.triage} on {event.device}")
        elif isinstance(event, DeviceGone):
            self._console.print(f"[red]device {event.device} is gone[/]")
        elif isinstance(event, Finished):
            self._console.print(f"{event.result.app_id}: {_outcome(event.result)}", markup=False)
        if self._task is not None:
            self._progress.update(
                self._task,
                completed=counts.done + counts.failed,
                done=counts.done,
                failed=counts.failed,
                running=len(counts.running),
            )

    def close(self) -> None:
        self._progress.stop()


def make_progress() -> BatchProgress:
    if sys.stderr.isatty():
        return LiveBar(Console(stderr=True))
    return PlainLog(sys.stderr)


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def print_summary(index: BatchIndex, out: TextIO = sys.stdout) -> None:
    console = Console(file=out, width=None if out.isatty() else PLAIN_WIDTH)
    table = Table(title="privacy-probe batch", title_justify="left")
    for column in ("app", "status", "triage", "fail/pass/inc/n-t/n-a", "citations", "attempts", "run folder"):
        table.add_column(column, overflow="fold")
    for app in index.apps:
        verdicts = app.verdicts
        counts = "/".join(str(verdicts.get(k, 0)) for k in STATUSES) if verdicts else "-"
        reproduced = sum(1 for c in app.citations if c["result"] == "reproduced")
        cited = f"{reproduced}/{len(app.citations)} reproduced" if app.citations else "-"
        table.add_row(
            app.app_id, app.status, app.triage or "-", counts, cited,
            str(len(app.attempts or ())), app.run_dir or "-",
        )  # fmt: skip
    console.print(table)
    totals, summary = index.totals, index.citations
    console.print(
        f"{totals.apps} apps: {totals.done} done, {totals.failed} failed, "
        f"{totals.pending} pending, {totals.with_findings} with fail verdicts",
        markup=False,
    )
    if summary["reproduced"] + summary["not_reproduced"] + summary["not_testable"]:
        rate = summary["reproduction_rate"]
        console.print(
            f"regulator citations: {summary['reproduced']} reproduced, {summary['not_reproduced']} "
            f"not reproduced, {summary['not_testable']} not testable; reproduction rate "
            f"{'n/a' if rate is None else f'{rate:.0%}'}",
            markup=False,
        )
