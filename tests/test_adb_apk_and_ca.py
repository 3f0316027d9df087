"""The APK manifest reader (against APKs compiled by Google's aapt) and the CA helpers."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from harness.device.apk import read_apk_manifest
from harness.device.cacert import (
    install_script,
    load_ca_certificate,
    parse_trust_check,
    trust_check_script,
)
from harness.errors import InputError
from tests.fixtures.adb.fake_adb import FIXTURES

APKS = FIXTURES / "apk"
CA = FIXTURES / "ca"


def test_base_apk_manifest() -> None:
    manifest = read_apk_manifest(APKS / "canarydemo.apk")
    assert manifest.package == "com.example.canarydemo"
    assert (manifest.version_name, manifest.version_code) == ("1.6.0", 7)
    assert (manifest.min_sdk, manifest.target_sdk) == (24, 30)
    assert manifest.application_class == "com.example.canarydemo.DemoApplication"
    # the launcher is the second activity; the first has no MAIN/LAUNCHER filter
    assert manifest.launcher_activity == "com.example.canarydemo.MainActivity"
    assert manifest.permissions == (
        "android.permission.INTERNET",
        "android.permission.ACCESS_FINE_LOCATION",
        "android.permission.READ_CONTACTS",
    )
    assert manifest.label is None  # @string/app_name: a resource reference
    assert manifest.split is None


def test_split_apk_manifest_with_literal_non_ascii_label() -> None:
    manifest = read_apk_manifest(APKS / "canarydemo-config.xxhdpi.apk")
    assert manifest.split == "config.xxhdpi"
    assert manifest.package == "com.example.canarydemo"
    assert manifest.label == "金丝雀 Split"


def test_not_an_apk(tmp_path: Path) -> None:
    junk = tmp_path / "junk.apk"
    junk.write_bytes(b"PK not really")
    with pytest.raises(InputError, match=r"not a readable APK"):
        read_apk_manifest(junk)
    text_manifest = tmp_path / "text.apk"
    with zipfile.ZipFile(text_manifest, "w") as archive:
        archive.writestr("AndroidManifest.xml", "<manifest package='x'/>")
    with pytest.raises(InputError, match=r"corrupt binary AndroidManifest.xml"):
        read_apk_manifest(text_manifest)


def test_default_mitmproxy_ca_gets_the_old_style_android_name() -> None:
    # `openssl x509 -subject_hash_old` prints c8750f0d for CN=mitmproxy, O=mitmproxy;
    # the new-style hash (8bbe0e8d) is the wrong name for Android
    for name in ("mitmproxy-ca-cert.pem", "mitmproxy-ca-cert.cer", "mitmproxy-ca.pem"):
        assert load_ca_certificate(CA / name).android_name == "c8750f0d.0"
    assert load_ca_certificate(CA / "other-ca-cert.pem").android_name == "04f63f87.0"


def test_only_the_certificate_is_ever_taken_from_a_key_and_cert_file() -> None:
    cert = load_ca_certificate(CA / "mitmproxy-ca.pem")
    assert b"PRIVATE KEY" not in cert.pem()
    assert cert.pem() == (CA / "mitmproxy-ca-cert.pem").read_bytes()


def test_not_a_certificate(tmp_path: Path) -> None:
    bad = tmp_path / "ca.pem"
    bad.write_text("hello")
    with pytest.raises(InputError, match=r"no certificate"):
        load_ca_certificate(bad)
    with pytest.raises(InputError, match=r"cannot read"):
        load_ca_certificate(tmp_path / "missing.pem")


def test_install_script_api33_uses_the_tmpfs_overlay_only() -> None:
    script = install_script(load_ca_certificate(CA / "mitmproxy-ca-cert.pem"), 33)
    assert "mount -t tmpfs tmpfs $store" in script
    assert "chcon u:object_r:system_file:s0" in script
    assert "/data/local/tmp/privacy-probe-ca/c8750f0d.0" in script
    assert "/apex/" not in script


def test_install_script_api34_seeds_from_the_apex_and_binds_into_zygotes_and_apps() -> None:
    script = install_script(load_ca_certificate(CA / "mitmproxy-ca-cert.pem"), 34)
    assert (
        "if [ -d /apex/com.android.conscrypt/cacerts ]; then cp /apex/com.android.conscrypt/cacerts/*"
        in script
    )
    assert "$(pidof zygote) $(pidof zygote64)" in script
    assert "nsenter --mount=/proc/$z/ns/mnt" in script
    assert "ps -o PID= -P $z" in script
    assert "mount --bind $store $apex" in script


def test_trust_check_reads_the_store_each_release_uses() -> None:
    cert = load_ca_certificate(CA / "mitmproxy-ca-cert.pem")
    assert "/apex/com.android.conscrypt/cacerts/c8750f0d.0" in trust_check_script(cert, 34)
    assert "/system/etc/security/cacerts/c8750f0d.0" in trust_check_script(cert, 30)


def test_trust_check_verdicts() -> None:
    assert parse_trust_check("ns=shell ok\nns=zygote:612 ok\nns=zygote:613 ok\n").trusted
    missing = parse_trust_check("ns=shell ok\nns=zygote:612 missing\n")
    assert not missing.trusted and "zygote:612: missing" in missing.detail
    assert not parse_trust_check("").trusted
