"""Locating SSL_write/SSL_read in real Flutter engines (harness/apk/boringssl.py), against
`grep -c -F ssl_lib.cc` over the same file: the cost of reading the code, relative to the cost of
merely finding the string it starts from.

The engines: flet's desktop wheels on PyPI (tests/fixtures/flutter_engines.py), x86-64 and
AArch64, fetched with pip into the tool's cache on first use. Each is located twice: with its
unwind table, and with it hidden (function starts from direct call targets). Best of N rounds.

Run: .venv/bin/python benchmarks/locate_tls.py [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
from functools import partial
from pathlib import Path

from harness.apk.boringssl import locate_tls_functions

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.timing import best_of
from tests.fixtures.flutter_engines import flutter_engine

ENGINES = (
    ("flet-desktop", "0.28.3", "x64"),
    ("flet-desktop", "0.28.3", "arm64"),
    ("flet-desktop-light", "0.80.2", "x64"),
    ("flet-desktop-light", "0.80.2", "arm64"),
)
PT_GNU_EH_FRAME = struct.pack("<I", 0x6474E550)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    grep = shutil.which("grep") or "grep"  # part of every Debian base system
    for distribution, version, arch in ENGINES:
        path = flutter_engine(distribution, version, arch)
        data = path.read_bytes()
        hidden = data.replace(PT_GNU_EH_FRAME, struct.pack("<I", 0x6474E551), 1)
        megabytes = len(data) / 1e6
        with_table = best_of(args.rounds, partial(locate_tls_functions, data))
        without = best_of(args.rounds, partial(locate_tls_functions, hidden))
        search = [grep, "-c", "-F", "ssl_lib.cc", str(path)]
        grep_s = best_of(args.rounds, partial(subprocess.run, search, check=True, capture_output=True))
        print(
            f"{distribution} {version} {arch}: {megabytes:.1f} MB, locate {with_table * 1000:.0f} ms "
            f"(call targets {without * 1000:.0f} ms), grep -F {grep_s * 1000:.0f} ms, "
            f"ratio locate/grep {with_table / grep_s:.1f} ({without / grep_s:.1f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
