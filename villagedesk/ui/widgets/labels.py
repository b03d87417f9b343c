"""A label styled by its role (title, hint, error) through the style sheet."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel


def role_label(text: str, role: str, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    if wrap:
        label.setWordWrap(True)
    return label


def breakable_path(path: object) -> str:
    """A file path as a wrapping label shows it: it may break after each folder separator (a path has no spaces
    to break at, and at large text one line of it is wider than the window)."""
    parts = re.split(r"([/\\])", str(path))
    # a folder name longer than a line may break inside, every 12 characters
    return "".join(p + "\u200b" if p in "/\\" else "\u200b".join(p[i:i + 12] for i in range(0, len(p), 12))
                   for p in parts if p)
