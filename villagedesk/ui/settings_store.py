"""Per-user window preferences (size, position, last page, text size) in QSettings."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings


def app_settings() -> QSettings:
    """The platform's settings store; VILLAGEDESK_SETTINGS names an INI file instead (tests, portable use)."""
    if path := os.environ.get("VILLAGEDESK_SETTINGS"):
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("VillageDesk", "VillageDesk")
