"""The transform hooks of the full agent on a real JVM (tests/fixtures/transforms): what each call
pattern records, and what it must not (digests of binary data, the runtime's own use)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import queue
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frida
import pytest
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from harness.agent import build_agent

ROOT = Path(__file__).resolve().parent
SOURCES = ROOT / "fixtures" / "transforms"
FRAMEWORK = ROOT / "fixtures" / "agent" / "framework"  # tells the agent the process has bound
IMEI = "864231057719348"


class Driver:
    def __init__(self, classes: Path) -> None:
        self.process = subprocess.Popen(
            ["java", "-cp", str(classes), "com.ppdemo.sdkcrypto.CryptoDriver"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.readline() == "ready"
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.session = frida.attach(self.process.pid)
        self.script = self.session.create_script(build_agent(), name="privacy-probe")
        self.script.on("message", lambda message, _data: self.messages.put(dict(message)))
        self.script.load()
        while True:
            payload = self.messages.get(timeout=30).get("payload") or {}
            if payload.get("type") == "agent:ready":
                break

    def readline(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def run(self, command: str) -> list[dict[str, Any]]:
        """The transform events one command caused."""
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        assert self.readline() == "done"
        self.script.exports_sync.flush()
        events: list[dict[str, Any]] = []
        while not self.messages.empty():
            message = self.messages.get()
            assert message["type"] == "send", message
            payload = message.get("payload") or {}
            assert payload.get("type") != "agent:error", payload
            events += [e for e in payload.get("events") or [] if e["kind"] == "transform"]
        return events

    def close(self) -> None:
        self.session.detach()
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    out = tmp_path_factory.mktemp("transform-driver")
    sources = sorted(str(p) for p in [*SOURCES.rglob("*.java"), *FRAMEWORK.rglob("*.java")])
    subprocess.run(["javac", "-d", str(out), *sources], check=True)
    process = Driver(out)
    yield process
    process.close()


def value(event: dict[str, Any]) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(event["value"])
    return parsed


def test_digest_fed_in_two_updates_records_the_whole_input(driver: Driver) -> None:
    [event] = driver.run("digest-in-two-updates")
    recorded = value(event)
    plain = f"salt:imei={IMEI}".encode()
    assert event["api"] == "java.security.MessageDigest.digest" and recorded["algorithm"] == "MD5"
    assert base64.b64decode(recorded["input"]) == plain and recorded["input_size"] == len(plain)
    assert recorded["output_head"] == hashlib.md5(plain).hexdigest() and recorded["calls"] == 3
    assert event["stack"][0] == "com.ppdemo.sdkcrypto.CryptoDriver.run"


def test_a_digest_of_binary_data_is_not_an_event(driver: Driver) -> None:
    assert driver.run("digest-of-binary") == []


def test_hmac_records_input_and_mac(driver: Driver) -> None:
    [event] = driver.run("hmac")
    recorded = value(event)
    plain = f"imei={IMEI}".encode()
    assert (event["api"], recorded["algorithm"]) == ("javax.crypto.Mac.doFinal", "HmacSHA256")
    assert base64.b64decode(recorded["input"]) == plain
    assert recorded["output_head"] == hmac.new(b"k", plain, "sha256").hexdigest()


def test_gzip_stream_is_seen_at_its_deflater(driver: Driver) -> None:
    [event] = driver.run("gzip")
    recorded = value(event)
    plain = f'{{"did":"{IMEI}"}}'.encode()
    assert event["api"] == "java.util.zip.Deflater.deflate" and base64.b64decode(recorded["input"]) == plain
    assert recorded["output_size"] <= 48  # the whole raw deflate stream fits in the recorded head
    assert zlib.decompressobj(-zlib.MAX_WBITS).decompress(bytes.fromhex(recorded["output_head"])) == plain
    assert "java.util.zip.GZIPOutputStream.finish" in event["stack"]


def test_cipher_update_then_do_final_is_one_operation_and_base64_follows(driver: Driver) -> None:
    events = driver.run("cipher-in-updates")
    assert [e["api"] for e in events] == [
        "javax.crypto.Cipher.doFinal",
        "java.util.Base64.Encoder.encodeToString",
    ]
    cipher, encoder = (value(e) for e in events)
    assert base64.b64decode(cipher["input"]) == f"imei={IMEI}".encode()
    assert cipher["output_size"] == 32 and cipher["calls"] == 2
    assert base64.b64decode(encoder["input"]) == bytes.fromhex(cipher["output_head"])  # the ciphertext


_HEAD = f"imei={IMEI};".encode()
STREAM = _HEAD + bytes(ord("a") + i % 26 for i in range(len(_HEAD), 200 * 1024))  # CryptoDriver.streamed
INPUT_CAP = 64 * 1024  # hooks/src/transforms.ts


def aes_ecb_zero_key(plain: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(bytes(16)), modes.ECB()).encryptor()
    return encryptor.update(padder.update(plain) + padder.finalize()) + encryptor.finalize()


def test_a_stream_past_the_input_cap_is_recorded_as_if_every_call_were_seen(driver: Driver) -> None:
    # Past the cap, update() calls take the native fast path: counted, not sampled out.
    events = driver.run("stream")
    assert [e["api"] for e in events] == [
        "javax.crypto.Cipher.doFinal",  # the small operation made between two of the stream's updates
        "javax.crypto.Cipher.doFinal",
        "java.security.MessageDigest.digest",
        "javax.crypto.Mac.doFinal",
    ]
    other, cipher, digest, mac = (value(e) for e in events)
    assert base64.b64decode(other["input"]) == f"imei={IMEI}".encode() and other["calls"] == 2
    for recorded in (cipher, digest, mac):
        assert base64.b64decode(recorded["input"]) == STREAM[:INPUT_CAP]
        assert recorded["input_size"] == len(STREAM)
    ciphertext = aes_ecb_zero_key(STREAM)
    assert (cipher["calls"], cipher["output_size"]) == (51, len(ciphertext))
    assert cipher["output_head"] == ciphertext[:48].hex()
    assert (digest["calls"], digest["output_head"]) == (101, hashlib.sha256(STREAM).hexdigest())
    assert (mac["calls"], mac["output_head"]) == (51, hmac.new(b"k", STREAM, "sha256").hexdigest())


def test_an_update_that_throws_on_the_fast_path_ends_its_operation(driver: Driver) -> None:
    [event] = driver.run("stream-then-short-buffer")
    recorded = value(event)
    assert base64.b64decode(recorded["input"]) == f"imei={IMEI}".encode()
    assert (recorded["calls"], recorded["input_size"]) == (1, len(f"imei={IMEI}"))


def test_byte_buffer_overloads_record_the_bytes_between_position_and_limit(driver: Driver) -> None:
    events = driver.run("byte-buffers")
    assert [e["api"] for e in events] == [
        "java.security.MessageDigest.digest",
        "javax.crypto.Mac.doFinal",
        "javax.crypto.Cipher.doFinal",
        "java.util.zip.Deflater.deflate",
    ]
    digest, mac, cipher, deflate = (value(e) for e in events)
    plain = f"imei={IMEI}".encode()
    assert base64.b64decode(digest["input"]) == plain
    assert digest["output_head"] == hashlib.md5(plain).hexdigest()
    assert base64.b64decode(mac["input"]) == plain  # a direct buffer
    assert mac["output_head"] == hmac.new(b"k", plain, "sha256").hexdigest()
    ciphertext = aes_ecb_zero_key(plain)  # a heap slice in, a direct buffer out from position 5
    assert base64.b64decode(cipher["input"]) == plain and cipher["input_size"] == len(plain)
    assert (cipher["calls"], cipher["output_size"], cipher["output_head"]) == (2, 32, ciphertext.hex())
    json_plain = f'{{"did":"{IMEI}"}}'.encode()
    assert base64.b64decode(deflate["input"]) == json_plain
    assert zlib.decompressobj(-zlib.MAX_WBITS).decompress(bytes.fromhex(deflate["output_head"])) == json_plain


def test_output_first_made_on_the_native_path_is_kept_there(driver: Driver) -> None:
    [event] = driver.run("byte-at-a-time")
    recorded = value(event)
    plain = f"imei={IMEI}".encode()
    assert base64.b64decode(recorded["input"]) == plain and recorded["calls"] == len(plain) + 1
    assert (recorded["output_size"], recorded["output_head"]) == (32, aes_ecb_zero_key(plain).hex())
