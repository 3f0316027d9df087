"""A real Flutter engine's TLS plaintext through the located SSL_write/SSL_read: the flet desktop
client (Flutter's Linux engine, BoringSSL linked statically and stripped) opens a WebSocket to a
local TLS server over a URL carrying the IMEI canary; real Frida attaches, hooks the two functions
harness/apk/boringssl.py found in libflutter_linux_gtk.so, and the recorded plaintext becomes a
hook-captured flow in which the matcher finds the canary.

The client must trust the test server: Dart on Linux reads the hashed directory /etc/ssl/certs
(dart-lang/sdk runtime/bin/security_context_linux.cc, TrustBuiltinRoots: /etc/pki/tls/certs/
ca-bundle.crt first when it exists, then /etc/ssl/certs), so the client runs in a private mount
namespace where that directory holds only the test CA. The machine's trust store is never touched.
Needs root (unshare), Xvfb and the client's GTK/GStreamer/mpv libraries (scripts/install-flutter-
runtime.sh; CI installs them).
"""

from __future__ import annotations

import base64
import datetime
import ipaddress
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import frida
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from harness.agent import build_agent
from harness.apk.boringssl import locate_tls_functions
from harness.detect.match.matcher import Matcher
from harness.detect.match.plaintext import hook_flows
from harness.instrument import Instrumentation, hook_event_from_payload
from harness.profile import DEFAULT_PROFILE, canaries
from harness.records import HookEvent, JsonlWriter, read_jsonl
from harness.sdk import load_sdk_table
from tests.fixtures.apk.support import need
from tests.fixtures.flutter_engines import flet_client

ENGINE = "libflutter_linux_gtk.so"
REPLY = b"flutter-tls-reply"
SERVER = textwrap.dedent(
    """
    import socket, ssl, sys, threading
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[1], sys.argv[2])
    listener = socket.create_server(("127.0.0.1", 0))
    print(listener.getsockname()[1], flush=True)
    def serve(conn):
        try:
            with context.wrap_socket(conn, server_side=True) as tls:
                data = b""
                while b"\\r\\n\\r\\n" not in data and len(data) < 65536:
                    chunk = tls.recv(4096)
                    if not chunk:
                        return
                    data += chunk
                print(data.split(b"\\r\\n")[0].decode("latin-1"), flush=True)
                body = sys.argv[3].encode()
                head = b"HTTP/1.1 200 OK\\r\\nContent-Length: %d\\r\\nConnection: close\\r\\n\\r\\n"
                tls.sendall(head % len(body) + body)
        except OSError as error:
            print("tls error:", error, flush=True)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()
    """
)
# inside the namespace: the test CA replaces the trust directory, then the client runs on Xvfb
CLIENT = textwrap.dedent(
    """
    set -e
    mount --bind "$1" /etc/ssl/certs
    if [ -f /etc/pki/tls/certs/ca-bundle.crt ]; then
      mount --bind "$1/test-ca.pem" /etc/pki/tls/certs/ca-bundle.crt
    fi
    cd "$2"
    exec xvfb-run -a ./flet "$3" "$4"
    """
)


