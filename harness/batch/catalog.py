"""The app catalog of a batch: a UTF-8 CSV file with a header line.

Columns (header names are case-insensitive; only `app` is required):

    app          a sim app directory, a sim app .jar, an APK (or split-APK directory), or the
                 package name of an app installed on the device; relative paths are relative
                 to the catalog file's folder
    category     the app's category (for the necessary-data rule)
    name         a display name; also the base of the app's id when given
    first_party  domains of the app's operator, separated by ';', ',' or spaces
    cited        MIIT bulletin labels a regulator cited this app for, separated by ';' or '|'
                 (see harness/data/miit_labels.json)

Blank lines and lines starting with '#' are skipped. Every problem is reported as an
InputError naming the file and line.

Each row gets an app id: the folder name of its run under the batch output and its key for
resume. It is derived from `name`, else from the app's file or package name, kept to
[A-Za-z0-9._-]; a name that had to be changed beyond recognition (non-ASCII) gets a short hash
of the original so that ids stay distinct and stable across runs.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from harness.batch.citations import label_table
from harness.errors import InputError

COLUMNS = ("app", "category", "name", "first_party", "cited")
APP_ID_MAX = 64
_PACKAGE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$")
_DOMAIN = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_CITED_SEPARATORS = re.compile(r"[;；|\n]")
_DOMAIN_SEPARATORS = re.compile(r"[;,\s]+")


@dataclass(frozen=True)
class CatalogRow:
    line: int
    app_id: str
    app: str  # as written in the catalog
    source: Path | None  # the resolved file or directory; None for an installed package
    package: str | None  # the package name when `app` names an installed app
    name: str | None
    category: str | None
    first_party: tuple[str, ...]
    cited: tuple[str, ...]

    def fingerprint(self) -> dict[str, object]:
        """What a finished result must match to count as this row's result (resume)."""
        return {"app": self.app, "category": self.category, "first_party": list(self.first_party)}


@dataclass(frozen=True)
class Catalog:
    path: Path
    rows: tuple[CatalogRow, ...]


def load_catalog(path: Path) -> Catalog:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such catalog file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected a CSV catalog file") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8 CSV"
        ) from None
    return parse_catalog(path, text)


def parse_catalog(path: Path, text: str) -> Catalog:
    records = list(_records(path, text))
    if not records:
        raise InputError(f"{path}: the catalog is empty (expected a header line naming an 'app' column)")
    header_line, header = records[0]
    columns = _columns(path, header_line, header)
    rows: list[CatalogRow] = []
    ids: dict[str, CatalogRow] = {}
    for line, fields in records[1:]:
        if len(fields) > len(columns):
            raise InputError(
                f"{path}:{line}: {len(fields)} fields but the header has {len(columns)} "
                "(quote values that contain commas)"
            )
        values = {column: fields[i].strip() if i < len(fields) else "" for i, column in enumerate(columns)}
        row = _row(path, line, values)
        clash = ids.get(row.app_id.casefold())
        if clash is not None:
            raise InputError(
                f"{path}:{line}: app id {row.app_id!r} is already used by line {clash.line}; "
                "give one of them a distinct 'name'"
            )
        ids[row.app_id.casefold()] = row
        rows.append(row)
    if not rows:
        raise InputError(f"{path}: no apps listed (only a header line)")
    return Catalog(path=path, rows=tuple(rows))


def _records(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """(first line number, fields) of each CSV record, without blank and comment lines."""
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for fields in reader:
            first, line = line, reader.line_num + 1
            if not any(f.strip() for f in fields) or fields[0].lstrip().startswith("#"):
                continue
            records.append((first, fields))
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: not valid CSV ({exc})") from None
    return records


def _columns(path: Path, line: int, header: list[str]) -> list[str]:
    columns = [name.strip().lower() for name in header]
    for name in columns:
        if name not in COLUMNS:
            raise InputError(f"{path}:{line}: unknown column {name!r} (known columns: {', '.join(COLUMNS)})")
    duplicates = sorted({name for name in columns if columns.count(name) > 1})
    if duplicates:
        raise InputError(f"{path}:{line}: column {duplicates[0]!r} appears twice")
    if "app" not in columns:
        raise InputError(f"{path}:{line}: no 'app' column in the header ({', '.join(columns)})")
    return columns


def _row(path: Path, line: int, values: dict[str, str]) -> CatalogRow:
    app = values.get("app", "")
    where = f"{path}:{line}"
    if not app:
        raise InputError(f"{where}: the 'app' field is empty")
    source, package = _resolve_app(where, path.parent, app)
    name = values.get("name") or None
    return CatalogRow(
        line=line,
        app_id=app_id_for(name or package or _stem(source or Path(app))),
        app=app,
        source=source,
        package=package,
        name=name,
        category=values.get("category") or None,
        first_party=_domains(where, values.get("first_party", "")),
        cited=_cited(where, values.get("cited", "")),
    )


def _resolve_app(where: str, base: Path, app: str) -> tuple[Path | None, str | None]:
    candidate = (base / Path(app).expanduser()).resolve()
    if candidate.exists():
        return candidate, None
    looks_like_path = "/" in app or "\\" in app or app.lower().endswith((".apk", ".jar"))
    if not looks_like_path and _PACKAGE.match(app):
        return None, app
    raise InputError(f"{where}: {app}: no such file or directory (resolved to {candidate})")


def _stem(source: Path) -> str:
    name = source.name
    for suffix in (".apk", ".jar"):
        name = name.removesuffix(suffix)
    return name


def app_id_for(base: str) -> str:
    text = unicodedata.normalize("NFKC", base).strip()
    slug = _UNSAFE.sub("_", text).strip("._-")[:APP_ID_MAX]
    if not slug or not text.isascii():
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        slug = f"{slug[: APP_ID_MAX - 9] or 'app'}-{digest}"
    return slug


def _domains(where: str, text: str) -> tuple[str, ...]:
    domains = [d.lower().rstrip(".") for d in _DOMAIN_SEPARATORS.split(text) if d]
    for domain in domains:
        if not _DOMAIN.match(domain):
            raise InputError(f"{where}: first_party: {domain!r} is not a domain name")
    return tuple(dict.fromkeys(domains))


def _cited(where: str, text: str) -> tuple[str, ...]:
    labels = [label.strip() for label in _CITED_SEPARATORS.split(text) if label.strip()]
    table = label_table()
    for label in labels:
        if table.lookup(label) is None:
            known = "; ".join(table.labels)
            raise InputError(f"{where}: cited: {label!r} is not a known MIIT bulletin label (known: {known})")
    return tuple(dict.fromkeys(labels))
