"""The bundled Chinese font and the adjustable base text size (large by default, for older eyes)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from villagedesk.resources import FONT_FAMILY, font_path

DEFAULT_POINT_SIZE = 13
MIN_POINT_SIZE, MAX_POINT_SIZE = 9, 26


def load_bundled_font() -> str:
    """Register the shipped font so the UI looks the same on a PC with no Chinese font."""
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else FONT_FAMILY


def apply_text_size(app: QApplication, family: str, point_size: int) -> int:
    """Set the application font and a style sheet scaled from it; returns the size used."""
    size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, point_size))
    font = QFont(family, size)
    app.setFont(font)
    app.setStyleSheet(style_sheet(size))
    return size


def style_sheet(size: int) -> str:
    # the figures grow less than the text above 13 pt, so a row of cards still fits the window at 26 pt
    big, huge, small = round(size * 1.35), round(min(size * 2.2, size + 16)), max(MIN_POINT_SIZE, size - 2)
    return f"""
    QWidget {{ font-size: {size}pt; }}
    QLabel[role="title"] {{ font-size: {big}pt; font-weight: bold; color: #1f3b57; }}
    QLabel[role="hint"] {{ font-size: {small}pt; color: #555; }}
    QLabel[role="error"] {{ color: #b00020; }}
    QLabel[role="figure"] {{ font-size: {huge}pt; font-weight: bold; color: #0b5394;
                             qproperty-alignment: AlignCenter; }}
    QLabel[role="figure-label"] {{ color: #444; qproperty-alignment: AlignCenter; }}
    QFrame[role="card"] {{ background: #ffffff; border: 1px solid #d0d7de; border-radius: 8px; }}
    QListWidget#nav {{ background: #1f3b57; color: #ffffff; border: none; font-size: {size + 1}pt; outline: 0; }}
    QListWidget#nav::item {{ padding: 10px 14px; }}
    QListWidget#nav::item:selected {{ background: #c0392b; color: #ffffff; }}
    QWidget#topbar {{ background: #f4f1ea; border-bottom: 1px solid #d0c7b5; }}
    QPushButton {{ padding: 6px 16px; }}
    """
