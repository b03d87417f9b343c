"""Where the database lives by default: the per-user data folder (never a USB stick)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_DIR_NAME = "VillageDesk"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / "villagedesk.db"


def remove_database_files(path: Path) -> None:
    """Remove a database this run created and then could not use (and its WAL, SHM and node files)."""
    for suffix in ("", "-wal", "-shm", ".node", ".node.tmp"):
        Path(str(path) + suffix).unlink(missing_ok=True)
