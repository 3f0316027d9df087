"""Transform hooks on the simulated device: real JVM crypto, real Frida, real mitmdump capture.

encrypted_upload's SDK AES-encrypts the Android ID and MAC, base64-encodes the ciphertext with
Android's Base64.DEFAULT and posts it before consent, plus an encrypted heartbeat without personal
data; protobuf_ads' SDK sends the SHA-256 of the Android ID as a protobuf bytes field;
pinned_push's SDK pins its certificate (the proxy cannot decrypt) and its request is read through
the TLS plaintext hooks; websocket_im's SDK sends its identifiers in a WebSocket frame.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from harness.analysis import analyze_run
from harness.records import read_jsonl
from harness.session import RunConfig, run_app
from harness.sim.device import SimDevice
from tests.conftest import EXAMPLES


def run_and_analyze(name: str, out: Path) -> tuple[Path, dict[str, Any]]:
    device = SimDevice()
    try:
        config = RunConfig(app=EXAMPLES / name, out=out / name, scenarios=("first_launch",), duration_s=4.0)
        result = run_app(config, device)
    finally:
        device.close()
    return result.run_dir, analyze_run(result.run_dir).to_json()


def verdict(findings: dict[str, Any], rule: str) -> dict[str, Any]:
    return next(v for v in findings["verdicts"] if v["rule"] == rule)


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return run_and_analyze("encrypted_upload", tmp_path_factory.mktemp("runs"))


@pytest.fixture(scope="module")
def protobuf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return run_and_analyze("protobuf_ads", tmp_path_factory.mktemp("runs"))


def test_cipher_and_base64_hooks_record_input_and_output_head(encrypted: tuple[Path, dict[str, Any]]) -> None:
    run_dir, _ = encrypted
    transforms = [e for e in read_jsonl(run_dir / "events.jsonl") if e["kind"] == "transform"]
    ciphers = [e for e in transforms if e["api"] == "javax.crypto.Cipher.doFinal"]
    assert len(ciphers) == 2 and all(e["sdk"] == "com.umeng" for e in ciphers)
    envelope = json.loads(ciphers[0]["value"])
    assert envelope["algorithm"] == "AES/CBC/PKCS5Padding"
    assert envelope["output_size"] % 16 == 0 and len(envelope["output_head"]) == 96
    assert b"9c4f2b7e1a38d650" in base64.b64decode(envelope["input"])
    encoders = [e for e in transforms if e["api"] == "android.util.Base64.encodeToString"]
    assert len(encoders) == 2
    encoded = json.loads(encoders[0]["value"])
    assert encoded["input_size"] == envelope["output_size"]
    assert bytes.fromhex(encoded["output_head"]).decode("ascii").isascii()
    assert "com.umeng.analytics.EnvelopeReporter.seal" in ciphers[0]["stack"]


def test_encrypted_identifiers_fail_both_transmission_rules_with_the_chain(
    encrypted: tuple[Path, dict[str, Any]],
) -> None:
    _, findings = encrypted
    before = verdict(findings, "pi_transmitted_before_consent")
    assert before["status"] == "fail" and before["data_types"] == ["device_id", "mac_address"]
    chains = {e["canary"]: e["chain"] for e in before["evidence"]}
    assert chains["android_id"] == (
        "android_id → AES/CBC/PKCS5Padding by com.umeng → base64 by com.umeng → POST alog.umeng.com"
    )
    assert "mac_address" in chains
    assert verdict(findings, "pi_shared_with_third_party")["status"] == "fail"
    sent = {t["url"] for t in findings["transmissions"]}
    assert sent == {"https://alog.umeng.com/unify_logs"}  # the encrypted heartbeat carries nothing


def test_sha256_of_the_android_id_in_protobuf(protobuf: tuple[Path, dict[str, Any]]) -> None:
    _, findings = protobuf
    shared = verdict(findings, "pi_shared_with_third_party")
    assert shared["status"] == "fail" and shared["data_types"] == ["device_id"]
    [evidence] = shared["evidence"]
    assert evidence["canary"] == "android_id" and evidence["host"] == "mi.gdt.qq.com"
    assert evidence["encoding"] == ["sha256"]
    assert evidence["chain"] == "android_id → SHA-256 by com.qq.e → POST mi.gdt.qq.com"


@pytest.fixture(scope="module")
def pinned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return run_and_analyze("pinned_push", tmp_path_factory.mktemp("runs"))


def test_pinned_request_is_undecrypted_by_the_proxy_but_read_through_hooks(
    pinned: tuple[Path, dict[str, Any]],
) -> None:
    run_dir, findings = pinned
    flows = list(read_jsonl(run_dir / "flows.jsonl"))
    assert flows and all(f["status"] == "tls_failed" and f["host"] == "sdk.open.getui.com" for f in flows)
    before = verdict(findings, "pi_transmitted_before_consent")
    assert before["status"] == "fail" and before["data_types"] == ["device_id", "mac_address"]
    assert "could not be decrypted" in before["summary"]
    sent = [t for t in findings["transmissions"] if t["canary"] == "android_id"]
    assert sent and all(
        t["source"] == "hook" and t["url"] == "https://sdk.open.getui.com/api/register" for t in sent
    )
    assert sent[0]["flow"].startswith("events.jsonl#")
    coverage = findings["coverage"]
    assert {f["host"] for f in coverage["flows_hook_only"]} == {
        "sdk.open.getui.com"
    }  # not the stand-in server
    assert coverage["flows_opaque"] == []  # every undecrypted connection's request was read by a hook


@pytest.fixture(scope="module")
def websocket(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return run_and_analyze("websocket_im", tmp_path_factory.mktemp("runs"))


def test_identifiers_in_a_websocket_frame_fail_the_transmission_rules(
    websocket: tuple[Path, dict[str, Any]],
) -> None:
    run_dir, findings = websocket
    messages = [f for f in read_jsonl(run_dir / "flows.jsonl") if f["method"] == "WEBSOCKET"]
    assert [m["websocket"]["direction"] for m in messages] == ["sent"]
    before = verdict(findings, "pi_transmitted_before_consent")
    assert before["status"] == "fail" and before["data_types"] == ["device_id", "mac_address"]
    assert {(e["method"], e["host"]) for e in before["evidence"]} == {("WEBSOCKET", "wss.im.qcloud.com")}
    assert verdict(findings, "pi_shared_with_third_party")["status"] == "fail"
