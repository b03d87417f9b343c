"""Where the database lives by default: the per-user data folder (never a USB stick)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_DIR_NAME = "VillageDesk"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / "villagedesk.db"


def demo_db_path(beside: Path | None = None) -> Path:
    """The demo village's own file, beside the village's database, so trying the demo never fills the real one."""
    db = beside or default_db_path()
    return db.with_name(f"{db.stem}-demo{db.suffix or '.db'}")


def new_db_path(folder: Path | None = None) -> Path:
    """A file name for another village's database in `folder` (the data folder) that no file has yet."""
    folder = folder or default_db_path().parent
    path, n = folder / "villagedesk.db", 1
    while path.exists():
        n += 1
        path = folder / f"villagedesk-{n}.db"
    return path


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
