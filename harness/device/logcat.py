"""The device's log (logcat) copied into the run folder while the run lasts."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any


class LogcatPump:
    """Copies a streaming `logcat` connection into a file on a daemon thread."""

    def __init__(self, connection: Any, path: Path) -> None:
        self._connection = connection
        self._path = path
        self._thread = threading.Thread(target=self._pump, name="logcat", daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        with contextlib.suppress(Exception), self._path.open("ab") as sink:
            while chunk := self._connection.recv(65536):
                sink.write(chunk)
                sink.flush()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._connection.close()  # unblocks recv()
        self._thread.join(timeout=5)
