"""Batch throughput on the sim device: 1 vs 2 devices, and Dask vs the local pool.

Runs the same catalog (the bundled example apps, repeated under distinct names; scenario
first_launch) three times, each into a fresh output folder:

- local pool, `--devices sim:1`
- local pool, `--devices sim:2`
- Dask LocalCluster of 2 worker processes, each owning one sim device

and prints apps/hour for each, then `scaling_2_vs_1=R` (sim:2 over sim:1) and, last,
`dask_vs_local=R` (Dask with 2 devices over the local pool with 2 devices).
Wall time includes everything a user waits for (runner processes, Frida, mitmdump, analysis).
Usage: python benchmarks/batch_scaling.py [--apps 6] [--duration 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from harness.batch.dask_runner import start_local_cluster
from harness.batch.driver import BatchRequest, run_batch
from harness.batch.job import BatchSettings
from harness.batch.progress import PlainLog
from harness.paths import PROJECT_ROOT


def write_catalog(folder: Path, apps: int) -> Path:
    examples = sorted(p.parent for p in (PROJECT_ROOT / "examples").glob("*/AndroidManifest.xml"))
    lines = ["app,name"] + [f"{examples[i % len(examples)]},app{i:02d}" for i in range(apps)]
    path = folder / "catalog.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed_batch(
    catalog: Path, out: Path, settings: BatchSettings, devices: str = "sim:1", scheduler: str | None = None
) -> float:
    started = time.monotonic()
    index = run_batch(
        BatchRequest(catalog=catalog, out=out, settings=settings, devices=devices, scheduler=scheduler),
        PlainLog(sys.stderr),
    )
    seconds = time.monotonic() - started
    totals = index.totals
    if totals.done != totals.apps:
        raise SystemExit(f"{out}: {totals.failed} apps failed; throughput would be meaningless")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=6)
    parser.add_argument("--duration", type=float, default=1.0, help="dwell time per scenario")
    args = parser.parse_args()
    settings = BatchSettings(scenarios=("first_launch",), duration_s=args.duration, timeout_s=300)
    with tempfile.TemporaryDirectory(prefix="pp-batch-bench-") as tmp:
        folder = Path(tmp)
        catalog = write_catalog(folder, args.apps)
        # an untimed batch warms the compile caches, so that no configuration pays for them
        (folder / "warm").mkdir()
        timed_batch(write_catalog(folder / "warm", 2), folder / "warm-out", settings, devices="sim:1")
        one = timed_batch(catalog, folder / "local-1", settings, devices="sim:1")
        two = timed_batch(catalog, folder / "local-2", settings, devices="sim:2")
        cluster, client = start_local_cluster(workers=2, devices_per_worker="sim:1")
        try:
            dask = timed_batch(catalog, folder / "dask-2", settings, scheduler=cluster.scheduler_address)
        finally:
            client.close()  # type: ignore[no-untyped-call]
            cluster.close()
    for label, seconds in (("local_sim1", one), ("local_sim2", two), ("dask_2_workers", dask)):
        print(
            f"apps_per_hour_{label}={args.apps / seconds * 3600:.0f} ({seconds:.1f} s for {args.apps} apps)"
        )
    print(f"scaling_2_vs_1={one / two:.2f}")
    print(f"dask_vs_local={two / dask:.2f}")


if __name__ == "__main__":
    main()
