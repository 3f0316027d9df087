"""Network capture: mitmdump with our addon, recording one JSON line per HTTP(S) flow.

Contract for flows.jsonl (one object per line; shared with `harness.detect`):
  schema, seq, id, ts, ts_end, status ("ok" | "error" | "tls_failed"), method, scheme,
  host (name from SNI/Host, not the IP), port, path (with query), url, http_version,
  request_headers ([name, value] pairs, order and duplicates kept), request_body (decoded;
  text if valid UTF-8 else base64; null if none), request_body_encoding ("text" | "base64" |
  null), request_body_size (decoded), request_body_truncated, request_content_encoding,
  request_decode_error, response_status, response_headers, response_body,
  response_body_encoding, response_body_size, response_body_truncated,
  response_content_encoding, response_decode_error, error.
  A WebSocket message (either direction) is a record of its own: method "WEBSOCKET", scheme
  "ws"/"wss", websocket {direction: "sent" | "received", text}, the message in request_body
  (sent by the app) or response_body (received).

Run dir files: flows.jsonl (addon.py, one flush per flow), flows.mitm (the same flows in
mitmproxy's own format, written while traffic pauses and at stop), flows.har (made from
flows.jsonl at stop), capture.json (the capture's own state: started, died, stopped, errors),
mitmdump.log (mitmdump's output).
"""

from harness.capture.coverage import capture_coverage
from harness.capture.jvm import jvm_proxy_options
from harness.capture.mitmdump import find_mitmdump
from harness.capture.proxy import (
    CaptureError,
    CaptureMode,
    CaptureSettings,
    MitmdumpProcess,
    PortInUse,
)
from harness.capture.truststore import TrustStore, make_truststore

__all__ = [
    "CaptureError",
    "CaptureMode",
    "CaptureSettings",
    "MitmdumpProcess",
    "PortInUse",
    "TrustStore",
    "capture_coverage",
    "find_mitmdump",
    "jvm_proxy_options",
    "make_truststore",
]
