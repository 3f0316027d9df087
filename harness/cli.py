"""`privacy-probe`: a thin command line over the library."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import scenarios
from harness import __version__
from harness.api import RunOptions, analyze_run, exit_code_for, probe_app, run_folder_name
from harness.arguments import non_empty, seconds
from harness.errors import ExitCode, ProbeError, one_line, os_error_line

if TYPE_CHECKING:
    from harness.documents import Findings

DEMO_DWELL_S = 3.0
# The example apps spend most of their time waiting on the app (dwell, settle): three sim devices
# share two cores well (12 apps: 3 min 38 s on sim:3 against 5 min 43 s on sim:2, on 2 cores).
DEMO_DEVICES = 3
DEBUG_ENV = "PRIVACY_PROBE_DEBUG"  # set: unexpected errors keep their traceback


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on bad usage already; keep its message to one line."""

    def error(self, message: str) -> Any:
        self.exit(ExitCode.ERROR, f"privacy-probe: error: {message} (see --help)\n")


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--device",
        default="sim",
        help="'sim' (default; 'sim@30'/'sim@33'/'sim@34' picks its API level) or an adb serial",
    )
    parser.add_argument(
        "--scenario", action="append", dest="scenarios", metavar="NAME",
        help=f"run only this scenario (repeatable; available: {', '.join(scenarios.AVAILABLE)})",
    )  # fmt: skip
    parser.add_argument("--category", help="the app's category, for the necessary-data rule")
    parser.add_argument("--no-capture", action="store_true", help="do not route traffic through mitmproxy")
    parser.add_argument("--duration", type=seconds, default=None, metavar="S", help="dwell time per scenario")
    parser.add_argument(
        "--first-party", action="append", default=[], metavar="DOMAIN",
        help="a domain that belongs to the app's operator (repeatable)",
    )  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="privacy-probe", description=__doc__)
    parser.add_argument("--version", action="version", version=f"privacy-probe {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    demo = commands.add_parser("demo", help="run the bundled example apps on the simulated device")
    demo.add_argument("--out", type=Path, default=Path("out/demo"), help="output folder")
    demo.add_argument(
        "--duration", type=seconds, default=DEMO_DWELL_S, metavar="S",
        help=f"dwell time per scenario (default {DEMO_DWELL_S:g} s: enough for the examples)",
    )  # fmt: skip
    demo.add_argument(
        "--devices", default=f"sim:{DEMO_DEVICES}", metavar="sim:N",
        help=f"the sim devices the examples share (default sim:{DEMO_DEVICES})",
    )  # fmt: skip

    run = commands.add_parser("run", help="run one app and record what it does")
    run.add_argument("app", help="a sim app directory, a sim app .jar, an APK or an installed package")
    run.add_argument("--out", type=Path, default=Path("runs"), help="parent folder of the run folder")
    run.add_argument(
        "--sdk-list", type=Path, metavar="FILE",
        help="the app's declared third-party SDK list or privacy-policy text (declared vs observed)",
    )  # fmt: skip
    run.add_argument(
        "--store-listing", type=Path, metavar="FILE",
        help="the app's store listing, JSON or CSV (the store_listing_incomplete rule)",
    )  # fmt: skip
    _add_run_options(run)

    analyze = commands.add_parser("analyze", help="re-derive findings.json from a run folder")
    analyze.add_argument("run_dir", type=Path)
    analyze.add_argument("--first-party", action="append", default=[], metavar="DOMAIN")

    doctor = commands.add_parser("doctor", help="check that everything the tool needs is installed")
    doctor.add_argument(
        "--device", type=non_empty, metavar="SERIAL", help="also check this Android device or emulator"
    )

    commands.add_parser("devices", help="list attached Android devices and their readiness")

    scan = commands.add_parser("scan", help="read an APK without running it: manifest, SDKs, URLs")
    scan.add_argument("apk", type=Path, help="the APK file (or a sim app folder)")
    scan.add_argument("--json", action="store_true", help="print the scan as one JSON document")

    from reports.cli import register as register_report_commands

    COMMANDS.update(register_report_commands(commands))
    from harness.batch.cli import register as register_batch_commands

    COMMANDS.update(register_batch_commands(commands))

    device = commands.add_parser("device", help="prepare an Android device")
    device_commands = device.add_subparsers(dest="device_command", required=True, parser_class=_Parser)
    setup = device_commands.add_parser("setup", help="install frida-server, the CA, test the proxy route")
    setup.add_argument("serial", nargs="?", help="adb serial (default: ANDROID_SERIAL or the single device)")
    setup.add_argument("--frida-server", type=Path, metavar="PATH", help="frida-server binary or .xz")
    setup.add_argument("--proxy-port", type=int, metavar="N", help="check the route to a proxy on this port")
    setup.add_argument("--ca-cert", type=Path, metavar="PEM", help="CA to install into the system store")
    return parser


def _print_failures(findings: Findings) -> ExitCode:
    for verdict in findings.verdicts:
        if verdict.status == "fail":
            print(f"  FAIL {verdict.rule}: {verdict.summary}")
    incomplete = findings.incomplete
    if incomplete:
        print(f"privacy-probe: error: the run is incomplete: {'; '.join(incomplete)}", file=sys.stderr)
    return exit_code_for(findings)


def _cmd_run(args: argparse.Namespace) -> int:
    options = RunOptions(
        scenarios=tuple(args.scenarios) if args.scenarios else None,
        duration_s=args.duration,
        category=args.category,
        first_party=tuple(args.first_party),
        capture=not args.no_capture,
        sdk_list=args.sdk_list,
        store_listing=args.store_listing,
    )
    app = Path(args.app)
    result = probe_app(app, args.out / run_folder_name(app), args.device, options)
    print(f"{app}: run folder {result.run_dir} ({result.status})")
    if result.error is not None:
        raise result.error
    return _print_failures(result.findings) if result.findings else ExitCode.ERROR


def _cmd_demo(args: argparse.Namespace) -> int:
    """The example catalog through the batch engine; its findings are the content, not an error."""
    from harness.demo import run_demo

    return run_demo(args.out, args.devices, args.duration)


def _cmd_analyze(args: argparse.Namespace) -> int:
    from harness.rundir import RunBusy, run_in_progress

    holder = run_in_progress(args.run_dir)
    if holder is not None:
        raise RunBusy(
            f"{args.run_dir}: the run is still in progress ({holder}); analyse it once it has ended"
        )
    return _print_failures(analyze_run(args.run_dir, first_party=args.first_party))


def _print_check(mark: str, name: str, detail: str, fix: str) -> None:
    print(f"[{mark}] {name}: {detail}")
    if fix:
        print(f"       fix: {fix}")


def _cmd_doctor(args: argparse.Namespace) -> int:
    from harness.doctor import run_checks

    checks = run_checks()
    for check in checks:
        mark = "ok  " if check.ok else ("MISS" if check.required else "warn")
        _print_check(mark, check.name, check.detail, "" if check.ok else check.fix)
    healthy = all(c.ok for c in checks if c.required)
    if args.device:
        from harness.device.doctor import doctor_device

        for device_check in doctor_device(args.device):
            mark = {"ok": "ok  ", "warn": "warn"}.get(device_check.status, "MISS")
            _print_check(mark, device_check.name, device_check.detail, device_check.fix)
            healthy = healthy and device_check.ok
    return ExitCode.OK if healthy else ExitCode.ERROR


def _cmd_devices(_args: argparse.Namespace) -> int:
    from harness.device.status import format_device_table, list_devices

    print(format_device_table(list_devices()))
    return ExitCode.OK


def _cmd_scan(args: argparse.Namespace) -> int:
    import json

    from harness.apk.scan import scan_app, summary_lines

    document = scan_app(args.apk).to_json()
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print("\n".join(summary_lines(document)))
    return ExitCode.OK


def _cmd_device(args: argparse.Namespace) -> int:
    from harness.device.provision import setup_device

    report = setup_device(args.serial, args.frida_server, args.proxy_port, args.ca_cert)
    for step in report.steps:
        print(f"{report.serial}: {step}")
    return ExitCode.OK


Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {
    "demo": _cmd_demo,
    "run": _cmd_run,
    "analyze": _cmd_analyze,
    "doctor": _cmd_doctor,
    "devices": _cmd_devices,
    "scan": _cmd_scan,
    "device": _cmd_device,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ProbeError as exc:
        print(f"privacy-probe: error: {one_line(str(exc))}", file=sys.stderr)
        return ExitCode.ERROR
    except KeyboardInterrupt:
        print("privacy-probe: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except OSError as exc:  # the file system refused: full, read-only, a file where a folder goes…
        print(f"privacy-probe: error: {os_error_line(exc)}", file=sys.stderr)
        return ExitCode.ERROR
    except RecursionError:
        print("privacy-probe: error: input nested too deeply to read", file=sys.stderr)
        return ExitCode.ERROR
    except Exception as exc:  # a bug: still one line and exit 2, never read as "a rule failed"
        if os.environ.get(DEBUG_ENV):
            raise
        detail = one_line(f"{type(exc).__name__}: {exc}")
        print(
            f"privacy-probe: error: internal error: {detail} (set {DEBUG_ENV}=1 for the traceback)",
            file=sys.stderr,
        )
        return ExitCode.ERROR
