"""flows.jsonl → flows.har (HAR 1.2), for browser devtools and other HAR viewers.

Built from our own records rather than mitmproxy's `hardump`, so the HAR exists even when
mitmdump died mid-run, and bodies appear decoded exactly as detection saw them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from harness import __version__
from harness.records import read_jsonl, write_json_atomic


def write_har(flows_jsonl: Path, har_path: Path) -> int:
    """Write har_path from flows_jsonl; returns the number of entries."""
    entries = [har_entry(record) for record in read_jsonl(flows_jsonl)]
    har = {
        "log": {
            "version": "1.2",
            "creator": {"name": "privacy-probe", "version": __version__},
            "entries": entries,
        }
    }
    write_json_atomic(har_path, har)
    return len(entries)


def har_entry(record: dict[str, Any]) -> dict[str, Any]:
    started = _number(record.get("ts"))
    ended = max(_number(record.get("ts_end")) or started, started)
    elapsed_ms = round((ended - started) * 1000, 3)
    entry: dict[str, Any] = {
        "startedDateTime": datetime.fromtimestamp(started, UTC).isoformat(),
        "time": elapsed_ms,
        "request": _request(record),
        "response": _response(record),
        "cache": {},
        "timings": {"send": 0, "wait": elapsed_ms, "receive": 0},
        "_privacyProbe": {
            "seq": record.get("seq"),
            "id": record.get("id"),
            "status": record.get("status"),
        },
    }
    if record.get("error"):
        entry["_error"] = record["error"]
    return entry


def _request(record: dict[str, Any]) -> dict[str, Any]:
    url = str(record.get("url") or "")
    headers = _headers(record.get("request_headers"))
    request: dict[str, Any] = {
        # a refused TLS handshake has no request; HAR viewers show it as a failed CONNECT
        "method": record.get("method") or "CONNECT",
        "url": url,
        "httpVersion": record.get("http_version") or "",
        "cookies": [],
        "headers": headers,
        "queryString": [
            {"name": name, "value": value}
            for name, value in parse_qsl(urlsplit(url).query, keep_blank_values=True)
        ],
        "headersSize": -1,
        "bodySize": _body_size(record, "request"),
    }
    body = record.get("request_body")
    if body is not None:
        request["postData"] = {
            "mimeType": _header(headers, "content-type"),
            "params": [],
            "text": body,
        }
        if record.get("request_body_encoding") == "base64":
            request["postData"]["comment"] = "binary body, base64-encoded"
    return request


def _response(record: dict[str, Any]) -> dict[str, Any]:
    headers = _headers(record.get("response_headers"))
    content: dict[str, Any] = {
        "size": int(record.get("response_body_size") or 0),
        "mimeType": _header(headers, "content-type"),
    }
    if record.get("response_body") is not None:
        content["text"] = record["response_body"]
        if record.get("response_body_encoding") == "base64":
            content["encoding"] = "base64"
    return {
        "status": int(record.get("response_status") or 0),
        "statusText": "",
        "httpVersion": record.get("http_version") or "",
        "cookies": [],
        "headers": headers,
        "content": content,
        "redirectURL": _header(headers, "location"),
        "headersSize": -1,
        "bodySize": _body_size(record, "response"),
    }


def _headers(pairs: Any) -> list[dict[str, str]]:
    if not isinstance(pairs, list):
        return []
    return [
        {"name": str(pair[0]), "value": str(pair[1])}
        for pair in pairs
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]


def _header(headers: list[dict[str, str]], name: str) -> str:
    return next((h["value"] for h in headers if h["name"].lower() == name), "")


def _body_size(record: dict[str, Any], prefix: str) -> int:
    # HAR wants the size on the wire; we only know it when no content-encoding was applied
    if record.get(f"{prefix}_content_encoding") or record.get(f"{prefix}_body_truncated"):
        return -1
    return int(record.get(f"{prefix}_body_size") or 0)


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0
