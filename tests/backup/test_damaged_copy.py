"""A database damaged inside one table is refused by the backup's check, table by table or whole, and leaves no backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from villagedesk.services.backup import archive
from villagedesk.services.backup.archive import BackupError
from villagedesk.store import open_store, snapshot


def _damage_a_leaf_of(db: Path, table: str) -> None:
    """Claim five more cells than a leaf page of `table` holds: its cell pointers then point at nothing."""
    conn = sqlite3.connect(db)
    page = conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' AND pageno > 1"
                        " ORDER BY pageno LIMIT 1", (table,)).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with db.open("r+b") as fh:
        fh.seek((page - 1) * size + 3)
        cells = int.from_bytes(fh.read(2), "big")
        fh.seek((page - 1) * size + 3)
        fh.write((cells + 5).to_bytes(2, "big"))


def _biggest_and_smallest_tables(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    sizes = sorted((n, name) for name, n in conn.execute(
        "SELECT name, count(*) FROM dbstat WHERE pagetype = 'leaf' AND name IN"
        " (SELECT name FROM sqlite_master WHERE type = 'table') GROUP BY name HAVING min(pageno) > 1"))
    conn.close()
    return [sizes[-1][1], next(name for n, name in sizes if name.startswith("stock"))]


@pytest.mark.parametrize("which", [0, 1], ids=["biggest table", "a small table"])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_backup_of_a_damaged_table_is_refused_and_leaves_nothing(small_db, tmp_path, which, workers, monkeypatch):
    table = _biggest_and_smallest_tables(small_db)[which]
    _damage_a_leaf_of(small_db, table)
    monkeypatch.setattr(archive, "CHECK_WORKERS", workers)
    store = open_store(small_db, quick_check=False)  # as if the damage came after the last check at start
    try:
        with pytest.raises(BackupError, match="未通过完整性检查") as caught:
            archive.make_backup(store, tmp_path / "backups", reason="test", made_by="test")
    finally:
        store.close()
    assert "SQLite 完整性检查" in str(caught.value)
    assert list((tmp_path / "backups").glob(f"*{archive.SUFFIX}")) == []


def test_the_table_by_table_check_is_the_one_a_backup_runs(small_db, monkeypatch):
    """On two threads the check is split by table (not silently the single whole-file pass)."""
    asked: list[str] = []
    real_open = snapshot.open_copy

    def counting_open(path, **how):
        asked.append("threads" if how.get("threads") else "main")
        return real_open(path, **how)

    monkeypatch.setattr(snapshot, "open_copy", counting_open)
    assert snapshot.integrity_problems(small_db, workers=2) == []
    assert asked == ["main", "threads"]
