"""Locating the bundled resources (fonts, translations, icons) in a checkout or a frozen build."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    if env := os.environ.get("VILLAGEDESK_RESOURCES"):
        return Path(env)
    if frozen := getattr(sys, "_MEIPASS", None):
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def font_path() -> Path:
    """WenQuanYi Micro Hei (Apache-2.0): TrueType outlines that both Qt and reportlab read."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


FONT_FAMILY = "WenQuanYi Micro Hei"


def manual_path() -> Path:
    """帮助 › 使用说明: the short Chinese manual, shown offline inside the app."""
    return resources_dir() / "manual" / "manual.html"
