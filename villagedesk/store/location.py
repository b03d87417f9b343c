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


def state_dir() -> Path:
    """Per-user memory kept beside, not inside, the data folder: copying the data folder back
    (a restore by hand) does not bring it back, so the app can tell the database went back in time."""
    data = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    state = Path(platformdirs.user_state_dir(APP_DIR_NAME, appauthor=False))
    return state if state != data and data not in state.parents else data.parent / f"{APP_DIR_NAME}-state"


def backup_dir() -> Path:
    """Where the automatic backups go: the per-user data folder's 备份 subfolder."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / "backups"
