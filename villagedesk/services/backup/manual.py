"""A backup asked for by a user (立即备份, the CLI, 备份到U盘): allowed by the permission policy, and audited."""

from __future__ import annotations

from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.permissions import Action
from villagedesk.services.access import authorize
from villagedesk.services.backup import automatic
from villagedesk.services.backup.catalog import Backup
from villagedesk.store.connection import Store

# A backup holds every identity number and key-population field: the audit line says so.
SENSITIVE = "含敏感个人信息"


def backup(store: Store, actor: Actor, reason: str = "手动备份", where: Path | None = None) -> Backup:
    """A verified backup made by `actor` (refused, and the attempt audited, for a role that may not)."""
    who = authorize(store, actor, Action.BACKUP)
    audit(store, who, reason, where)
    return automatic.backup_now(store, reason, who.name, where)


def audit(store: Store, who: Actor, reason: str, where: Path | str | None) -> None:
    """Written before the copy is taken, so the backup itself carries who made it and where it went."""
    place = f"：{where}" if where is not None else "（本机自动备份文件夹）"
    with store.transaction():
        store.audit(who, "备份", detail=f"{reason}，{SENSITIVE}{place}")
