"""What the SIGKILL test runs in a child process: one backup, or one restore, reporting each committed step."""

from __future__ import annotations

from pathlib import Path


def backup(db: str, folder: str, conn) -> None:
    from villagedesk.services.backup import automatic
    from villagedesk.store import open_store

    store = open_store(db)
    conn.send("opened")
    made = automatic.backup_now(store, "测试", "测试员", where=Path(folder))
    conn.send(f"backed-up {made.path.name}")


def restore(db: str, backup_file: str, conn) -> None:
    from villagedesk.services import village
    from villagedesk.services.backup import restore as restoring
    from villagedesk.store import open_store

    store = open_store(db)
    conn.send("opened")
    head = next(u for u in village.office_users(store) if u.role == "head")
    done = restoring.restore(Path(db), Path(backup_file), store=store, actor=head)
    conn.send("restored")
    done.store.close()
