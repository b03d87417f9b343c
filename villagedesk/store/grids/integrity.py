"""Integrity checks of grids and workers: sealed payrolls unchanged, no overlapping holders, no stale holdings."""

from __future__ import annotations

from villagedesk.domain.grids.payroll import fingerprint
from villagedesk.store.connection import Store


def payroll_problems(store: Store) -> list[str]:
    """Every locked payroll still matches its fingerprint, and its totals are the sums of its lines."""
    problems = []
    for p in store.query("SELECT * FROM payrolls WHERE status = 'locked' AND deleted_at IS NULL ORDER BY month"):
        lines = [dict(r) for r in store.query(
            "SELECT * FROM payroll_lines WHERE payroll_id = ? AND deleted_at IS NULL", (p["id"],))]
        if fingerprint(p["month"], lines) != p["lock_hash"]:
            problems.append(f"补贴发放表 {p['month']} 已锁定，但发放明细与锁定时不一致")
        for col in ("stipend_fen", "subsidy_fen", "adjustment_fen", "total_fen"):
            if sum(line[col] for line in lines) != p[col]:
                problems.append(f"补贴发放表 {p['month']} 的合计（{col}）不等于各行之和")
        paid = store.scalar("SELECT COALESCE(SUM(rate_fen), 0) FROM payroll_paid_days WHERE payroll_id = ?"
                            " AND deleted_at IS NULL AND late = 0", (p["id"],))
        if paid != p["subsidy_fen"]:
            problems.append(f"补贴发放表 {p['month']} 的临时补助合计与所付天数不一致")
    return problems


def assignment_problems(store: Store) -> list[str]:
    """No grid had two primary workers on the same day; nobody replaced or gone still holds a grid."""
    rows = store.query("""
        SELECT g.name, a.start_date, b.start_date AS other_start, wa.name AS wa, wb.name AS wb
        FROM grid_assignments a JOIN grid_assignments b ON b.grid_id = a.grid_id AND b.id > a.id
        JOIN grids g ON g.id = a.grid_id JOIN workers wa ON wa.id = a.worker_id JOIN workers wb ON wb.id = b.worker_id
        WHERE a.role = 'primary' AND b.role = 'primary' AND a.deleted_at IS NULL AND b.deleted_at IS NULL
          AND a.start_date < COALESCE(b.end_date, '9999-12-31') AND b.start_date < COALESCE(a.end_date, '9999-12-31')
        LIMIT 20""")
    problems = [f"网格“{r['name']}”同一时间有两名网格员：{r['wa']}（{r['start_date']} 起）与"
                f"{r['wb']}（{r['other_start']} 起）" for r in rows]
    for r in store.query("""
        SELECT w.name, g.name AS grid FROM grid_assignments a JOIN workers w ON w.id = a.worker_id
        JOIN grids g ON g.id = a.grid_id
        WHERE a.end_date IS NULL AND a.deleted_at IS NULL AND w.status IN ('replaced', 'left') LIMIT 20"""):
        problems.append(f"网格员{r['name']}已不在岗，却仍挂在网格“{r['grid']}”")
    return problems
