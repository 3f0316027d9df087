"""The view-model of the report's timeline: lanes of marks on a time axis, laid out in SVG units."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    width: float
    height: float
    css: str
    tip: str


@dataclass(frozen=True)
class Lane:
    label: str
    group: str  # "steps" | "data" | "flows"
    y: float
    mid: float
    text_y: float
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Band:
    x: float
    width: float
    label: str
    text_x: float


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    plot_height: float
    label_x: float
    tick_label_y: float
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    scenarios: tuple[Band, ...]
    before_consent: Band | None
    consent_x: float | None
    consent_label: str
    consent_label_x: float
    consent_label_y: float
    notes: tuple[str, ...]
