"""The app categories of 常见类型移动互联网应用程序必要个人信息范围规定 (harness/data/necessary_pi.json):
39 types, each with the personal information its basic function needs. A category is named by its
type number 1–39, its Chinese name (with or without 类), its key or English name, or an alias
such as "weather" or "news"; a name that matches none is not guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from harness.detect.view import RunView


@dataclass(frozen=True)
class Category:
    id: int
    key: str
    zh: str
    en: str
    necessary_pi: tuple[str, ...]
    data_types: frozenset[str]


def _token(text: str) -> str:
    return re.sub(r"[\s\-&/]+", "_", text.strip().casefold()).strip("_")


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[Category, ...], dict[str, Category]]:
    raw: dict[str, Any] = json.loads(
        resources.files("harness.data").joinpath("necessary_pi.json").read_text("utf-8")
    )
    categories = []
    names: dict[str, Category] = {}
    for row in raw["categories"]:
        category = Category(
            id=int(row["id"]),
            key=str(row["key"]),
            zh=str(row["zh"]),
            en=str(row["en"]),
            necessary_pi=tuple(row["necessary_pi"]),
            data_types=frozenset(row["data_types"]),
        )
        categories.append(category)
        for name in (
            str(category.id),
            category.key,
            category.zh,
            category.zh.removesuffix("类"),
            category.en,
            *row["aliases"],
        ):
            names.setdefault(_token(name), category)
    return tuple(categories), names


def find_category(name: str) -> Category | None:
    return _table()[1].get(_token(name).removesuffix("类"), None) or _table()[1].get(_token(name))


def necessary_data_types(view: RunView) -> frozenset[str]:
    """The data types the run's category needs; empty when it needs none or is unknown."""
    name = view.app.category
    category = find_category(name) if name is not None else None
    return category.data_types if category is not None else frozenset()
