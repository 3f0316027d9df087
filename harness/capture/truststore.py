"""A JVM trust store holding the mitmproxy CA: the sim's way of installing the CA on a phone."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from harness.errors import EnvironmentProblem, InputError
from harness.paths import cache_dir

# The store holds one public certificate; its password protects nothing, the JVM just needs one.
STORE_PASSWORD = "privacy-probe"


@dataclass(frozen=True)
class TrustStore:
    path: Path
    password: str = STORE_PASSWORD
    store_type: str = "PKCS12"


def make_truststore(ca_cert: Path, directory: Path | None = None) -> TrustStore:
    """A PKCS12 trust store holding ca_cert, built once per CA and reused from the cache."""
    try:
        pem = ca_cert.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the CA certificate {ca_cert}: {exc.strerror}") from exc
    if b"BEGIN CERTIFICATE" not in pem:
        raise InputError(f"{ca_cert} is not a PEM certificate")
    directory = directory or cache_dir("truststores")
    directory.mkdir(parents=True, exist_ok=True)
    store = directory / f"ca-{hashlib.sha256(pem).hexdigest()[:16]}-plain.p12"
    if store.is_file() and store.stat().st_size > 0:
        return TrustStore(store)
    keytool = shutil.which("keytool")
    if keytool is None:
        raise EnvironmentProblem("keytool not found: install a JDK (e.g. openjdk-17-jdk)")
    # build next to the target and rename, so parallel runs never see half a store
    partial = store.with_name(f".{store.name}.{os.getpid()}.tmp")
    partial.unlink(missing_ok=True)
    command = [
        keytool, "-importcert", "-noprompt",
        "-alias", "privacy-probe-mitmproxy-ca",
        "-file", str(ca_cert),
        "-keystore", str(partial),
        "-storetype", "PKCS12",
        "-storepass", STORE_PASSWORD,
        # Only a public certificate is stored: no encryption and no integrity MAC, so that loading
        # it runs no 10000-round key derivation (each round a hooked Mac/MessageDigest call under
        # the transform hooks, seconds per app start).
        "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE",
        "-J-Dkeystore.pkcs12.macAlgorithm=NONE",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        with contextlib.suppress(OSError):
            partial.unlink()
        reason = (result.stderr or result.stdout).strip().splitlines()
        raise EnvironmentProblem(
            f"keytool could not build a trust store from {ca_cert}: "
            f"{reason[-1] if reason else f'exit code {result.returncode}'}"
        )
    os.replace(partial, store)
    return TrustStore(store)
