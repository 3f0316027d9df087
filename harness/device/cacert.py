"""The mitmproxy CA in Android's system trust store.

Android names system CA files `<subject_hash_old>.0` (OpenSSL's pre-1.0 subject hash: the
first four bytes, little-endian, of the MD5 of the DER-encoded subject), so the default
mitmproxy CA is `c8750f0d.0`. The files live in /system/etc/security/cacerts up to API 33
and in the Conscrypt APEX (/apex/com.android.conscrypt/cacerts) from API 34; both are made
writable with a tmpfs overlay that lasts until reboot, and on API 34+ the overlay is bind-
mounted into the zygotes' and every running app's mount namespace.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from harness.errors import InputError

SYSTEM_CACERTS = "/system/etc/security/cacerts"
APEX_CACERTS = "/apex/com.android.conscrypt/cacerts"
STAGING_DIR = "/data/local/tmp/privacy-probe-ca"
DEFAULT_CA_NAME = "c8750f0d.0"  # subject_hash_old of every default mitmproxy CA

_PEM_CERT = re.compile(rb"-----BEGIN CERTIFICATE-----\s*(.+?)\s*-----END CERTIFICATE-----", re.DOTALL)


@dataclass(frozen=True)
class CaCertificate:
    der: bytes

    @property
    def subject_hash_old(self) -> str:
        digest = hashlib.md5(_subject_der(self.der), usedforsecurity=False).digest()
        return f"{int.from_bytes(digest[:4], 'little'):08x}"

    @property
    def android_name(self) -> str:
        return f"{self.subject_hash_old}.0"

    def pem(self) -> bytes:
        body = base64.encodebytes(self.der).replace(b"\n", b"")
        lines = [body[i : i + 64] for i in range(0, len(body), 64)]
        return b"-----BEGIN CERTIFICATE-----\n" + b"\n".join(lines) + b"\n-----END CERTIFICATE-----\n"


def load_ca_certificate(path: Path) -> CaCertificate:
    """The certificate (never the private key) from a PEM or DER file.

    mitmproxy's `mitmproxy-ca.pem` holds key and certificate; only the certificate is taken.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read CA certificate {path}: {error.strerror}") from None
    found = _PEM_CERT.search(data)
    if found:
        try:
            der = base64.b64decode(b"".join(found.group(1).split()), validate=True)
        except ValueError:
            raise InputError(f"{path}: the PEM certificate block is not valid base64") from None
    elif data[:1] == b"\x30":
        der = data
    else:
        raise InputError(f"{path} holds no certificate (expected PEM or DER)")
    try:
        _subject_der(der)
    except (IndexError, ValueError) as error:
        raise InputError(f"{path}: not an X.509 certificate ({error})") from None
    return CaCertificate(der)


def _read_tlv(data: bytes, offset: int) -> tuple[int, int, int]:
    """(tag, start of content, end of element) of the DER element at offset."""
    tag = data[offset]
    length = data[offset + 1]
    position = offset + 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4:
            raise ValueError("unsupported DER length")
        length = int.from_bytes(data[position : position + count], "big")
        position += count
    end = position + length
    if end > len(data):
        raise ValueError("truncated DER element")
    return tag, position, end


def _subject_der(der: bytes) -> bytes:
    """The complete DER element of tbsCertificate.subject."""
    tag, content, _ = _read_tlv(der, 0)
    if tag != 0x30:
        raise ValueError("certificate is not a SEQUENCE")
    tag, position, _ = _read_tlv(der, content)  # tbsCertificate
    if tag != 0x30:
        raise ValueError("tbsCertificate is not a SEQUENCE")
    if der[position] == 0xA0:  # [0] EXPLICIT version
        position = _read_tlv(der, position)[2]
    # serialNumber, signature, issuer, validity, then subject
    for _ in range(4):
        position = _read_tlv(der, position)[2]
    tag, _, end = _read_tlv(der, position)
    if tag != 0x30:
        raise ValueError("subject is not a SEQUENCE")
    return der[position:end]


def ca_file_name(ca_cert: Path | None) -> str:
    """The CA's file name in the system store: that of ca_cert, else the default mitmproxy CA's."""
    return load_ca_certificate(ca_cert).android_name if ca_cert else DEFAULT_CA_NAME


