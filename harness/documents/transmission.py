"""A canary found in the run's traffic, as findings.json lists it (`transmissions`).

Written by harness.detect.match.transmissions; `chain` and `transforms` are there only for a
value that went through transforms (encryption, hashing...) between its read and its sending.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from harness.documents.fields import Fields, JsonObject, put


@dataclass(frozen=True)
class Collection:
    """A hooked read of the value that was later sent (transmissions[].collected_by)."""

    ref: str
    ts: float
    api: str
    sdk: str | None
    data_type: str | None
    link: str | None  # how the sent value was tied to the read ("same value", ...)
    extra: JsonObject = field(default_factory=dict)

    def to_json(self) -> JsonObject:
        return {
            "ref": self.ref,
            "ts": self.ts,
            "api": self.api,
            "sdk": self.sdk,
            "data_type": self.data_type,
            "link": self.link,
            **self.extra,
        }

    @classmethod
    def read(cls, f: Fields) -> Collection:
        return cls(
            ref=f.text("ref"),
            ts=f.number("ts"),
            api=f.text("api"),
            sdk=f.opt_text("sdk"),
            data_type=f.opt_text("data_type"),
            link=f.opt_text("link"),
            extra=f.rest(),
        )


@dataclass(frozen=True)
class Transmission:
    """A canary found in traffic (see harness.detect.match.transmissions)."""

    flow: str  # "flows.jsonl#7"
    url: str
    sdk: str | None  # the SDK whose code read the value first
    host: str
    domain: str
    party: str  # "first" | "third"
    owner: str | None
    recipient_sdk: str | None
    data_type: str
    canary: str
    form: str
    encoding: list[str]  # the encodings peeled, wire first
    location: str  # "url" | "header:NAME" | "body"
    excerpt: str
    method: str
    ts: float
    phase: str  # "before_consent" | "after_consent"
    collected_by: list[Collection]
    source: str  # "proxy" | "hook"
    chain: str | None = None  # through transforms: "imei → AES/CBC by com.umeng → base64 → POST ..."
    transforms: list[JsonObject] | None = None  # the transforms' steps {ref, ts, api, algorithm, sdk, ...}
    extra: JsonObject = field(default_factory=dict)

    def to_json(self) -> JsonObject:
        out: JsonObject = {
            "flow": self.flow,
            "url": self.url,
            "sdk": self.sdk,
            "host": self.host,
            "domain": self.domain,
            "party": self.party,
            "owner": self.owner,
            "recipient_sdk": self.recipient_sdk,
            "data_type": self.data_type,
            "canary": self.canary,
            "form": self.form,
            "encoding": self.encoding,
            "location": self.location,
            "excerpt": self.excerpt,
            "method": self.method,
            "ts": self.ts,
            "phase": self.phase,
            "collected_by": [c.to_json() for c in self.collected_by],
            "source": self.source,
        }
        put(out, "chain", self.chain)
        put(out, "transforms", self.transforms)
        return {**out, **self.extra}

    @classmethod
    def from_json(cls, data: object, document: str = "transmission") -> Transmission:
        return cls.read(Fields(data, document))

    @classmethod
    def read(cls, f: Fields) -> Transmission:
        return cls(
            flow=f.text("flow"),
            url=f.text("url"),
            sdk=f.opt_text("sdk"),
            host=f.text("host"),
            domain=f.text("domain"),
            party=f.text("party"),
            owner=f.opt_text("owner"),
            recipient_sdk=f.opt_text("recipient_sdk"),
            data_type=f.text("data_type"),
            canary=f.text("canary"),
            form=f.text("form"),
            encoding=f.texts("encoding"),
            location=f.text("location"),
            excerpt=f.text("excerpt"),
            method=f.text("method"),
            ts=f.number("ts"),
            phase=f.text("phase"),
            collected_by=f.records("collected_by", Collection.read),
            source=f.text("source", "proxy"),
            chain=f.opt_text("chain"),
            transforms=f.objects("transforms") if f.has("transforms") else None,
            extra=f.rest(),
        )
