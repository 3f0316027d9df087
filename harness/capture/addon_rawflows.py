"""flows.mitm, mitmproxy's own flow format, written off the request path (part of the mitmdump addon).

Serializing a flow costs more than all the rest of the addon's work on it, so flows wait until
traffic pauses and are then written in small batches per event-loop turn.
"""

# Part of the mitmdump addon (addon.py): loaded by mitmproxy's interpreter as a top-level
# module (its script loader puts addon.py's folder on sys.path), so it imports only mitmproxy,
# the stdlib and its sibling addon_* modules, never `harness`.
import asyncio
import logging

from mitmproxy import http
from mitmproxy import io as mitm_io

RAW_IDLE_SECONDS = 0.5  # flows.mitm is written once no flow finished for this long...
RAW_PENDING_BYTES = 32 * 1024 * 1024  # ...or once the waiting flows hold this many body bytes
RAW_BATCH = 20  # flows written per event-loop turn, so writing never stalls the proxy

log = logging.getLogger(__name__)


class RawFlowWriter:
    """flows.mitm, written off the request path: flows wait until traffic pauses."""

    def __init__(self, path: str) -> None:
        self.file = open(path, "ab")  # noqa: SIM115 - kept open for the run
        self.writer = mitm_io.FlowWriter(self.file)
        self.pending: list[http.HTTPFlow] = []
        self.pending_bytes = 0
        self.last_added = 0.0
        self.timer: asyncio.TimerHandle | None = None
        self.writing = False

    def add(self, flow: http.HTTPFlow) -> None:
        self.pending.append(flow)
        self.pending_bytes += len(flow.request.raw_content or b"")
        if flow.response:
            self.pending_bytes += len(flow.response.raw_content or b"")
        loop = asyncio.get_running_loop()
        self.last_added = loop.time()
        if self.writing:
            return  # the running batches take this flow too
        if self.pending_bytes > RAW_PENDING_BYTES:
            self.start_writing()
        elif self.timer is None:
            self.timer = loop.call_later(RAW_IDLE_SECONDS, self.when_idle)

    def when_idle(self) -> None:
        self.timer = None
        if self.writing:
            return
        loop = asyncio.get_running_loop()
        quiet_for = loop.time() - self.last_added
        if quiet_for < RAW_IDLE_SECONDS:
            self.timer = loop.call_later(RAW_IDLE_SECONDS - quiet_for, self.when_idle)
        else:
            self.start_writing()

    def start_writing(self) -> None:
        self.writing = True
        self.write_batch()

    def write_batch(self) -> None:
        batch, self.pending = self.pending[:RAW_BATCH], self.pending[RAW_BATCH:]
        self.write(batch)
        if self.pending:
            asyncio.get_running_loop().call_soon(self.write_batch)
        else:
            self.pending_bytes = 0
            self.writing = False

    def write(self, flows: list[http.HTTPFlow]) -> None:
        try:
            for flow in flows:
                self.writer.add(flow)
            self.file.flush()
        except (OSError, ValueError) as exc:
            log.warning("privacy-probe: could not write flows.mitm: %r", exc)

    def close(self) -> None:
        if self.timer:
            self.timer.cancel()
        self.write(self.pending)
        self.pending = []
        self.file.close()
