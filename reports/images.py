"""Screenshots embedded in the report as small PNGs that the renderer re-encoded itself.

A screenshot path comes from a run record, so it is only followed inside RUN_DIR/ui/, and
the file is decoded and re-encoded (never copied byte for byte): whatever the file really
holds, the page gets a plain thumbnail or a one-line reason why not.
"""

from __future__ import annotations

import base64
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PilImage

from harness.rundir import UI_DIR
from reports.model import Image
from reports.text import SHORT, safe

THUMB_WIDTH = 300
THUMB_HEIGHT = 600
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class Unavailable:
    reason: str


def _inside_ui(run_dir: Path, relative: str) -> Path | None:
    if not relative or "\0" in relative:
        return None
    ui = (run_dir / UI_DIR).resolve()
    try:
        path = (run_dir / relative).resolve()
    except (OSError, ValueError):
        return None
    return path if path.is_relative_to(ui) else None


def thumbnail(run_dir: Path, relative: str, caption: str) -> Image | Unavailable:
    path = _inside_ui(run_dir, relative)
    if path is None:
        return Unavailable(f"screenshot path {safe(relative, SHORT)!r} is outside the run's ui/ folder")
    if not path.is_file():
        return Unavailable(f"screenshot {safe(relative, SHORT)} is missing")
    if path.stat().st_size > MAX_FILE_BYTES:
        return Unavailable(f"screenshot {safe(relative, SHORT)} is too large to embed")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PilImage.DecompressionBombWarning)
            with PilImage.open(path) as source:
                if source.format != "PNG":
                    return Unavailable(f"{safe(relative, SHORT)} is not a PNG image")
                if source.width * source.height > MAX_PIXELS:
                    return Unavailable(f"{safe(relative, SHORT)} has too many pixels to embed")
                picture = source.convert("RGB")
    except (
        OSError,
        ValueError,
        SyntaxError,
        PilImage.DecompressionBombError,
        PilImage.DecompressionBombWarning,
    ) as exc:
        return Unavailable(
            f"screenshot {safe(relative, SHORT)} is not a readable image ({type(exc).__name__})"
        )
    picture.thumbnail((THUMB_WIDTH, THUMB_HEIGHT))
    encoded = io.BytesIO()
    picture.save(encoded, format="PNG", optimize=True)
    return Image(
        src="data:image/png;base64," + base64.b64encode(encoded.getvalue()).decode("ascii"),
        alt=caption,
        caption=caption,
        width=picture.width,
        height=picture.height,
    )
