"""Schema 8 (issue 11): office roles, PIN hashes and sign-in locks, an append-only hash-chained audit trail."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS
from villagedesk.store.synced import COMMON_COLUMNS, refresh_change_triggers

# Written out, not imported: an applied migration never changes with the code it once used
# (tests/store check these equal domain.audit_chain's).
AUDIT_GENESIS = "0" * 64
LEGACY_ROLES = {"admin": "head", "secretary": "head", "clerk": "clerk", "worker": "worker"}


def _audit_hash(prev: str, row_id: int, at: str, user_id: str, user_name: str, action: str,
                tbl: str | None, rec: str | None, detail: str) -> str:
    body = json.dumps([row_id, at, user_id, user_name, action, tbl, rec, detail],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


@MIGRATIONS(name="0008_users_roles")
def users_roles(db: Database) -> None:
    # users: the four office roles of the table (CHECK cannot be altered: rebuild the table).
    db.execute(f"""CREATE TABLE users_new (
        id TEXT PRIMARY KEY NOT NULL,
        village_id TEXT REFERENCES villages(id),
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'clerk' CHECK (role IN ('head', 'clerk', 'worker', 'township_admin')),
        active INTEGER NOT NULL DEFAULT 1,
        worker_id TEXT REFERENCES workers(id),
        disabled_reason TEXT NOT NULL DEFAULT '',
        {COMMON_COLUMNS.strip()}
    )""")
    cases = " ".join(f"WHEN '{old}' THEN '{new}'" for old, new in LEGACY_ROLES.items())
    db.execute(f"""INSERT INTO users_new (id, village_id, name, role, active, origin, hlc, created_at,
                                          updated_at, updated_by, deleted_at)
        SELECT id, village_id, name, CASE role {cases} ELSE 'clerk' END, active, origin, hlc, created_at,
               updated_at, updated_by, deleted_at FROM users""")
    db.execute("DROP TABLE users")  # its triggers go with it; the implicit DELETE fires none
    db.execute("ALTER TABLE users_new RENAME TO users")
    db.execute("CREATE INDEX users_village ON users(village_id)")
    refresh_change_triggers(db, "users")

    # Credentials and sign-in locks stay on this PC: never in the change log, never in a package.
    db.execute("""CREATE TABLE user_credentials (
        user_id TEXT PRIMARY KEY REFERENCES users(id),
        pin_hash TEXT NOT NULL DEFAULT '',
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        changed_at TEXT NOT NULL)""")

    # Four eyes needs who (not only which name) did the earlier step.
    db.execute("ALTER TABLE activities ADD COLUMN created_by_id TEXT NOT NULL DEFAULT ''")
    refresh_change_triggers(db, "activities")
    db.execute("ALTER TABLE payrolls ADD COLUMN prepared_by_id TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE payrolls ADD COLUMN reviewed_by_id TEXT NOT NULL DEFAULT ''")
    refresh_change_triggers(db, "payrolls")

    # The audit trail: each line chained to the one before; no line changes or goes away.
    db.execute("ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT id, at, user_id, user_name, action, tbl, row_id, detail FROM audit_log"
                      " ORDER BY id").fetchall()
    prev, expected = AUDIT_GENESIS, 1
    for r in rows:
        new_id = expected  # renumbered gap-free (nothing refers to audit line ids)
        h = _audit_hash(prev, new_id, *r[1:])
        db.execute("UPDATE audit_log SET id = ?, prev_hash = ?, hash = ? WHERE id = ?", (new_id, prev, h, r[0]))
        prev, expected = h, expected + 1
    db.execute("CREATE INDEX audit_log_user ON audit_log(user_id)")
    db.execute("""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, '操作记录只能追加，不能修改'); END""")
    db.execute("""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, '操作记录只能追加，不能删除'); END""")
