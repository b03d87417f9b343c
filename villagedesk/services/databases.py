"""The database files of an office: the village's own, the demo's beside it, a new one, and whether a file opens."""

from __future__ import annotations

from pathlib import Path

from villagedesk.domain.errors import VillageDeskError
from villagedesk.store import open_store
from villagedesk.store.connection import Store
from villagedesk.store.location import default_db_path, demo_db_path, new_db_path


def data_folder() -> Path:
    """Where the village's database lives by default (the per-user data folder)."""
    return default_db_path().parent


def new_village_path() -> Path:
    """A file name in the data folder for a new village's database that no file has yet."""
    return new_db_path(data_folder())


def open_demo_beside(path: Path | str) -> Store:
    """The demo village's own file beside `path` (made empty if new): trying the demo never fills the village's."""
    return open_store(demo_db_path(Path(path)), create=True)


def refusal(path: Path) -> str | None:
    """Why the file cannot be opened (missing, not ours, damaged, newer), in the words of the start-up check."""
    if not path.exists():
        return f"找不到文件“{path}”。"
    try:
        store = open_store(path, read_only=True, quick_check=True, turn_over_token=False)
    except VillageDeskError as exc:
        return f"“{path.name}”不能打开：{exc.message}"
    store.close()
    return None
