"""The `batch` and `worker` subcommands; `harness.cli` adds them with `register(subparsers)`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness.arguments import positive_seconds, seconds
from harness.documents.batch_index import BatchIndex
from harness.errors import ExitCode, InputError

Command = Callable[[argparse.Namespace], int]


def register(subparsers: Any) -> dict[str, Command]:
    """Add `batch` and `worker` to the CLI's subparsers; returns their handlers by name."""
    batch = subparsers.add_parser(
        "batch", help="run every app of a catalog CSV (resumable; local devices or a Dask farm)"
    )
    batch.add_argument("catalog", type=Path, help="CSV with columns app[,category,name,first_party,cited]")
    batch.add_argument("--out", type=Path, default=Path("out/batch"), help="output folder (resumable)")
    batch.add_argument(
        "--devices", default="sim:1", metavar="sim:N|SERIAL,…",
        help="the devices to run on: sim:N simulated devices or adb serials (default sim:1)",
    )  # fmt: skip
    batch.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on a Dask cluster instead")
    batch.add_argument(
        "--connect-timeout", type=positive_seconds, default=10.0, metavar="S",
        help="how long to wait for the --scheduler to answer (default 10 s)",
    )  # fmt: skip
    batch.add_argument(
        "--timeout", type=positive_seconds, default=600.0, metavar="S", help="time budget per app"
    )
    batch.add_argument(
        "--retries", type=int, default=2, metavar="N",
        help="extra attempts on another device after an infrastructure failure (default 2)",
    )  # fmt: skip
    batch.add_argument("--duration", type=seconds, default=None, metavar="S", help="dwell time per scenario")
    batch.add_argument("--scenario", action="append", dest="scenarios", metavar="NAME", help="repeatable")
    rerun = batch.add_mutually_exclusive_group()
    rerun.add_argument("--rerun-failed", action="store_true", help="run apps that failed again")
    rerun.add_argument("--rerun-all", action="store_true", help="run every app again")

    worker = subparsers.add_parser("worker", help="serve this host's devices to a Dask batch scheduler")
    worker.add_argument("--scheduler", required=True, metavar="tcp://HOST:PORT")
    worker.add_argument(
        "--connect-timeout", type=positive_seconds, default=30.0, metavar="S",
        help="give up when the scheduler cannot be reached for this long (default 30 s)",
    )  # fmt: skip
    worker.add_argument("--devices", default="sim:1", metavar="sim:N|SERIAL,…")
    worker.add_argument("--name", help="the worker's name in the cluster (default: its address)")
    worker.add_argument("--device-home", type=Path, help="where sim devices keep their storage")
    return {"batch": cmd_batch, "worker": cmd_worker}


def _settings(args: argparse.Namespace) -> Any:
    import scenarios
    from harness.batch.job import BatchSettings

    if args.retries < 0:
        raise InputError(f"--retries must be >= 0, got {args.retries}")
    for name in args.scenarios or ():
        scenarios.load(name)
    return BatchSettings(
        scenarios=tuple(args.scenarios) if args.scenarios else None,
        duration_s=args.duration,
        timeout_s=args.timeout,
        retries=args.retries,
    )


def cmd_batch(args: argparse.Namespace) -> int:
    from harness.batch.driver import BatchRequest, run_batch
    from harness.batch.progress import make_progress, print_summary

    if args.scheduler is not None:
        from harness.batch.dask_runner import check_scheduler_address

        check_scheduler_address(args.scheduler)
    request = BatchRequest(
        catalog=args.catalog,
        out=args.out,
        devices=args.devices,
        scheduler=args.scheduler,
        connect_timeout_s=args.connect_timeout,
        settings=_settings(args),
        rerun="all" if args.rerun_all else "failed" if args.rerun_failed else "none",
    )
    index = run_batch(request, make_progress())
    print_summary(index)
    print(f"batch index: {request.out.resolve() / 'batch.json'}")
    problem = untested_summary(index)
    if problem is not None:
        print(f"privacy-probe: {problem}", file=sys.stderr)
        return ExitCode.ERROR
    return ExitCode.FINDINGS if index.totals.with_findings else ExitCode.OK


def untested_summary(index: BatchIndex) -> str | None:
    """Why the batch did not test every app fully, or None when it did."""
    totals = index.totals
    untested = totals.failed + totals.pending
    # tested, but part of the run was not observed (a scenario could not run…): a pass may be false
    partial = [app.app_id for app in index.apps if app.incomplete]
    parts = (
        [f"{untested} of {totals.apps} apps could not be tested (see the triage column)"] if untested else []
    )
    if partial:
        parts.append(f"{len(partial)} runs are incomplete: {', '.join(partial)}")
    return "; ".join(parts) or None


def cmd_worker(args: argparse.Namespace) -> int:
    from harness.batch.dask_runner import serve_worker

    home = str(args.device_home.resolve()) if args.device_home else None
    serve_worker(args.scheduler, args.devices, args.name, home, args.connect_timeout)
    return ExitCode.OK
