"""Content-Encoding undone with a size cap, and bodies as JSON-safe text (part of the mitmdump addon).

Every decoder holds at most cap+1 bytes of output: a decompression bomb is cut at the cap, not
expanded into memory.
"""

# Part of the mitmdump addon (addon.py): loaded by mitmproxy's interpreter as a top-level
# module (its script loader puts addon.py's folder on sys.path), so it imports only mitmproxy,
# the stdlib and its sibling addon_* modules, never `harness`.
import base64
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class DecodeError(Exception):
    pass


@dataclass
class DecodedBody:
    data: bytes
    truncated: bool
    error: str | None


def human_size(size: int) -> str:
    if size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MiB"
    if size % 1024 == 0:
        return f"{size // 1024} KiB"
    return f"{size} bytes"


def _inflate(raw: bytes, cap: int, wbits: int) -> tuple[bytes, bool]:
    """zlib/gzip/raw-deflate with at most cap+1 bytes of output ever held in memory.

    Concatenated gzip members are decoded one after another, as `gzip.decompress` does.
    """
    out = bytearray()
    pending = raw
    while pending:
        inflater = zlib.decompressobj(wbits)
        out += inflater.decompress(pending, cap + 1 - len(out))
        if len(out) > cap or inflater.unconsumed_tail:
            return bytes(out[:cap]), True
        out += inflater.flush()
        if len(out) > cap:
            return bytes(out[:cap]), True
        if not inflater.eof:
            raise DecodeError("compressed data ends early")
        pending = inflater.unused_data
    return bytes(out), False


def _gzip(raw: bytes, cap: int) -> tuple[bytes, bool]:
    return _inflate(raw, cap, 16 + zlib.MAX_WBITS)


def _deflate(raw: bytes, cap: int) -> tuple[bytes, bool]:
    # "deflate" is zlib-wrapped per RFC 9110, but many servers send raw deflate.
    try:
        return _inflate(raw, cap, zlib.MAX_WBITS)
    except zlib.error:
        return _inflate(raw, cap, -zlib.MAX_WBITS)


def _brotli(raw: bytes, cap: int) -> tuple[bytes, bool]:
    import brotli

    try:
        try:
            out, finished = _brotli_limited(brotli.Decompressor(), raw, cap)
        except TypeError:  # brotli < 1.2 (mitmproxy 11) has no output limit
            out, finished = _brotli_sliced(brotli.Decompressor(), raw, cap)
    except brotli.error as exc:
        raise DecodeError(str(exc) or "bad data") from exc
    if len(out) > cap:
        return bytes(out[:cap]), True
    if not finished:
        raise DecodeError("compressed data ends early")
    return bytes(out), False


def _brotli_limited(decompressor: Any, raw: bytes, cap: int) -> tuple[bytearray, bool]:
    out = bytearray(decompressor.process(raw, output_buffer_limit=cap + 1))
    while len(out) <= cap and not decompressor.is_finished():
        if decompressor.can_accept_more_data():
            break  # all input consumed, stream not finished: truncated
        out += decompressor.process(b"", output_buffer_limit=cap + 1 - len(out))
    return out, bool(decompressor.is_finished())


def _brotli_sliced(decompressor: Any, raw: bytes, cap: int) -> tuple[bytearray, bool]:
    # One input byte at a time (about 1 s per compressed MB): a single byte can still expand
    # to a few MiB, but a kilobyte of a bomb can expand to a GiB.
    out = bytearray()
    for start in range(len(raw)):
        out += decompressor.process(raw[start : start + 1])
        if len(out) > cap:
            break
    return out, bool(decompressor.is_finished())


def _zstd(raw: bytes, cap: int) -> tuple[bytes, bool]:
    # mitmproxy >= 12.3 depends on the standard library's zstd (Python 3.14 `compression.zstd`,
    # `backports.zstd` before it) instead of `zstandard`; older releases bring `zstandard`.
    try:
        from compression import zstd  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        try:
            from backports import zstd  # type: ignore[import-not-found, no-redef, unused-ignore]
        except ImportError:
            return _zstd_zstandard(raw, cap)
    out = bytearray()
    data = raw
    try:
        while data and len(out) <= cap:
            frame = zstd.ZstdDecompressor()
            out += frame.decompress(data, max_length=cap + 1 - len(out))
            while not frame.eof and not frame.needs_input and len(out) <= cap:
                out += frame.decompress(b"", max_length=cap + 1 - len(out))
            if not frame.eof:
                break
            data = frame.unused_data
    except zstd.ZstdError as exc:
        raise DecodeError(str(exc) or "bad data") from exc
    if len(out) > cap:
        return bytes(out[:cap]), True
    return bytes(out), False


def _zstd_zstandard(raw: bytes, cap: int) -> tuple[bytes, bool]:
    import zstandard

    out = bytearray()
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        while len(out) <= cap:
            chunk = reader.read(cap + 1 - len(out))
            if not chunk:
                break
            out += chunk
    except zstandard.ZstdError as exc:
        raise DecodeError(str(exc) or "bad data") from exc
    if len(out) > cap:
        return bytes(out[:cap]), True
    return bytes(out), False


DECODERS: dict[str, Callable[[bytes, int], tuple[bytes, bool]]] = {
    "gzip": _gzip,
    "x-gzip": _gzip,
    "deflate": _deflate,
    "br": _brotli,
    "zstd": _zstd,
}
IDENTITY = {"", "identity", "none"}


def decode_body(raw: bytes, content_encoding: str | None, cap: int) -> DecodedBody:
    """Undo Content-Encoding (applied in listed order, so undone in reverse) with a size cap.

    On failure the raw bytes are kept (cut at the cap) and the error says why.
    """
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    codings = [c for c in codings if c not in IDENTITY]
    data = raw
    for coding in reversed(codings):
        decoder = DECODERS.get(coding)
        if decoder is None:
            error = f"unsupported content encoding {coding!r}"
            return DecodedBody(raw[:cap], len(raw) > cap, error)
        try:
            data, truncated = decoder(data, cap)
        except (DecodeError, zlib.error) as exc:
            return DecodedBody(raw[:cap], len(raw) > cap, f"{coding}: {exc}")
        except MemoryError:
            return DecodedBody(raw[:cap], len(raw) > cap, f"{coding}: out of memory")
        if truncated:
            return DecodedBody(data, True, f"decompressed size over cap {human_size(cap)}")
    if len(data) > cap:
        return DecodedBody(data[:cap], True, None)
    return DecodedBody(data, False, None)


def body_as_text(data: bytes, truncated: bool) -> tuple[str | None, str | None]:
    """(body, "text"|"base64"); a body cut at the cap may end inside a UTF-8 sequence.

    Bytes with NULs are binary even when they decode as UTF-8: as JSON text each NUL would take
    six bytes ("\\u0000"), so a 16 MiB bomb of zeros would become ~100 MB of flows.jsonl.
    """
    if not data:
        return None, None
    if b"\0" in data:
        return base64.b64encode(data).decode("ascii"), "base64"
    for trim in range(4 if truncated else 1):
        try:
            return data[: len(data) - trim].decode("utf-8"), "text"
        except UnicodeDecodeError:
            continue
    return base64.b64encode(data).decode("ascii"), "base64"
