"""Files that carry people's names: who may write them (the policy), and the audit line each one leaves."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.permissions import WORKER, Action
from villagedesk.services.access import authorize, refuse
from villagedesk.store.connection import Store


def may_write(store: Store, actor: Actor, what: str, grids: Iterable[str] | None = None) -> Actor:
    """The signed actor, if they may write `what` about the records of `grids` (None: the whole village).

    A worker may print what concerns their own grids; a whole-village list is for the office."""
    who = authorize(store, actor, Action.VIEW_REGISTER, None if grids is None else list(grids))
    if grids is None and who.role == WORKER:
        raise refuse(store, who, f"网格员只能导出或打印本人负责网格的{what}：请先选择网格。", Action.VIEW_REGISTER)
    return who


def audited(store: Store, who: Actor, what: str, path: str | Path, detail: str = "") -> Path:
    """Note in the audit trail that `who` wrote the file `path` (an export or a print of personal data)."""
    path = Path(path)
    with store.transaction():
        store.audit(who, f"导出{what}" if path.suffix == ".xlsx" else f"打印{what}",
                    detail=f"{detail}：{path.name}" if detail else path.name)
    return path
