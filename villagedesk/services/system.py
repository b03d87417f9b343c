"""The installation itself: database facts and the audit trail, for 系统设置."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.store import audit, clean_close, integrity, node
from villagedesk.store.connection import Store


@dataclass(frozen=True)
class DatabaseInfo:
    path: str
    size_mb: float
    node_id: str
    node_since: str
    node_reason: str
    schema_version: int


@dataclass(frozen=True)
class AuditLine:
    at: str
    user: str
    action: str
    detail: str


def database_info(store: Store) -> DatabaseInfo:
    since, reason = audit.node_started(store) or ("", "")
    size = store.path.stat().st_size if store.path.exists() else 0
    return DatabaseInfo(str(store.path), round(size / 1_048_576, 1), store.node_id, since, reason,
                        audit.schema_version(store))


def audit_trail(store: Store, search: str = "", limit: int = 500) -> list[AuditLine]:
    return [AuditLine(r["at"], r["user_name"], r["action"], r["detail"])
            for r in audit.recent(store, limit, search.strip())]


def after_start(store: Store, pages_checked: bool = False) -> list[str]:
    """The GUI's first job after it paints: SQLite's quick_check, then (only if sound) the node token's
    turnover: a damaged file is not written to before the clerk has decided what to do. Pages checked as the
    store opened (it was not exactly as this app last closed it) are not read through twice."""
    problems = [] if pages_checked else integrity.quick_check_problems(store)
    if not problems:
        node.turn_over_token(store.conn, store.path)
    else:  # the next start checks as it opens, and offers the damaged-database dialog before anyone signs in
        clean_close.forget(store.path)
    return problems
