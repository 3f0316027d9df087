"""What the user tells a run about the app besides the app itself: its declared third-party
SDK list (or privacy-policy text) and its store listing. Read and checked before the run, so bad
input ends the command at once; kept in the run folder so `analyze` can re-judge the run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.detect.declared_observed import MAX_INPUT_BYTES, SDK_LIST_FILE
from harness.detect.store_listing import LISTING_FILE, read_listing
from harness.errors import InputError
from harness.records import write_json_atomic


@dataclass(frozen=True)
class UserInputs:
    sdk_list: str | None = None
    store_listing: dict[str, Any] | None = None

    def save(self, run_dir: Path) -> None:
        if self.sdk_list is not None:
            (run_dir / SDK_LIST_FILE).write_text(self.sdk_list, encoding="utf-8")
        if self.store_listing is not None:
            write_json_atomic(run_dir / LISTING_FILE, self.store_listing)


def load_user_inputs(sdk_list: Path | None, store_listing: Path | None) -> UserInputs:
    text = None
    if sdk_list is not None:
        try:
            raw = sdk_list.read_bytes()
        except OSError as error:
            raise InputError(f"{sdk_list}: cannot read the SDK list ({error.strerror})") from None
        if len(raw) > MAX_INPUT_BYTES:
            raise InputError(f"{sdk_list}: an SDK list over {MAX_INPUT_BYTES} bytes is not a list")
        text = raw.decode("utf-8-sig", errors="replace")
    listing = read_listing(store_listing) if store_listing is not None else None
    return UserInputs(sdk_list=text, store_listing=listing)
