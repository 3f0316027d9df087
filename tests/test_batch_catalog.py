"""Catalog parsing: every bad input is a one-line InputError naming the file and the line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness.batch.catalog import app_id_for, load_catalog
from harness.batch.driver import BatchRequest, run_batch
from harness.batch.progress import PlainLog
from harness.errors import InputError
from tests.conftest import EXAMPLES, PROJECT_ROOT


def write(tmp_path: Path, text: str, name: str = "catalog.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load_catalog(path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_full_catalog_with_relative_paths_packages_and_citations(tmp_path: Path) -> None:
    (tmp_path / "apps" / "notes").mkdir(parents=True)
    (tmp_path / "apps" / "game.apk").write_bytes(b"PK")
    path = write(
        tmp_path,
        "\ufeffApp,category,name,first_party,cited\n"
        "# a comment line\n"
        "apps/notes,notes,Notes,notes.example.com; api.example.com,\n"
        "\n"
        'apps/game.apk,game,,"cdn.game.cn, game.cn",违规收集个人信息；开屏弹窗关不掉\n'
        "com.example.installed,,,,APP强制、频繁、过度索取权限\n",
    )
    catalog = load_catalog(path)
    notes, game, installed = catalog.rows
    assert (notes.line, notes.app_id, notes.source) == (3, "Notes", tmp_path / "apps" / "notes")
    assert notes.first_party == ("notes.example.com", "api.example.com")
    assert (game.line, game.app_id, game.category) == (5, "game", "game")
    assert game.cited == ("违规收集个人信息", "开屏弹窗关不掉")
    assert (installed.package, installed.source, installed.app_id) == (
        "com.example.installed",
        None,
        "com.example.installed",
    )


def test_line_numbers_count_quoted_multiline_fields(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    path = write(tmp_path, 'app,cited\na,"违规收集个人信息\n超范围收集个人信息"\nmissing_dir,\n')
    assert "catalog.csv:4: missing_dir: no such file" in error_of(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", r"catalog\.csv: the catalog is empty"),
        ("\n\n# only a comment\n", r"catalog\.csv: the catalog is empty"),
        ("app,category\n", r"catalog\.csv: no apps listed"),
        ("app,colour\nx,red\n", r"catalog\.csv:1: unknown column 'colour'"),
        ("name,category\nx,y\n", r"catalog\.csv:1: no 'app' column"),
        ("app,App\nx,y\n", r"catalog\.csv:1: column 'app' appears twice"),
        ("app,category\n./nope,game\n", r"catalog\.csv:2: \./nope: no such file or directory"),
        ("app,name\n\n\n,Foo\n", r"catalog\.csv:4: the 'app' field is empty"),
        ("app,name\ncom.a.b,x,extra\n", r"catalog\.csv:2: 3 fields but the header has 2"),
        ("app,first_party\ncom.a.b,not_a_domain!\n", r"catalog\.csv:2: first_party: 'not_a_domain!'"),
        ("app,cited\ncom.a.b,made-up label\n", r"catalog\.csv:2: cited: 'made-up label' is not a known"),
        (
            "app,name\ncom.a.b,Same\ncom.c.d,same\n",
            r"catalog\.csv:3: app id 'same' is already used by line 2",
        ),
        ('app\n"unterminated\n', r"catalog\.csv:\d+: not valid CSV"),
    ],
)
def test_bad_catalogs_name_the_line(tmp_path: Path, text: str, expected: str) -> None:
    assert re.search(expected, error_of(write(tmp_path, text)))


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    assert "no such catalog file" in error_of(tmp_path / "absent.csv")
    path = tmp_path / "gbk.csv"
    path.write_bytes("app,name\ncom.a.b,微信\n".encode("gbk"))
    assert "not UTF-8 text" in error_of(path)


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "/abs/path", "..", ".hidden", "a\x00b", "微信", "CON", "x" * 300, "-rf"]
)
def test_app_ids_are_plain_file_names(name: str) -> None:
    app_id = app_id_for(name)
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", app_id), app_id
    assert app_id not in {".", ".."}
    assert app_id == app_id_for(name)  # stable across runs


def test_non_ascii_names_stay_distinct() -> None:
    assert app_id_for("微信") != app_id_for("支付宝")
    assert app_id_for("Leaky SDK") == "Leaky_SDK"


def test_installed_package_rejected_for_sim_devices(tmp_path: Path) -> None:
    path = write(tmp_path, f"app\n{EXAMPLES / 'leaky_sdk'}\ncom.example.installed\n")
    request = BatchRequest(catalog=path, out=tmp_path / "out", devices="sim:1")
    with pytest.raises(InputError, match=r"catalog\.csv:3: com\.example\.installed is an installed package"):
        run_batch(request, PlainLog(sys.stderr))
    assert not (tmp_path / "out").exists()


def test_cli_reports_a_bad_row_in_one_line_with_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, "app,category\n./missing_app,game\n")
    completed = subprocess.run(
        [sys.executable, "-m", "harness.batch", "batch", str(path), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().count("\n") == 0
    assert f"{path}:2: ./missing_app: no such file or directory" in completed.stderr
