"""Repository of monthly payrolls, their lines, the emergency days they paid, and adjustments."""

from __future__ import annotations

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param


def by_month(store: Store, village_id: str, month: str):
    return store.conn.execute("SELECT * FROM payrolls WHERE village_id = ? AND month = ? AND deleted_at IS NULL",
                              (village_id, month)).fetchone()


def months(store: Store, village_id: str) -> list:
    return store.query("""SELECT month, status, total_fen FROM payrolls WHERE village_id = ? AND deleted_at IS NULL
        ORDER BY month DESC""", (village_id,))


def last_locked_month(store: Store, village_id: str) -> str | None:
    return store.scalar("""SELECT MAX(month) FROM payrolls WHERE village_id = ? AND status = 'locked'
        AND deleted_at IS NULL""", (village_id,))


def lines(store: Store, payroll_id: str) -> list:
    return store.query("""SELECT * FROM payroll_lines WHERE payroll_id = ? AND deleted_at IS NULL
        ORDER BY line_no""", (payroll_id,))


def live_line_ids(store: Store, payroll_id: str) -> list[str]:
    return [r[0] for r in store.query("SELECT id FROM payroll_lines WHERE payroll_id = ? AND deleted_at IS NULL",
                                      (payroll_id,))]


def live_paid_day_ids(store: Store, payroll_id: str) -> list[str]:
    return [r[0] for r in store.query("""SELECT id FROM payroll_paid_days WHERE payroll_id = ?
        AND deleted_at IS NULL""", (payroll_id,))]


def days_to_pay(store: Store, village_id: str, start: str, end: str, payroll_id: str = "") -> list:
    """Service days of the month, plus days of earlier locked months that no other payroll pays (paid late)."""
    return store.query("""
        SELECT d.id, d.worker_id, w.name AS worker_name, d.day, d.kind, d.day < :start AS late
        FROM emergency_service_days d JOIN workers w ON w.id = d.worker_id
        WHERE w.village_id = :v AND d.deleted_at IS NULL
          AND ((d.day >= :start AND d.day < :end)
               OR (d.day < :start AND EXISTS (
                     SELECT 1 FROM payrolls p WHERE p.village_id = :v AND p.month = substr(d.day, 1, 7)
                       AND p.status = 'locked' AND p.deleted_at IS NULL)
                   AND NOT EXISTS (
                     SELECT 1 FROM payroll_paid_days pd JOIN payrolls p ON p.id = pd.payroll_id
                      WHERE pd.service_day_id = d.id AND pd.deleted_at IS NULL AND p.deleted_at IS NULL
                        AND p.id != :self)))
        ORDER BY d.day""", {"v": village_id, "start": start, "end": end, "self": payroll_id})


def adjustments(store: Store, village_id: str, month: str) -> list:
    return store.query("""
        SELECT a.*, w.name AS worker_name FROM payroll_adjustments a JOIN workers w ON w.id = a.worker_id
        WHERE a.village_id = ? AND a.month = ? AND a.deleted_at IS NULL ORDER BY a.created_at""",
        (village_id, month))


def adjustment(store: Store, adjustment_id: str):
    return store.conn.execute("SELECT * FROM payroll_adjustments WHERE id = ? AND deleted_at IS NULL",
                              (adjustment_id,)).fetchone()


def paid_totals_by_village(store: Store, village_id: VillageIds, start_month: str = "",
                           end_month: str = "") -> dict[str, dict]:
    """village id -> stipends and emergency subsidies (fen) paid by its locked payrolls of months in
    [start_month, end_month)."""
    params = {"v": ids_param(village_id), "s": start_month, "e": end_month}
    scope = "p.village_id IN (SELECT value FROM json_each(:v)) AND p.status = 'locked' AND p.deleted_at IS NULL" \
            " AND (:s = '' OR p.month >= :s) AND (:e = '' OR p.month < :e)"
    out: dict[str, dict] = {}

    def paid(village: str) -> dict:
        return out.setdefault(village, {"stipend_fen": 0, "subsidy_fen": 0})

    for r in store.query(f"""SELECT p.village_id, SUM(l.stipend_fen) FROM payroll_lines l
            JOIN payrolls p ON p.id = l.payroll_id WHERE {scope} AND l.deleted_at IS NULL GROUP BY p.village_id""",
                         params):
        paid(r[0])["stipend_fen"] += r[1] or 0
    for r in store.query(f"""SELECT p.village_id, SUM(d.rate_fen) FROM payroll_paid_days d
            JOIN payrolls p ON p.id = d.payroll_id WHERE {scope} AND d.deleted_at IS NULL GROUP BY p.village_id""",
                         params):
        paid(r[0])["subsidy_fen"] += r[1] or 0
    for r in store.query(f"""SELECT p.village_id, a.category, SUM(a.amount_fen) FROM payroll_adjustments a
            JOIN payrolls p ON p.village_id = a.village_id AND p.month = a.month
            WHERE {scope} AND a.deleted_at IS NULL GROUP BY p.village_id, a.category""", params):
        if r[1] in ("stipend", "subsidy"):
            paid(r[0])[f"{r[1]}_fen"] += r[2] or 0
    return out


def locked_payrolls(store: Store) -> list:
    return store.query("SELECT * FROM payrolls WHERE status = 'locked' AND deleted_at IS NULL ORDER BY month")
