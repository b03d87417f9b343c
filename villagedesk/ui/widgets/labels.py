"""A label styled by its role (title, hint, error) through the style sheet."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def role_label(text: str, role: str, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    if wrap:
        label.setWordWrap(True)
    return label
