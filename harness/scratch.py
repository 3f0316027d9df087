"""Temporary folders that a killed process cannot leak: each is claimed with an flock on its
`.owner` file for the life of the process, and the next process to make one of the same family
removes every folder of that family whose owner is gone (the kernel drops an flock when its
holder dies, however it dies: SIGKILL, OOM killer, power cut of a container)."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import IO

OWNER = ".owner"
_claims: dict[Path, IO[str]] = {}
_guard = threading.Lock()


def make_scratch(prefix: str, family: str | None = None) -> Path:
    """A new claimed folder `$TMPDIR/PREFIXxxxx`, after sweeping the dead ones of `family`
    (a prefix of `prefix`; default: `prefix` itself)."""
    sweep(family or prefix)
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    claim(folder)
    return folder


def claim(folder: Path) -> None:
    # Python opens files close-on-exec, so child processes (JVMs, mitmdump) never hold the claim
    handle = (folder / OWNER).open("a+", encoding="utf-8")
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    handle.write(f"pid {os.getpid()}\n")
    handle.flush()
    with _guard:
        _claims[folder] = handle


def release(folder: Path) -> None:
    """Remove a folder this process claimed."""
    with _guard:
        handle = _claims.pop(folder, None)
    shutil.rmtree(folder, ignore_errors=True)
    if handle is not None:
        handle.close()


def sweep(family: str) -> list[Path]:
    """Remove the `$TMPDIR/FAMILY*` folders whose owner process is gone; returns them."""
    removed = []
    for folder in sorted(Path(tempfile.gettempdir()).glob(f"{family}*")):
        if folder in _claims:
            continue
        try:
            handle = (folder / OWNER).open("r", encoding="utf-8")
        except OSError:  # not claimed (yet, or by an older version): not ours to judge
            continue
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # its owner is alive
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
