"""恢复: what a backup would bring back, and putting it in place so the database is only ever old or restored."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.clock import now
from villagedesk.domain.errors import PermissionDenied
from villagedesk.domain.permissions import Action
from villagedesk.services import integrity
from villagedesk.services.access import authorize
from villagedesk.services.backup import automatic, catalog
from villagedesk.services.backup.archive import Backup, BackupError, _why, extract_db, fsync_dir
from villagedesk.services.backup.encrypted import AGE_SUFFIX, decrypt_to
from villagedesk.store import node, scratch, snapshot
from villagedesk.store.connection import Store, open_store

COUNTS = (("households", "农户"), ("ledger_entries", "积分台账记录"), ("receipts", "兑换凭证"))


@dataclass(frozen=True)
class Preview:
    """A backup against today's database: what it holds and what restoring it would lose."""

    backup: Backup
    counts: dict[str, tuple[int | None, int | None]]  # key -> (in the backup, today)
    changes_lost: int | None  # changes made since the backup, which restoring would undo

    def lines(self) -> list[str]:
        out = []
        for key, label in COUNTS:
            then, today = self.counts[key]
            out.append(f"{label}：备份中 {'—' if then is None else then}，现在 {'—' if today is None else today}")
        if self.changes_lost:
            out.append(f"备份之后录入或修改的 {self.changes_lost} 条记录将会丢失（恢复前的数据库会另存一份）。")
        elif self.changes_lost == 0:
            out.append("备份之后没有新的录入，恢复不会丢失记录。")
        return out


@dataclass
class Restored:
    store: Store
    backup: Backup
    kept: Path | None
    node_id: str
    problems: list[str] = field(default_factory=list)


def preview(store: Store | None, path: Path) -> Preview:
    backup = catalog.load(path)
    today = snapshot.live_facts(store) if store is not None else {}
    m = backup.manifest
    counts = {k: (m.get(k), today.get(k)) for k, _ in COUNTS}
    lost = None
    if store is not None and "change_heads" in m:
        then = m["change_heads"]
        lost = sum(max(0, seq - then.get(origin, 0)) for origin, seq in today["change_heads"].items())
    return Preview(backup, counts, lost)


def require_restore_role(store: Store, actor: Actor) -> Actor:
    """Restoring replaces every record: kept to the roles the permission policy names (the head's),
    with the role read from the store, and a refusal audited."""
    return authorize(store, actor, Action.RESTORE)


def kept_name(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}_恢复前_{now().strftime('%Y%m%d-%H%M%S')}{db_path.suffix or '.db'}")


def restore(db_path: Path, backup_path: Path, *, store: Store | None, actor: Actor | None = None,
            password: str | None = None) -> Restored:
    """Restore `backup_path` over the database at `db_path` (`store` is its open store, or None
    when the file was damaged and moved aside); returns the restored database, opened.

    The backup is decrypted, checked and prepared beside the database under a temp name; the
    current database is kept as …_恢复前_<time>.db (and as an automatic backup); then one rename
    puts the restored file in place. A kill at any moment leaves either the old database or the
    restored one. The restored database becomes a new node (new receipt series), so no receipt
    number already on paper is issued again. `store` is closed on success.

    With a database in place, `actor` must be a user the permission policy lets restore (asked
    before anything is touched, a refusal audited); with none (a new PC, or the damaged file moved
    aside) there are no users to ask, and the restored database's trail records who was at the desk.
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    who = actor
    if store is not None:
        if actor is None:
            raise PermissionDenied("从备份恢复要以使用人的身份办理：请先登录（命令行加 --user 姓名）。")
        who = require_restore_role(store, actor)
    made_by = who.name if who is not None else "系统"
    backup = catalog.load(backup_path)
    folder = db_path.parent
    folder.mkdir(parents=True, exist_ok=True)
    scratch.clear(folder)  # what a restore killed earlier left beside the database
    with scratch.work_folder(folder, "restore") as work:
        copy = work / "restored.db"
        try:
            plain = backup_path
            if backup_path.name.endswith(AGE_SUFFIX):
                plain = work / "plain.vdbak"
                decrypt_to(backup_path, plain, password or "")
            manifest = extract_db(plain, copy)
        except OSError as exc:
            raise BackupError(f"无法把备份解压到“{folder}”：{_why(exc)}。当前数据库未改动。") from exc
        except BackupError as exc:
            raise BackupError(f"{exc.message.rstrip('。')}。当前数据库未改动。") from exc
        problems = snapshot.integrity_problems(copy)
        if problems:
            raise BackupError(f"备份“{backup_path.name}”不能恢复：" + "；".join(problems) + "。当前数据库未改动。")
        _refuse_other_village(store, manifest, backup_path)
        snapshot.make_new_node_on_open(copy, snapshot.node_history(store) if store is not None else [])
        kept = None
        if store is not None:
            node.remember_series(store.conn)
            automatic.backup_now(store, "恢复前", made_by)
            kept = _keep_current(store, db_path, work)
            _close_for_replace(store, db_path)
        try:
            os.replace(copy, db_path)
            fsync_dir(folder)
        except OSError as exc:
            raise BackupError(f"无法把恢复的数据库放到“{db_path}”：{_why(exc)}。") from exc
    restored = open_store(db_path)
    said = f"从备份恢复：{backup_path.name}（{manifest.get('created_at', '')[:16]}）"
    node.note_restored(restored.conn, restored.node_id, said)
    with restored.transaction():
        restored.audit(who or Actor("", "系统"), "从备份恢复",
                       detail=said + (f"；恢复前的数据库另存为 {kept.name}" if kept else ""))
    return Restored(restored, backup, kept, restored.node_id, integrity.check(restored))


def _refuse_other_village(store: Store | None, manifest: dict, path: Path) -> None:
    if store is None:
        return
    here = snapshot.live_facts(store)["village_code"]
    there = manifest.get("village_code", "")
    if here and there != here:
        raise BackupError(f"“{path.name}”是{manifest.get('village_name') or '另一个村'}（{there}）的备份，"
                          f"不是本村（{here}）的，不能恢复到这里。当前数据库未改动。")


def _keep_current(store: Store, db_path: Path, work: Path) -> Path:
    """The database as it is now, complete (VACUUM INTO, never a file copy), under …_恢复前_<time>.db."""
    target = kept_name(db_path)
    tmp = work / "kept.db"
    snapshot.vacuum_into(store, tmp)
    with tmp.open("rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target


def _close_for_replace(store: Store, db_path: Path) -> None:
    """Close the database so no WAL of it is left to be replayed over the restored file."""
    snapshot.checkpoint(store)
    store.close()
    wal = Path(str(db_path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise BackupError("数据库还在被别的程序（或另一个村务台窗口）使用，请先关闭它们再恢复。当前数据库未改动。")


def reopened(store: Store) -> Store:
    """The same store if a failed restore left it open, else the database opened again."""
    return store if snapshot.is_open(store) else open_store(store.path)
