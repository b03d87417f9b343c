"""Repository of stipend tier tables, emergency subsidy rates and emergency service days."""

from __future__ import annotations

from villagedesk.store.connection import Store


def tier_tables(store: Store, village_id: str) -> list:
    """Every live version of the village's, its own and the township's, newest first (the township's first
    within a month)."""
    return store.query("""SELECT * FROM stipend_tier_tables WHERE village_id = ? AND deleted_at IS NULL
        ORDER BY effective_from DESC, source = 'township' DESC""", (village_id,))


def tier_table_on(store: Store, village_id: str, day: str):
    """The version in force on `day`: from the township's first month on the township's latest, else the
    village's own latest."""
    return store.conn.execute("""SELECT * FROM stipend_tier_tables WHERE village_id = ? AND deleted_at IS NULL
        AND effective_from <= ? ORDER BY source = 'township' DESC, effective_from DESC LIMIT 1""",
                              (village_id, day)).fetchone()


def tier_table_from(store: Store, village_id: str, effective_from: str, source: str = "village"):
    return store.conn.execute("""SELECT * FROM stipend_tier_tables WHERE village_id = ? AND deleted_at IS NULL
        AND effective_from = ? AND source = ?""", (village_id, effective_from, source)).fetchone()


def first_township_month(store: Store, village_id: str) -> str | None:
    """The first day of the earliest live table the township set for the village (None: it has set none)."""
    return store.scalar("""SELECT min(effective_from) FROM stipend_tier_tables WHERE village_id = ?
        AND source = 'township' AND deleted_at IS NULL""", (village_id,))


def township_tables(store: Store) -> list:
    """At a township: every live table it set, with the village's code and name, by village then month."""
    return store.query("""SELECT t.*, v.code AS village_code, v.name AS village_name
        FROM stipend_tier_tables t JOIN villages v ON v.id = t.village_id
        WHERE t.source = 'township' AND t.deleted_at IS NULL ORDER BY v.code, t.effective_from DESC""")


def tiers(store: Store, table_id: str) -> list:
    return store.query("""SELECT * FROM stipend_tiers WHERE table_id = ? AND deleted_at IS NULL
        ORDER BY min_residents""", (table_id,))


def rates(store: Store, village_id: str) -> list:
    return store.query("""SELECT * FROM subsidy_rates WHERE village_id = ? AND deleted_at IS NULL
        ORDER BY kind, effective_from DESC""", (village_id,))


def rate_from(store: Store, village_id: str, kind: str, effective_from: str):
    return store.conn.execute("""SELECT * FROM subsidy_rates WHERE village_id = ? AND kind = ?
        AND effective_from = ? AND deleted_at IS NULL""", (village_id, kind, effective_from)).fetchone()


def service_day(store: Store, day_id: str):
    return store.conn.execute("SELECT * FROM emergency_service_days WHERE id = ? AND deleted_at IS NULL",
                              (day_id,)).fetchone()


def service_day_of(store: Store, worker_id: str, day: str):
    return store.conn.execute("""SELECT * FROM emergency_service_days WHERE worker_id = ? AND day = ?
        AND deleted_at IS NULL""", (worker_id, day)).fetchone()


def service_days(store: Store, village_id: str, start: str, end: str) -> list:
    """Emergency service days within [start, end), with who served and which payroll paid them."""
    return store.query("""
        SELECT d.id, d.worker_id, w.name AS worker_name, d.day, d.kind, d.source, d.notes, d.emergency_id,
               (SELECT p.month FROM payroll_paid_days pd JOIN payrolls p ON p.id = pd.payroll_id
                 WHERE pd.service_day_id = d.id AND pd.deleted_at IS NULL AND p.deleted_at IS NULL
                   AND p.status = 'locked' LIMIT 1) AS paid_in
        FROM emergency_service_days d JOIN workers w ON w.id = d.worker_id
        WHERE w.village_id = ? AND d.deleted_at IS NULL AND d.day >= ? AND d.day < ?
        ORDER BY d.day, w.name""", (village_id, start, end))


def locked_paid_month(store: Store, day_id: str) -> str | None:
    return store.scalar("""SELECT p.month FROM payroll_paid_days pd JOIN payrolls p ON p.id = pd.payroll_id
        WHERE pd.service_day_id = ? AND pd.deleted_at IS NULL AND p.status = 'locked' LIMIT 1""", (day_id,))


def rate_used_in_locked(store: Store, village_id: str, kind: str, start: str) -> str | None:
    """A locked month that paid a day of `kind` on or after `start` (such a rate can no longer change)."""
    return store.scalar("""SELECT p.month FROM payroll_paid_days pd JOIN payrolls p ON p.id = pd.payroll_id
        WHERE p.village_id = ? AND p.status = 'locked' AND pd.deleted_at IS NULL AND pd.kind = ? AND pd.day >= ?
        ORDER BY p.month LIMIT 1""", (village_id, kind, start))
