"""The rule catalogue repository: versions of earning and deduction items by effective date."""

from __future__ import annotations

from villagedesk.store.connection import Store

# The version of each rule in force on a day: the latest effective_from not after it.
_IN_FORCE = """
    SELECT r.* FROM point_rules r
    WHERE r.village_id = :v AND r.deleted_at IS NULL AND r.effective_from <= :d
      AND r.effective_from = (SELECT MAX(x.effective_from) FROM point_rules x
                              WHERE x.village_id = r.village_id AND x.code = r.code
                                AND x.deleted_at IS NULL AND x.effective_from <= :d)"""


def in_force(store: Store, village_id: str, day: str, kind: str | None = None) -> list:
    """Rules in force on `day` (retired ones left out), by kind then name."""
    return store.query(f"""SELECT * FROM ({_IN_FORCE}) WHERE retired = 0 AND (:k IS NULL OR kind = :k)
                          ORDER BY kind DESC, name""", {"v": village_id, "d": day, "k": kind})


def version_in_force(store: Store, village_id: str, code: str, day: str):
    return store.conn.execute(f"SELECT * FROM ({_IN_FORCE}) WHERE code = :c",
                              {"v": village_id, "d": day, "c": code}).fetchone()


def by_id(store: Store, rule_id: str):
    return store.conn.execute("SELECT * FROM point_rules WHERE id = ? AND deleted_at IS NULL",
                              (rule_id,)).fetchone()


def versions(store: Store, village_id: str, code: str) -> list:
    return store.query("""SELECT * FROM point_rules WHERE village_id = ? AND code = ? AND deleted_at IS NULL
                          ORDER BY effective_from""", (village_id, code))


def catalogue(store: Store, village_id: str) -> list:
    """Every version of every rule, latest first within each rule, for the 积分规则 table."""
    return store.query("""SELECT * FROM point_rules WHERE village_id = ? AND deleted_at IS NULL
                          ORDER BY kind DESC, name, effective_from DESC""", (village_id,))


def name_taken(store: Store, village_id: str, name: str, except_code: str | None = None) -> bool:
    return bool(store.scalar("""SELECT EXISTS (SELECT 1 FROM point_rules WHERE village_id = ? AND name = ?
                                AND deleted_at IS NULL AND code != COALESCE(?, ''))""",
                             (village_id, name, except_code)))


def count(store: Store, village_id: str) -> int:
    return store.scalar("SELECT count(*) FROM point_rules WHERE village_id = ? AND deleted_at IS NULL",
                        (village_id,))
