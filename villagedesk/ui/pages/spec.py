"""A navigation entry: key (for --page), Chinese title, and a factory that builds the page lazily."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtWidgets import QWidget


class PageSpec(NamedTuple):  # not a dataclass: built before the first paint (see domain/actor.py)
    key: str
    title: str
    factory: Callable[..., QWidget]  # factory(ctx) -> page; a page may have refresh()