CA_KEY_USAGE = x509.KeyUsage(
    digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
    key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
)  # fmt: skip


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def write_test_pki(folder: Path) -> tuple[Path, Path, Path]:
    """A CA, a leaf for localhost signed by it; returns (trust dir, chain, key)."""
    now = datetime.datetime.now(datetime.UTC)
    validity = (now - datetime.timedelta(days=1), now + datetime.timedelta(days=1))
    ca_key, leaf_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    authority = _name("privacy-probe test CA")
    ca = (
        x509.CertificateBuilder().subject_name(authority).issuer_name(authority)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(validity[0]).not_valid_after(validity[1])
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(CA_KEY_USAGE, critical=True)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    leaf = (
        x509.CertificateBuilder().subject_name(_name("localhost")).issuer_name(ca.subject)
        .public_key(leaf_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(validity[0]).not_valid_after(validity[1])
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    trust = folder / "trust"
    trust.mkdir()
    (trust / "test-ca.pem").write_bytes(_pem(ca))
    subject_hash = subprocess.run(
        ["openssl", "x509", "-noout", "-subject_hash", "-in", str(trust / "test-ca.pem")],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    (trust / f"{subject_hash}.0").symlink_to("test-ca.pem")  # what `openssl rehash` links
    chain, key = folder / "chain.pem", folder / "leaf.key"
    chain.write_bytes(_pem(leaf) + _pem(ca))
    key.write_bytes(
        leaf_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return trust, chain, key


def need_client_runtime(client: Path, shim: Path) -> None:
    need(os.geteuid() == 0, "the client's private trust store needs a mount namespace (root)")
    for tool in ("unshare", "xvfb-run", "Xvfb", "openssl"):
        need(shutil.which(tool) is not None, f"{tool} is not installed (scripts/install-flutter-runtime.sh)")
    libraries = subprocess.run(
        ["ldd", str(client / "flet")], capture_output=True, text=True, check=False,
        env={**os.environ, "LD_LIBRARY_PATH": str(shim)},
    )  # fmt: skip
    missing = [line.split()[0] for line in libraries.stdout.splitlines() if "not found" in line]
    need(
        not missing,
        f"the flet client's libraries are missing: {missing} (scripts/install-flutter-runtime.sh)",
    )


@pytest.fixture
def client_and_server(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    """(pid of the running client, the server) — the client keeps reconnecting (its WebSocket
    upgrade gets a 200, not a 101), so every hook installed after it started still sees requests."""
    client = flet_client("flet-desktop", "0.28.3", "x64")
    shim = tmp_path / "shim"  # the runner links libmpv.so.1; Debian 12 ships the ABI-compatible .so.2
    shim.mkdir()
    for candidate in Path("/usr/lib/x86_64-linux-gnu").glob("libmpv.so.2"):
        (shim / "libmpv.so.1").symlink_to(candidate)
    need_client_runtime(client, shim)
    trust, chain, key = write_test_pki(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-u", "-c", SERVER, str(chain), str(key), REPLY.decode()],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert server.stdout is not None
    port = int(server.stdout.readline())
    pid_file = tmp_path / "client.pid"
    url = f"https://localhost:{port}/u/{DEFAULT_PROFILE.imei}/app"
    runner = subprocess.Popen(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", CLIENT, "sh",
         str(trust), str(client), url, str(pid_file)],
        env={**os.environ, "LD_LIBRARY_PATH": str(shim)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not pid_file.exists() or not pid_file.read_text().strip():
            assert runner.poll() is None, "the flet client exited while starting"
            assert time.monotonic() < deadline, "the flet client did not start within 30 s"
            time.sleep(0.1)
        yield int(pid_file.read_text().strip()), server
    finally:
        os.killpg(runner.pid, signal.SIGKILL)
        runner.wait(timeout=10)
        server.kill()
        server.wait(timeout=10)


def test_flutter_engine_plaintext_through_the_located_functions(
    client_and_server: tuple[int, subprocess.Popen[str]], tmp_path: Path
) -> None:
    """The agent a run loads, told where the functions are as a run tells it (the config message
    harness/instrument.py posts), records the engine's TLS plaintext into events.jsonl."""
    pid, server = client_and_server
    assert server.stdout is not None
    ready, _, _ = select.select([server.stdout], [], [], 30)
    assert ready, "the flet client sent no request within 30 s"
    first_request = server.stdout.readline()  # the client trusts the server: the setup works
    assert first_request.startswith(f"GET /u/{DEFAULT_PROFILE.imei}/app/ws HTTP/1.1"), first_request
    engine = flet_client("flet-desktop", "0.28.3", "x64") / "lib" / ENGINE
    located = locate_tls_functions(engine.read_bytes())
    target = {
        "library": ENGINE, "arch": located.arch, "ssl_write": located.ssl_write, "ssl_read": located.ssl_read
    }  # fmt: skip
    events_file = tmp_path / "events.jsonl"
    with JsonlWriter(events_file) as events_writer:
        # a stale scan (offsets past this build's code) must be refused, not patched in
        stale = {"library": "flet", "arch": "x64", "ssl_write": 0x7FFFFFF0, "ssl_read": 0x7FFFFFF8}
        instrumentation = Instrumentation(
            frida.get_local_device(), build_agent(), events_writer, "flet", native_tls=[target, stale]
        )
        instrumentation.attach(pid)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _both_directions(_events(events_file)):
            time.sleep(0.5)
            instrumentation.flush()
        instrumentation.detach()
    report = instrumentation.report
    assert f"{ENGINE}!SSL_write@{located.ssl_write:x}" in report.hooks_installed, report
    assert f"{ENGINE}!SSL_read@{located.ssl_read:x}" in report.hooks_installed, report
    [refused] = report.hooks_failed
    assert refused["hook"] == "flet!SSL_write@7ffffff0" and "is not code" in refused["error"]
    events = _events(events_file)
    assert {e.impl for e in events} == {ENGINE}
    flows = hook_flows(events, [])
    upgrades = [f for f in flows if f.method == "GET" and f.url.endswith(f"/u/{DEFAULT_PROFILE.imei}/app/ws")]
    assert upgrades, [f.url for f in flows]
    assert dict((n.lower(), v) for n, v in upgrades[0].request_headers)["upgrade"] == "websocket"
    found = {m.canary for m in Matcher(canaries(DEFAULT_PROFILE)).scan_flow(upgrades[0]).matches}
    assert "imei" in found
    assert any(REPLY in _plaintext(e) for e in events if e.api == "SSL_read")


def _both_directions(events: list[HookEvent]) -> bool:
    return {"SSL_write", "SSL_read"} <= {e.api for e in events}


def _events(path: Path) -> list[HookEvent]:
    table = load_sdk_table()
    return [hook_event_from_payload(raw, "flet", table) for raw in read_jsonl(path)] if path.exists() else []


def _plaintext(event: HookEvent) -> bytes:
    return base64.b64decode(json.loads(event.value or "{}")["data"])
