"""Repository of the village identity and office users."""

from __future__ import annotations

from villagedesk.domain.scope import VillageIds
from villagedesk.domain.village import Village
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param


def home_village_row(store: Store):
    """The village this installation serves: the one named in settings, else the only one."""
    return store.conn.execute(  # one statement: every listing asks for it
        "SELECT v.* FROM settings s JOIN villages v ON v.code = s.value AND v.deleted_at IS NULL"
        " WHERE s.key = 'home_village_code'").fetchone()


def to_village(row) -> Village:
    return Village(row["code"], row["name"], row["township_name"])


def set_home_village(store: Store, code: str) -> None:
    store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('home_village_code', ?)", (code,))
    store.wrote("settings", "home_village_code")


def users(store: Store, village_id: str | None) -> list:
    """Active users of a village (None: a township node's own users, who belong to no village)."""
    return store.query("SELECT id, name, role FROM users WHERE village_id IS ? AND deleted_at IS NULL"
                       " AND active = 1 ORDER BY created_at", (village_id,))


_COUNTS = ("grids", "households", "residents")
_DRIVE = ("insured_base", "enrolled", "exempt")


def record_counts_by_village(store: Store, village_id: VillageIds,
                             enrolment_year: int | None = None) -> dict[str, dict[str, int]]:
    """Live grids, households and residents of each village (retired grids and moved households excluded);
    with `enrolment_year`, from the same pass over the residents, the ones the insurance drive counts that year
    (those of live grids: store/register/insurance.py) and how many of them are enrolled and exempt."""
    p = {"v": ids_param(village_id), "year": enrolment_year}
    out: dict[str, dict[str, int]] = {}

    def row(village: str) -> dict[str, int]:
        return out.setdefault(village, dict.fromkeys(_COUNTS + (_DRIVE if enrolment_year is not None else ()), 0))

    for r in store.query("""SELECT village_id, count(*) FROM grids WHERE village_id IN (SELECT value FROM json_each(:v))
            AND deleted_at IS NULL AND status = 'active' GROUP BY village_id""", p):
        row(r[0])["grids"] = r[1]
    for r in store.query("""SELECT g.village_id, count(*) FROM grids g
            CROSS JOIN households h ON h.grid_id = g.id AND h.deleted_at IS NULL AND h.status = 'active'
            WHERE g.village_id IN (SELECT value FROM json_each(:v)) GROUP BY g.village_id""", p):
        row(r[0])["households"] = r[1]
    drive = """, COALESCE(SUM(g.deleted_at IS NULL), 0), COALESCE(SUM(g.deleted_at IS NULL AND e.status = 'enrolled'), 0),
               COALESCE(SUM(g.deleted_at IS NULL AND e.status = 'exempt'), 0)"""
    enrolment = """LEFT JOIN insurance_enrolments e ON e.resident_id = r.id AND e.year = :year AND e.deleted_at IS NULL"""
    with_drive = enrolment_year is not None
    # CROSS JOIN: from the scope's grids to their households and residents by the covering indexes. Grouped by
    # grid, which the walk of grids by key already orders (by village, SQLite sorted every resident: 51 ms against
    # 37 ms at township scale); the grids' rows are added up here.
    for r in store.query(f"""SELECT g.village_id, count(*){drive if with_drive else ''} FROM grids g
            CROSS JOIN households h ON h.grid_id = g.id AND h.deleted_at IS NULL AND h.status = 'active'
            CROSS JOIN residents r ON r.household_id = h.id AND r.deleted_at IS NULL
                AND r.residence_status IN ('living', 'working_away')
            {enrolment if with_drive else ''}
            WHERE g.village_id IN (SELECT value FROM json_each(:v)) GROUP BY g.id""", p):
        counts = row(r[0])
        counts["residents"] += r[1]
        if with_drive:
            for key, n in zip(_DRIVE, r[2:], strict=True):
                counts[key] += n
    return out


def record_counts(store: Store, village_id: VillageIds) -> dict[str, int]:
    """Live grids, households and residents of a village, or of a set of villages together."""
    found = record_counts_by_village(store, village_id).values()
    return {k: sum(c[k] for c in found) for k in _COUNTS}


def has_village_data(store: Store) -> bool:
    return bool(store.scalar("SELECT EXISTS (SELECT 1 FROM grids) OR EXISTS (SELECT 1 FROM households)"))


def village_row(store: Store, village_id: str):
    return store.conn.execute("SELECT * FROM villages WHERE id = ?", (village_id,)).fetchone()


def village_code(store: Store, village_id: str) -> str | None:
    """The 12-digit division code of a village (what receipts and reports print)."""
    return store.scalar("SELECT code FROM villages WHERE id = ?", (village_id,))


def id_by_code(store: Store, code: str) -> str | None:
    """The live village with division code `code` held in this database, if any."""
    return store.scalar("SELECT id FROM villages WHERE code = ? AND deleted_at IS NULL", (code,))


def live_villages(store: Store) -> list:
    """Every village in the database, by division code."""
    return store.query("SELECT id, code, name FROM villages WHERE deleted_at IS NULL ORDER BY code")


def township_style(store: Store) -> bool:
    """A township or district node, or a database marked as holding several villages (demo --villages N)."""
    return bool(store.scalar("""SELECT (SELECT role FROM node_identity WHERE id = 1) IN ('township', 'district')
        OR EXISTS (SELECT 1 FROM settings WHERE key = 'township_style' AND value = '1')"""))


def is_demo(store: Store) -> bool:
    """A database the demo generator filled: practice data, not a village's records."""
    return bool(store.scalar("SELECT EXISTS (SELECT 1 FROM settings WHERE key = 'demo' AND value = '1')"))


def mark_demo(store: Store) -> None:
    store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('demo', '1')")
    store.wrote("settings", "demo")


def mark_township_style(store: Store) -> None:
    store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('township_style', '1')")
    store.wrote("settings", "township_style")