def system_store(api_level: int) -> str:
    """The system CA store every new app process reads."""
    return APEX_CACERTS if uses_apex_store(api_level) else SYSTEM_CACERTS


def uses_apex_store(api_level: int) -> bool:
    return api_level >= 34


def install_script(cert: CaCertificate, api_level: int) -> str:
    """Shell script (run as root) that adds the staged certificate to the system store.

    Idempotent: if the tmpfs overlay is already mounted it only (re)places the file. The
    staged file is STAGING_DIR/<hash>.0, pushed beforehand.
    """
    name = cert.android_name
    seed = APEX_CACERTS if uses_apex_store(api_level) else SYSTEM_CACERTS
    lines = [
        "set -e",
        f"staged={STAGING_DIR}/{name}",
        f"store={SYSTEM_CACERTS}",
        'if ! grep -q " $store tmpfs " /proc/mounts; then',
        f"  rm -rf {STAGING_DIR}/existing && mkdir -p {STAGING_DIR}/existing",
        f"  if [ -d {seed} ]; then cp {seed}/* {STAGING_DIR}/existing/; "
        f"else cp $store/* {STAGING_DIR}/existing/; fi",
        "  mount -t tmpfs tmpfs $store",
        f"  cp {STAGING_DIR}/existing/* $store/",
        f"  rm -rf {STAGING_DIR}/existing",
        "fi",
        "cp $staged $store/",
        "chown root:root $store $store/*",
        "chmod 755 $store",
        "chmod 644 $store/*",
        "chcon u:object_r:system_file:s0 $store $store/*",
    ]
    if uses_apex_store(api_level):
        lines += [
            f"apex={APEX_CACERTS}",
            # this shell's namespace, then each zygote (future apps inherit), then running apps
            'grep -q " $apex tmpfs " /proc/mounts || mount --bind $store $apex',
            "for z in $(pidof zygote) $(pidof zygote64); do",
            "  nsenter --mount=/proc/$z/ns/mnt -- /bin/sh -c "
            "\"grep -q ' $apex tmpfs ' /proc/mounts || /bin/mount --bind $store $apex\"",
            "  for p in $(ps -o PID= -P $z); do",
            "    nsenter --mount=/proc/$p/ns/mnt -- /bin/sh -c "
            "\"grep -q ' $apex tmpfs ' /proc/mounts || /bin/mount --bind $store $apex\" "
            "|| true",
            "  done",
            "done",
        ]
    lines.append("echo privacy-probe-ca-installed")
    return "\n".join(lines) + "\n"


def trust_check_script(cert: CaCertificate, api_level: int) -> str:
    """Shell script (run as root) that reports, per mount namespace that starts apps, whether
    the file the platform reads is byte-identical to the staged certificate.

    Prints one `ns=<shell|zygote:PID> <ok|missing|differs>` line per namespace.
    """
    store = APEX_CACERTS if uses_apex_store(api_level) else SYSTEM_CACERTS
    target = f"{store}/{cert.android_name}"
    staged = f"{STAGING_DIR}/{cert.android_name}"
    check = (
        f"if [ ! -f {target} ]; then echo missing; "
        f"elif cmp -s {target} {staged}; then echo ok; else echo differs; fi"
    )
    return (
        f'echo "ns=shell $({check})"\n'
        "if command -v nsenter >/dev/null; then\n"
        "  for z in $(pidof zygote) $(pidof zygote64); do\n"
        f"    echo \"ns=zygote:$z $(nsenter --mount=/proc/$z/ns/mnt -- /bin/sh -c '{check}')\"\n"
        "  done\n"
        "fi\n"
    )


@dataclass(frozen=True)
class TrustCheck:
    trusted: bool
    detail: str


def parse_trust_check(text: str) -> TrustCheck:
    results = dict(re.findall(r"^ns=(\S+) (\w+)\s*$", text, re.MULTILINE))
    if not results:
        return TrustCheck(False, "the trust check printed nothing")
    bad = {ns: state for ns, state in results.items() if state != "ok"}
    if bad:
        return TrustCheck(False, ", ".join(f"{ns}: {state}" for ns, state in sorted(bad.items())))
    return TrustCheck(True, f"present and identical in {len(results)} mount namespace(s)")
