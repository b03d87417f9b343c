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


def restore_held_inside(db: str, backup_file: str, conn) -> None:
    """A real restore that says when it is inside its work folder (the copy unpacked, being checked) and waits there."""
    import time

    from villagedesk.services import village
    from villagedesk.services.backup import restore as restoring
    from villagedesk.store import open_store, snapshot

    checked = snapshot.integrity_problems

    def check_then_wait(path):
        problems = checked(path)
        conn.send("inside")
        time.sleep(60)
        return problems

    restoring.snapshot.integrity_problems = check_then_wait
    store = open_store(db)
    head = next(u for u in village.office_users(store) if u.role == "head")
    restoring.restore(Path(db), Path(backup_file), store=store, actor=head)
