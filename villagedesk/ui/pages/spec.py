"""A navigation entry: key (for --page), Chinese title, and a factory that builds the page lazily."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: Callable[..., QWidget]  # factory(ctx) -> page; a page may have refresh()
