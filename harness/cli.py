"""`privacy-probe`: a thin command line over the library."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import scenarios
from harness import __version__
from harness.arguments import non_empty, seconds
from harness.errors import InputError, ProbeError

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
DEMO_DWELL_S = 3.0
# The example apps spend most of their time waiting on the app (dwell, settle): three sim devices
# share two cores well (12 apps: 3 min 38 s on sim:3 against 5 min 43 s on sim:2, on 2 cores).
DEMO_DEVICES = 3
DEBUG_ENV = "PRIVACY_PROBE_DEBUG"  # set: unexpected errors keep their traceback


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on bad usage already; keep its message to one line."""

    def error(self, message: str) -> Any:
        self.exit(EXIT_ERROR, f"privacy-probe: error: {message} (see --help)\n")


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


def _make_device(name: str) -> Any:
    from harness.sim.device import SimDevice, parse_sim_spec

    sim = parse_sim_spec(name)
    if sim is not None:
        return SimDevice(serial=sim[0], api_level=sim[1])
    from harness.device.adb import AdbDevice

    return AdbDevice.open(name)


def _analyze(run_dir: Path, first_party: Sequence[str] = ()) -> int:
    from harness.analysis import analyze_run, exit_code_for

    findings = analyze_run(run_dir, first_party=first_party)
    failed = [v for v in findings["verdicts"] if v["status"] == "fail"]
    for verdict in failed:
        print(f"  FAIL {verdict['rule']}: {verdict['summary']}")
    code: int = exit_code_for(findings)
    incomplete = findings.get("incomplete") or []
    if incomplete:
        print(f"privacy-probe: error: the run is incomplete: {'; '.join(incomplete)}", file=sys.stderr)
    return code


def _run_one(app: Path, out_parent: Path, args: argparse.Namespace) -> int:
    from harness.detect.user_inputs import load_user_inputs
    from harness.session import RunConfig, run_app

    inputs = load_user_inputs(getattr(args, "sdk_list", None), getattr(args, "store_listing", None))
    device = _make_device(getattr(args, "device", "sim"))
    config_kwargs: dict[str, Any] = {
        "app": app,
        "out": out_parent / _run_folder_name(app),
        "category": getattr(args, "category", None),
        "first_party": tuple(getattr(args, "first_party", ()) or ()),
        "capture": not getattr(args, "no_capture", False),
    }
    if getattr(args, "scenarios", None):
        config_kwargs["scenarios"] = tuple(args.scenarios)
        for scenario in args.scenarios:
            scenarios.load(scenario)
    if args.duration is not None:
        config_kwargs["duration_s"] = args.duration
    from harness.rundir import run_folder_lock
    from reports import render_run

    with run_folder_lock(config_kwargs["out"]):  # until the findings and report are written
        try:
            result = run_app(RunConfig(**config_kwargs), device)
        finally:
            device.close()
        inputs.save(result.run_dir)
        print(f"{app}: run folder {result.run_dir} ({result.status})")
        if result.error is not None:
            render_run(result.run_dir)
            raise result.error
        code = _analyze(result.run_dir)
        render_run(result.run_dir)
    return code


def _run_folder_name(app: Path) -> str:
    """The run folder's name under --out: the app's own name, made a plain file name.

    Resolved first, so `..` or a trailing slash names the folder itself, never a path that
    climbs out of --out.
    """
    from harness.batch.catalog import app_id_for

    return app_id_for(app.resolve().name.removesuffix(".jar").removesuffix(".apk") or "app")


def _cmd_run(args: argparse.Namespace) -> int:
    app = Path(args.app)
    if not app.exists():
        raise InputError(f"{args.app}: no such file or directory")
    return _run_one(app, args.out, args)


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
    return _analyze(args.run_dir, args.first_party)


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
        from harness.device.status import doctor_device

        for device_check in doctor_device(args.device):
            mark = {"ok": "ok  ", "warn": "warn"}.get(device_check.status, "MISS")
            _print_check(mark, device_check.name, device_check.detail, device_check.fix)
            healthy = healthy and device_check.ok
    return EXIT_OK if healthy else EXIT_ERROR


def _cmd_devices(_args: argparse.Namespace) -> int:
    from harness.device.status import format_device_table, list_devices

    print(format_device_table(list_devices()))
    return EXIT_OK


def _cmd_scan(args: argparse.Namespace) -> int:
    import json

    from harness.apk.scan import scan_app, summary_lines

    document = scan_app(args.apk).to_json()
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print("\n".join(summary_lines(document)))
    return EXIT_OK


def _cmd_device(args: argparse.Namespace) -> int:
    from harness.device.provision import setup_device

    report = setup_device(args.serial, args.frida_server, args.proxy_port, args.ca_cert)
    for step in report.steps:
        print(f"{report.serial}: {step}")
    return EXIT_OK


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
        print(f"privacy-probe: error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("privacy-probe: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # the file system refused: full, read-only, a file where a folder goes…
        print(f"privacy-probe: error: {_os_error(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except RecursionError:
        print("privacy-probe: error: input nested too deeply to read", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a bug: still one line and exit 2, never read as "a rule failed"
        if os.environ.get(DEBUG_ENV):
            raise
        detail = _one_line(f"{type(exc).__name__}: {exc}")
        print(
            f"privacy-probe: error: internal error: {detail} (set {DEBUG_ENV}=1 for the traceback)",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _one_line(text: str, limit: int = 2000) -> str:
    line = " | ".join(part.strip() for part in text.splitlines() if part.strip())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _os_error(exc: OSError) -> str:
    """'PATH: No space left on device' from any OSError, shutil.Error's list of failures included."""
    import shutil

    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        first = exc.args[0][0]
        more = len(exc.args[0]) - 1
        return _one_line(f"copying {first[0]} failed: {first[-1]}" + (f" (and {more} more)" if more else ""))
    names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
    reason = exc.strerror or str(exc) or type(exc).__name__
    return _one_line(f"{' -> '.join(names)}: {reason}" if names else reason)
