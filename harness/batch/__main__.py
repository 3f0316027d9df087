"""`python -m harness.batch batch|worker …`: the batch commands without the main CLI."""

from __future__ import annotations

import argparse
import sys

from harness.batch.cli import register
from harness.errors import ExitCode, ProbeError, one_line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.batch")
    commands = register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return commands[args.command](args)
    except ProbeError as exc:
        print(f"privacy-probe: error: {one_line(str(exc))}", file=sys.stderr)
        return ExitCode.ERROR


if __name__ == "__main__":
    sys.exit(main())
