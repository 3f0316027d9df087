"""Transform links: canaries an SDK encrypted, hashed, deflated or base64-encoded, found in flows."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import zlib
from pathlib import Path

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from harness.detect.match.transmissions import scan_traffic
from harness.detect.rules.pi_transmitted_before_consent import pi_transmitted_before_consent
from harness.detect.view import Flow, RunView
from harness.profile import DEFAULT_PROFILE
from harness.records import HookEvent

IMEI = DEFAULT_PROFILE.imei
KEY, IV = bytes(range(16)), bytes(range(16, 32))


def aes_cbc(plain: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(KEY), modes.CBC(IV)).encryptor()
    return encryptor.update(padder.update(plain) + padder.finalize()) + encryptor.finalize()


def android_base64_default(data: bytes) -> str:
    """Android's Base64.DEFAULT: lines of 76 characters, each ended by a newline."""
    text = base64.b64encode(data).decode()
    return "".join(text[i : i + 76] + "\n" for i in range(0, len(text), 76))


def transform_event(
    seq: int, ts: float, api: str, family: str, algorithm: str, data: bytes, output: bytes, sdk: str | None
) -> HookEvent:
    value = {
        "algorithm": algorithm,
        "family": family,
        "input": base64.b64encode(data[: 64 * 1024]).decode(),
        "input_size": len(data),
        "output_head": output[:48].hex(),
        "output_size": len(output),
        "calls": 1,
        "weight": 1,
    }
    return HookEvent(
        ts=ts,
        api=api,
        kind="transform",
        data_type=None,
        value=json.dumps(value),
        sdk=sdk,
        stack=[],
        seq=seq,
    )


def flow(seq: int, ts: float, host: str, body: bytes, url: str = "") -> Flow:
    url = url or f"https://{host}/upload"
    headers = (("Content-Type", "application/json"),)
    return Flow(seq, ts, "ok", "POST", host, url, headers, body, None, False, None, None)


def view(tmp_path: Path, events: list[HookEvent], flows: list[Flow]) -> RunView:
    manifest = {"app": {"package": "com.example.app"}, "coverage": {}}
    return RunView(tmp_path, manifest, DEFAULT_PROFILE, events, [], flows)


def umeng_like_run(tmp_path: Path, plain: bytes) -> RunView:
    """An SDK encrypts a JSON report with AES/CBC, base64-encodes it and uploads it in JSON."""
    cipher_text = aes_cbc(plain)
    encoded = android_base64_default(cipher_text)
    events = [
        transform_event(
            0,
            10.0,
            "javax.crypto.Cipher.doFinal",
            "cipher",
            "AES/CBC/PKCS5Padding",
            plain,
            cipher_text,
            "com.umeng",
        ),
        transform_event(
            1,
            10.1,
            "android.util.Base64.encodeToString",
            "base64",
            "base64",
            cipher_text,
            encoded.encode(),
            "com.umeng",
        ),
    ]
    body = json.dumps({"content": encoded, "v": 2}).encode()
    return view(tmp_path, events, [flow(0, 11.0, "alog.umeng.com", body)])


def test_encrypted_then_base64_encoded_imei_is_a_transmission_with_its_chain(tmp_path: Path) -> None:
    plain = json.dumps({"imei": IMEI, "model": "Pixel", "padding": "x" * 200}).encode()
    run = umeng_like_run(tmp_path, plain)
    [sent] = [t for t in scan_traffic(run).transmissions if t.match.canary == "imei"]
    fields = sent.fields()
    assert (
        fields["chain"]
        == "imei → AES/CBC/PKCS5Padding by com.umeng → base64 by com.umeng → POST alog.umeng.com"
    )
    assert [step["ref"] for step in fields["transforms"]] == ["events.jsonl#0", "events.jsonl#1"]
    assert fields["encoding"][-3:] == ["base64", "aes/cbc/pkcs5padding", "json"]
    outcome = pi_transmitted_before_consent(run)
    assert outcome.status == "fail" and outcome.data_types == ["device_id"]
    assert any("AES/CBC" in str(e.details.get("chain")) for e in outcome.evidence)


