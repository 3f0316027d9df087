"""Requests/s through mitmdump with our capture addon vs. mitmdump with a bare responder.

Both proxies run offline (`connection_strategy=lazy`, every request answered by the proxy
itself), on loopback, driven by the same client: POSTs of a small gzip-encoded JSON body over
one keep-alive connection. "bare" only answers; "with addon" is the real capture (records
flows.jsonl with decoded bodies, writes flows.mitm). Rounds alternate to spread machine
noise over both; the best round of each counts. Prints `ratio_vs_bare=R` last (goal >= 0.9).

The addon writes flows.mitm while traffic pauses, not per request (serializing a flow in
mitmproxy's format costs about as much as proxying it), so under this unbroken load that
work lands in the stop: `stop_s` shows it.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from harness.capture import MitmdumpProcess, find_mitmdump
from harness.capture.mitmdump import free_port

BARE_ADDON = """
from mitmproxy import http

class Answer:
    def request(self, flow):
        flow.response = http.Response.make(
            200, b'{"ok":true}', {"Content-Type": "application/json"}
        )

addons = [Answer()]
"""
BODY = gzip.compress(b'{"imei":"861234567890123","lat":39.9042,"lon":116.4074,"n":"x"}' * 4)
HEADERS = {"Content-Type": "application/json", "Content-Encoding": "gzip"}


def requests_per_second(host: str, port: int, count: int) -> float:
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        for _ in range(50):  # warm-up: connection set up, caches filled
            _request(conn)
        started = time.perf_counter()
        for _ in range(count):
            _request(conn)
        return count / (time.perf_counter() - started)
    finally:
        conn.close()


def _request(conn: http.client.HTTPConnection) -> None:
    conn.request("POST", "http://bench.example-ads.cn/collect?id=1", body=BODY, headers=HEADERS)
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"unexpected status {response.status}")


def bare_rps(workdir: Path, count: int) -> float:
    addon = workdir / "bare_addon.py"
    addon.write_text(BARE_ADDON)
    port = free_port("127.0.0.1")
    command = [
        str(find_mitmdump()), "--listen-host", "127.0.0.1", "--listen-port", str(port),
        "-s", str(addon), "--set", f"confdir={workdir / 'confdir'}",
        "--set", "connection_strategy=lazy", "--set", "flow_detail=0",
        "--set", "termlog_verbosity=warn",
    ]  # fmt: skip
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        _wait_for_port(port, proc)
        return requests_per_second("127.0.0.1", port, count)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


def _wait_for_port(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("bare mitmdump exited during startup")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                time.sleep(0.3)  # let the script finish loading
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("bare mitmdump did not start")


def addon_rps(workdir: Path, round_no: int, count: int) -> tuple[float, float]:
    """(requests/s, seconds the stop took: the deferred flows.mitm writing happens there)."""
    with MitmdumpProcess(workdir / f"run{round_no}", confdir=workdir / "confdir") as proc:
        rps = requests_per_second(proc.host, proc.port, count)
        stopping = time.perf_counter()
    return rps, time.perf_counter() - stopping


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="requests per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="proxy-bench-") as tmp:
        workdir = Path(tmp)
        bare: list[float] = []
        with_addon: list[float] = []
        for round_no in range(args.rounds):
            bare.append(bare_rps(workdir, args.requests))
            rps, stop_seconds = addon_rps(workdir, round_no, args.requests)
            with_addon.append(rps)
            print(
                f"round {round_no + 1}: bare={bare[-1]:.0f}/s with_addon={rps:.0f}/s "
                f"stop_s={stop_seconds:.2f}"
            )
    print(f"requests_per_round={args.requests}")
    print(f"rps_bare={max(bare):.1f}")
    print(f"rps_with_addon={max(with_addon):.1f}")
    print(f"ratio_vs_bare={max(with_addon) / max(bare):.3f}")


if __name__ == "__main__":
    main()
