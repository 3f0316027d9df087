"""Is the mitmproxy CA trusted on a device, and putting it into the system store (needs root).

The certificate is staged on the device, then a root script compares it byte for byte with the
store every new app process reads (harness.device.cacert writes the scripts and reads their output).
"""

from __future__ import annotations

from pathlib import Path

from harness.device.cacert import (
    STAGING_DIR,
    CaCertificate,
    TrustCheck,
    install_script,
    load_ca_certificate,
    parse_trust_check,
    trust_check_script,
)
from harness.device.root import Root, run_script_as_root
from harness.device.transport import Adb
from harness.errors import DeviceError


def _stage_ca(adb: Adb, ca_cert: Path) -> CaCertificate:
    cert = load_ca_certificate(ca_cert)
    adb.run(["mkdir", "-p", STAGING_DIR])
    adb.push(cert.pem(), f"{STAGING_DIR}/{cert.android_name}")
    return cert


def _trust(adb: Adb, root: Root, cert: CaCertificate, api_level: int) -> TrustCheck:
    script = trust_check_script(cert, api_level)
    return parse_trust_check(run_script_as_root(adb, root, script, "ca-check"))


def check_ca(adb: Adb, root: Root, api_level: int, ca_cert: Path) -> TrustCheck:
    """Is the CA, byte for byte, in the store every new app process reads?"""
    if not root.available:
        return TrustCheck(False, f"cannot check without root: {root.detail}")
    return _trust(adb, root, _stage_ca(adb, ca_cert), api_level)


def ensure_ca(adb: Adb, root: Root, api_level: int, ca_cert: Path) -> TrustCheck:
    """Put the CA into the system store unless it is already trusted; DeviceError if a
    rooted device still does not trust it afterwards."""
    if not root.available:
        return TrustCheck(False, f"cannot install without root: {root.detail}")
    cert = _stage_ca(adb, ca_cert)
    trust = _trust(adb, root, cert, api_level)
    if trust.trusted:
        return trust
    run_script_as_root(adb, root, install_script(cert, api_level), "ca-install", 120)
    trust = _trust(adb, root, cert, api_level)
    if not trust.trusted:
        raise DeviceError(f"the mitmproxy CA is still not trusted after install: {trust.detail}")
    return trust
