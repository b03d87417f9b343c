"""Automatic backups: after a session with changes, hourly while open, before restore, migration, demo and sync import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from villagedesk.domain.clock import now, today
from villagedesk.services.backup import catalog
from villagedesk.services.backup.archive import Backup, make_backup
from villagedesk.services.backup.thinning import Limits, obsolete
from villagedesk.store import backup_settings, snapshot
from villagedesk.store.connection import Store
from villagedesk.store.location import backup_dir

HOURLY = dt.timedelta(hours=1)


def folder() -> Path:
    return backup_dir()


def limits(store: Store) -> Limits:
    return Limits.parse(backup_settings.get(store, "keep"))


def set_limits(store: Store, value: Limits) -> None:
    backup_settings.put(store, "keep", value.text())


def backup_now(store: Store, reason: str, made_by: str = "系统", where: Path | None = None) -> Backup:
    """Make a backup now into the automatic folder (or `where`), then thin that folder."""
    target = Path(where) if where is not None else folder()
    mark = snapshot.change_mark(store) if store.node_id else ""
    backup = make_backup(store, target, reason=reason, made_by=made_by, extra={"change_mark": mark})
    if where is None:
        thin(store, target, backup.manifest.get("village_code", ""))
    return backup


def backup_if_changed(store: Store, reason: str, made_by: str = "系统", *, at_most_hourly: bool = False,
                      where: Path | None = None) -> Backup | None:
    """A backup when something changed since the last automatic one; None when nothing did
    (or, hourly, when the last one is less than an hour old)."""
    target = Path(where) if where is not None else folder()
    last = catalog.newest(target, node_id=store.node_id)
    if last is not None and last.manifest.get("change_mark") == snapshot.change_mark(store):
        return None
    if at_most_hourly and last is not None and now() - catalog.made_at(last) < HOURLY:
        return None
    return backup_now(store, reason, made_by, where)


def before_import(store: Store, made_by: str = "同步") -> Backup:
    """Called by sync before it imports a package: a backup the import can be undone to."""
    return backup_now(store, "同步导入前", made_by)


def before_migration(store: Store) -> None:
    """open_store's hook: the database as it was, before its schema is upgraded."""
    backup_now(store, "升级数据结构前")


def before_demo(store: Store) -> Backup | None:
    """Before demo data is written into a database that already holds a village."""
    if not snapshot.live_facts(store)["village_code"]:
        return None
    return backup_now(store, "生成演示数据前")


def thin(store: Store, where: Path, village_code: str) -> list[Path]:
    """Delete the automatic backups of this village that the limits no longer keep."""
    mine = [b for b in catalog.list_backups(where) if b.manifest.get("village_code") == village_code
            and not b.encrypted]
    gone = obsolete([(catalog.made_at(b), b) for b in mine], today(), limits(store))
    for b in gone:
        catalog.delete(b)
    return [b.path for b in gone]