def test_ciphertext_of_data_without_a_canary_never_matches(tmp_path: Path) -> None:
    plain = json.dumps({"event": "launch", "model": "Pixel", "n": 7}).encode()
    run = umeng_like_run(tmp_path, plain)
    assert scan_traffic(run).transmissions == ()
    assert pi_transmitted_before_consent(run).status == "pass"


def test_a_carrier_whose_output_is_never_sent_is_no_transmission(tmp_path: Path) -> None:
    plain = f"imei={IMEI}".encode()
    event = transform_event(
        0, 1.0, "javax.crypto.Cipher.doFinal", "cipher", "AES", plain, aes_cbc(plain), None
    )
    other = flow(0, 2.0, "log.example.cn", base64.b64encode(os.urandom(64)))
    assert scan_traffic(view(tmp_path, [event], [other])).transmissions == ()


def test_an_output_sent_before_the_transform_ran_is_not_linked(tmp_path: Path) -> None:
    plain = f"imei={IMEI}".encode()
    cipher_text = aes_cbc(plain)
    event = transform_event(0, 50.0, "javax.crypto.Cipher.doFinal", "cipher", "AES", plain, cipher_text, None)
    early = flow(0, 2.0, "log.example.cn", base64.b64encode(cipher_text))
    assert scan_traffic(view(tmp_path, [event], [early])).transmissions == ()


def test_deflate_then_aes_chain_and_raw_ciphertext_in_a_binary_body(tmp_path: Path) -> None:
    report = json.dumps({"android_id": DEFAULT_PROFILE.android_id, "apps": list(range(300))}).encode()
    packer = zlib.compressobj(wbits=-15)
    deflated = packer.compress(report) + packer.flush()
    cipher_text = aes_cbc(deflated)
    events = [
        transform_event(
            0, 1.0, "java.util.zip.Deflater.deflate", "deflate", "deflate", report, deflated, None
        ),
        transform_event(
            1,
            1.1,
            "javax.crypto.Cipher.doFinal",
            "cipher",
            "AES/ECB",
            deflated,
            cipher_text,
            "com.tencent.bugly",
        ),
    ]
    body = b"\x01\x00" + IV + cipher_text
    [sent] = scan_traffic(view(tmp_path, events, [flow(0, 2.0, "android.bugly.qq.com", body)])).transmissions
    assert sent.match.canary == "android_id"
    assert sent.fields()["chain"] == (
        "android_id → deflate → AES/ECB by com.tencent.bugly → POST android.bugly.qq.com"
    )


def test_salted_digest_of_the_imei_in_a_url(tmp_path: Path) -> None:
    salted = f"salt-42:{IMEI}".encode()
    digest = hashlib.sha256(salted).digest()
    event = transform_event(
        0, 1.0, "java.security.MessageDigest.digest", "digest", "SHA-256", salted, digest, "com.igexin"
    )
    url = f"https://sdk.open.example.com/reg?did={digest.hex()}&v=1"
    found = scan_traffic(
        view(tmp_path, [event], [flow(0, 2.0, "sdk.open.example.com", b"", url)])
    ).transmissions
    assert [(t.match.canary, t.match.location) for t in found] == [("imei", "url")]
    assert found[0].fields()["chain"] == "imei → SHA-256 by com.igexin → hex → POST sdk.open.example.com"


def test_a_direct_match_is_reported_once_with_the_transform_that_made_it(tmp_path: Path) -> None:
    plain = f"imei={IMEI}".encode()
    encoded = base64.b64encode(plain)
    event = transform_event(
        0, 1.0, "android.util.Base64.encodeToString", "base64", "base64", plain, encoded, "com.igexin"
    )
    found = scan_traffic(
        view(tmp_path, [event], [flow(0, 2.0, "a.example.cn", b"d=" + encoded)])
    ).transmissions
    [sent] = found
    assert sent.match.canary == "imei" and sent.match.encoding == ("base64",)  # the direct match
    assert sent.fields()["chain"] == "imei → base64 by com.igexin → POST a.example.cn"


def test_malformed_transform_events_are_ignored(tmp_path: Path) -> None:
    bad = HookEvent(
        ts=1.0,
        api="javax.crypto.Cipher.doFinal",
        kind="transform",
        data_type=None,
        value="{not json",
        sdk=None,
        stack=[],
    )
    assert scan_traffic(view(tmp_path, [bad], [flow(0, 2.0, "a.example.cn", b"{}")])).transmissions == ()
