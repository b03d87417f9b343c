"""The points pages' dialog look on the shared FormDialog, and choosing where to save a PDF (tests answer it here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from villagedesk.ui.widgets.field_forms import ask_save_path
from villagedesk.ui.widgets.form_dialog import FormDialog


class PointsForm(FormDialog):
    """No title line, an optional hint above the rows, 确定/取消; a subclass sets `submit` to the service call."""

    def __init__(self, title: str, parent: QWidget | None = None, hint: str = ""):
        super().__init__(title, parent, min_width=520, heading=False, hint=hint, standard_buttons=True)


def choose_save_path(parent: QWidget | None, title: str, suggested: str, kind: str = "PDF 文件 (*.pdf)") -> Path | None:
    """Ask where to save; None when the user cancels. Tests replace this function."""
    return ask_save_path(parent, title, suggested, kind)
