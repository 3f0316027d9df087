"""Throughput of the canary detector against `grep -F -f patterns` on the same bytes.

Generates >= 100 MB of realistic request bodies (JSON analytics events, form posts, base64
blobs holding gzip'd JSON, binary uploads, ~1 % of them carrying a canary in some
encoding), then times:

- ours: `Matcher.scan_flow` over every flow (URL, each header, body, with nested decoding
  and coordinate matching), for every canary of the default profile x all encodings;
- grep: `LC_ALL=C grep -F -c -f PATTERNS FILE` where FILE holds exactly the bytes we scan
  and PATTERNS every pattern our engine searches for (but the raw digests that contain a
  newline byte: grep reads its patterns one per line).

"after" is the detector as it is (wrapped-base64, protobuf and multipart layers; the output
heads of 64 transforms that carried a canary searched too, as in a run with transform hooks);
"before" is the same without the new layers and transform links.
Best of three runs each. The last line is `ratio_vs_grep=R` (our throughput / grep's, after).
Usage: python benchmarks/detect_throughput.py [--mb 100] [--seed 7]
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.timing import best_of
from harness.detect.match import layers, wire_layers
from harness.detect.match.coords import CoordinateCanary
from harness.detect.match.encodings import OutputBlob
from harness.detect.match.matcher import Matcher
from harness.detect.view import Flow
from harness.profile import DEFAULT_PROFILE, canaries

WORDS = (
    "click", "view", "item", "cart", "checkout", "session", "start", "screen", "home", "feed",
    "video", "share", "like", "follow", "comment", "banner", "splash", "reward", "level", "score",
    "open", "close", "load", "error", "retry", "config", "update",
)  # fmt: skip


class BodyMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.secrets = [c.value for c in canaries(DEFAULT_PROFILE)]

    def token(self, n: int) -> str:
        return "".join(self.rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=n))

    def event(self) -> dict[str, object]:
        r = self.rng
        return {
            "event": r.choice(WORDS),
            "ts": r.randint(1_700_000_000_000, 1_800_000_000_000),
            "session": str(uuid.UUID(int=r.getrandbits(128), version=4)),
            "token": base64.urlsafe_b64encode(r.randbytes(32)).decode().rstrip("="),
            "props": {
                r.choice(WORDS): r.choice([r.random() * 1000, r.randint(0, 99), self.token(10)])
                for _ in range(r.randint(3, 12))
            },
            "ua": "Mozilla/5.0 (Linux; Android 14; Pixel 6) AppleWebKit/537.36 Chrome/126.0",
            "sdk_version": f"{r.randint(1, 9)}.{r.randint(0, 40)}.{r.randint(0, 9)}",
        }

    def leak(self) -> str:
        r = self.rng
        value = r.choice(self.secrets).encode()
        forms: list[Callable[[], str]] = [
            lambda: value.decode(),
            lambda: quote(value.decode()),
            lambda: base64.b64encode(b"k=" + value).decode(),
            lambda: hashlib.md5(value).hexdigest(),
            lambda: hashlib.sha256(value).hexdigest().upper(),
            lambda: value.hex(),
            lambda: f"{DEFAULT_PROFILE.latitude:.4f},{DEFAULT_PROFILE.longitude:.4f}",
        ]
        return r.choice(forms)()

    def body(self, leak: bool) -> bytes:
        r = self.rng
        kind = r.random() * 0.92 if leak else r.random()  # leaks go into text bodies
        events = [self.event() for _ in range(r.randint(5, 60))]
        if leak:
            events[r.randrange(min(len(events), 20))]["extra"] = self.leak()  # forms keep 20
        if kind < 0.55:
            return json.dumps({"batch": events, "device": {"model": "Pixel 6"}}).encode()
        if kind < 0.75:
            pairs = [(f"{r.choice(WORDS)}_{i}", json.dumps(e)) for i, e in enumerate(events[:20])]
            return urlencode(pairs).encode()
        if kind < 0.92:
            packed = base64.b64encode(gzip.compress(json.dumps(events).encode(), 1)).decode()
            sig = hashlib.sha1(packed.encode()).hexdigest()
            return json.dumps({"v": 2, "payload": packed, "sig": sig}).encode()
        return r.randbytes(r.randint(4_000, 60_000))


def make_flows(total_bytes: int, seed: int) -> tuple[list[Flow], set[int]]:
    """Flows of about `total_bytes` of body, and the seqs of the ~1 % that carry a canary."""
    maker = BodyMaker(random.Random(seed))
    flows: list[Flow] = []
    leaky: set[int] = set()
    size = 0
    while size < total_bytes:
        seq = len(flows)
        if maker.rng.random() < 0.01:
            leaky.add(seq)
        body = maker.body(seq in leaky)
        host = maker.rng.choice(["api.example.com", "log.umeng.com", "sdk.e.qq.com"])
        url = f"https://{host}/v1/{maker.rng.choice(WORDS)}?t={maker.rng.randint(0, 10**9)}"
        headers = (("Content-Type", "application/json"), ("User-Agent", "okhttp/4.12.0"))
        flows.append(Flow(seq, float(seq), "ok", "POST", host, url, headers, body, None, False, None, None))
        size += len(body)
    return flows, leaky


def scanned_bytes(flow: Flow) -> bytes:
    parts = [flow.url.encode(), *(v.encode() for _, v in flow.request_headers)]
    return b"\n".join([*parts, flow.request_body or b""]) + b"\n"


NEW_LAYERS = (
    (layers, "unwrapped_base64"),
    (wire_layers, "protobuf_fields"),
    (wire_layers, "multipart_parts"),
)


def _nothing(data: bytes) -> tuple[()]:
    """A layer finder that finds nothing (for "before"): no layer, no parts."""
    return ()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    profile = DEFAULT_PROFILE
    location = CoordinateCanary(profile.latitude, profile.longitude)
    rng = random.Random(args.seed)
    outputs = [OutputBlob(f"transform:events.jsonl#{i}", rng.randbytes(48), False, False) for i in range(64)]
    matcher = Matcher(canaries(profile), location, outputs=outputs)
    flows, leaky = make_flows(int(args.mb * 1_000_000), args.seed)
    data = b"".join(scanned_bytes(f) for f in flows)
    detected: set[int] = set()

    def ours() -> None:
        detected.clear()
        detected.update(f.seq for f in flows if matcher.scan_flow(f).matches)

    def before() -> None:
        new_layers = {(module, name): getattr(module, name) for module, name in NEW_LAYERS}
        for module, name in NEW_LAYERS:
            setattr(module, name, _nothing)
        try:
            plain = Matcher(canaries(profile), location)
            for flow in flows:
                plain.scan_flow(flow)
        finally:
            for (module, name), function in new_layers.items():
                setattr(module, name, function)

    with tempfile.TemporaryDirectory() as tmp:
        corpus, patterns = Path(tmp) / "corpus.bin", Path(tmp) / "patterns.txt"
        corpus.write_bytes(data)
        patterns.write_bytes(b"\n".join(p for p in matcher.patterns if b"\n" not in p) + b"\n")
        env = {**os.environ, "LC_ALL": "C"}
        command = ["grep", "-F", "-c", "-f", str(patterns), str(corpus)]

        def grep() -> None:
            # a pipe, not /dev/null: GNU grep stops at the first match when output is /dev/null
            subprocess.run(command, env=env, stdout=subprocess.PIPE, check=False)

        grep_s = best_of(args.runs, grep)
    ours_s = best_of(args.runs, ours)
    before_s = best_of(args.runs, before)

    mb = len(data) / 1e6
    print(f"corpus: {mb:.1f} MB in {len(flows)} flows")
    print(f"canaries: {len(canaries(profile))} + location; patterns: {len(matcher.patterns)}")
    print(
        f"flows with a planted canary: {len(leaky)}; detected: {len(leaky & detected)}; "
        f"flagged without one: {len(detected - leaky)}"
    )
    print(f"ours before (no new layers, no transform links): {before_s:.2f} s = {mb / before_s:.1f} MB/s")
    print(f"ours after: {ours_s:.2f} s = {mb / ours_s:.1f} MB/s")
    print(f"grep -F: {grep_s:.2f} s = {mb / grep_s:.1f} MB/s")
    print(f"ratio_vs_grep_before={grep_s / before_s:.2f}")
    print(f"ratio_vs_grep={grep_s / ours_s:.2f}")


if __name__ == "__main__":
    main()
