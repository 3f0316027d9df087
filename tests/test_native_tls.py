"""The native TLS hooks (hooks/src/native_tls.ts) on the host's own libssl: real Frida Interceptor
on SSL_write/SSL_read of a Python process that posts a canary over TLS to a local server (another
process), then the recorded plaintext read back as a hook-captured flow and searched."""

from __future__ import annotations

import datetime
import queue
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frida
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from harness.agent import HOOKS_DIR
from harness.detect.match.matcher import Matcher
from harness.detect.match.plaintext import hook_flows
from harness.instrument import hook_event_from_payload
from harness.profile import DEFAULT_PROFILE, canaries
from harness.records import HookEvent
from harness.sdk import load_sdk_table

HOST = "api.native.example"
BODY = f"imei={DEFAULT_PROFILE.imei}&os=android".encode()

SERVER = textwrap.dedent(
    """
    import socket, ssl, sys
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[1], sys.argv[2])
    listener = socket.create_server(("127.0.0.1", 0))
    print(listener.getsockname()[1], flush=True)
    conn, _ = listener.accept()
    with context.wrap_socket(conn, server_side=True) as tls:
        data = b""
        while b"\\r\\n\\r\\n" not in data or not data.endswith(b"android"):
            data += tls.recv(4096)
        tls.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nConnection: close\\r\\n\\r\\nok")
    """
)
CLIENT = textwrap.dedent(
    """
    import socket, ssl, sys
    context = ssl.create_default_context(cafile=sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    body = sys.argv[4].encode()
    head = f"POST /upload HTTP/1.1\\r\\nHost: {sys.argv[3]}\\r\\nContent-Length: {len(body)}\\r\\n\\r\\n"
    with socket.create_connection(("127.0.0.1", int(sys.argv[2]))) as raw:
        with context.wrap_socket(raw, server_hostname=sys.argv[3]) as tls:
            tls.sendall(head.encode())
            tls.sendall(body)
            print(tls.recv(4096).split(b"\\r\\n")[0].decode(), flush=True)
    sys.stdin.readline()  # stay alive until the test has flushed the probe (then it is killed)
    """
)


def write_certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def compile_probe() -> str:
    compiler = frida.Compiler()  # type: ignore[no-untyped-call]  # frida leaves __init__ unannotated
    bundle: str = compiler.build(
        "probes/native_tls_probe.ts", project_root=str(HOOKS_DIR), type_check="full", source_maps="omitted"
    )
    return bundle


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], subprocess.Popen[str]]]:
    cert, key = write_certificate(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(cert), str(key)], stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    port = server.stdout.readline().strip()
    client = subprocess.Popen(
        [sys.executable, "-c", CLIENT, str(cert), port, HOST, BODY.decode()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield server, client
    finally:
        for process in (client, server):
            process.kill()
            process.wait(timeout=10)


def test_ssl_write_and_read_of_the_host_libssl_are_recorded_and_searched(
    processes: tuple[subprocess.Popen[str], subprocess.Popen[str]],
) -> None:
    _, client = processes
    assert client.stdout is not None and client.stdin is not None
    assert client.stdout.readline().strip() == "ready"  # libssl is loaded (ssl imported)
    messages: queue.Queue[dict[str, Any]] = queue.Queue()
    session = frida.attach(client.pid)
    script = session.create_script(compile_probe(), name="native-tls")
    script.on("message", lambda message, _data: messages.put(dict(message)))
    script.load()
    ready = messages.get(timeout=20)
    assert ready.get("payload", {}).get("type") == "probe:ready", ready
    installed = ready["payload"]["hooks_installed"]
    assert any(hook.startswith("libssl.so") and hook.endswith("!SSL_write") for hook in installed)
    client.stdin.write("go\n")
    client.stdin.flush()
    assert client.stdout.readline().strip() == "HTTP/1.1 200 OK"
    script.exports_sync.flush()
    events: list[HookEvent] = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(events) < 3:
        message = messages.get(timeout=10)
        payload = message.get("payload") or {}
        assert message["type"] == "send", message
        for raw in payload.get("events") or []:
            events.append(hook_event_from_payload(raw, "org.python.client", load_sdk_table()))
    session.detach()
    sent = [e for e in events if e.api == "SSL_write"]
    assert [e.impl.startswith("libssl.so") for e in sent] == [True, True]
    assert any(e.api == "SSL_read" for e in events)
    [flow] = hook_flows(events, [])
    assert (flow.source, flow.method, flow.url) == ("hook", "POST", f"https://{HOST}/upload")
    assert flow.request_body == BODY
    found = {m.canary for m in Matcher(canaries(DEFAULT_PROFILE)).scan_flow(flow).matches}
    assert found == {"imei"}
