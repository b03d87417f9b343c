"""`stats --json` as a township's tool runs it (a CLI process), and 辖区总览, against hand-written SQL for the
figures that cost the most: a lower bound of the same work, so the ratio printed is if anything too high."""

from __future__ import annotations

import json
import subprocess
import sys

from bench.harness import BenchContext

# The simplest correct SQL for the heavy figures, each in the join order its indexes serve (left to itself the
# planner walks residents by identity number for the enrolment rate: 4.2 s instead of 1.2 s); the many small counts
# (notices, disputes, payroll totals: milliseconds each) are left out of the baseline.
BARE = r"""
import json, sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
present = "('living', 'working_away')"
out = {}
out["grids"] = c.execute("SELECT count(*) FROM grids WHERE deleted_at IS NULL AND status = 'active'").fetchone()[0]
out["households"], out["residents"] = c.execute(f'''SELECT count(DISTINCT h.id), count(r.id) FROM households h
    LEFT JOIN residents r ON r.household_id = h.id AND r.deleted_at IS NULL AND r.residence_status IN {present}
    WHERE h.deleted_at IS NULL AND h.status = 'active' ''').fetchone()
out["key_population_residents"] = c.execute(f'''SELECT count(DISTINCT r.id) FROM resident_categories k
    CROSS JOIN residents r ON r.id = k.resident_id AND r.deleted_at IS NULL AND r.residence_status IN {present}
    CROSS JOIN households h ON h.id = r.household_id AND h.deleted_at IS NULL AND h.status = 'active'
    WHERE k.deleted_at IS NULL AND k.until IS NULL''').fetchone()[0]
year = int(sys.argv[2])
n, enrolled, exempt = c.execute(f'''SELECT count(*), sum(e.status = 'enrolled'), sum(e.status = 'exempt')
    FROM households h CROSS JOIN residents r ON r.household_id = h.id AND r.deleted_at IS NULL
         AND r.residence_status IN {present}
    LEFT JOIN insurance_enrolments e ON e.resident_id = r.id AND e.year = ? AND e.deleted_at IS NULL
    WHERE h.deleted_at IS NULL AND h.status = 'active' ''', (year,)).fetchone()
out["insurance_enrolment_rate"] = round(enrolled / (n - exempt), 4) if n - exempt else None
out["visits"] = c.execute("SELECT count(*) FROM visits WHERE deleted_at IS NULL").fetchone()[0]
out["points_outstanding"] = c.execute("SELECT COALESCE(sum(delta), 0) FROM point_entries").fetchone()[0]
print(json.dumps(out))
"""


# 辖区总览's figures, village by village in one GROUP BY pass each, the township's from their sums.
BARE_BY_VILLAGE = {
    "grids": "SELECT village_id, count(*) FROM grids WHERE deleted_at IS NULL AND status = 'active' GROUP BY village_id",
    "households": """SELECT g.village_id, count(*) FROM grids g JOIN households h ON h.grid_id = g.id
        AND h.deleted_at IS NULL AND h.status = 'active' WHERE g.deleted_at IS NULL GROUP BY g.village_id""",
    "residents": """SELECT g.village_id, count(*) FROM grids g JOIN households h ON h.grid_id = g.id
        AND h.deleted_at IS NULL AND h.status = 'active' CROSS JOIN residents r ON r.household_id = h.id
        AND r.deleted_at IS NULL AND r.residence_status IN ('living', 'working_away') GROUP BY g.village_id""",
    "key_population_residents": """SELECT g.village_id, count(DISTINCT r.id) FROM resident_categories k
        CROSS JOIN residents r ON r.id = k.resident_id AND r.deleted_at IS NULL
            AND r.residence_status IN ('living', 'working_away')
        CROSS JOIN households h ON h.id = r.household_id AND h.deleted_at IS NULL AND h.status = 'active'
        CROSS JOIN grids g ON g.id = h.grid_id WHERE k.deleted_at IS NULL AND k.until IS NULL GROUP BY g.village_id""",
    "visits": "SELECT village_id, count(*) FROM visits WHERE deleted_at IS NULL GROUP BY village_id",
    "points_outstanding": "SELECT village_id, COALESCE(sum(delta), 0) FROM point_entries GROUP BY village_id",
}


def run(ctx: BenchContext) -> None:
    if "township" in ctx.dbs:
        _overview(ctx, "township")
    for scale in ctx.dbs:
        db = ctx.copy(scale)
        ours_cmd = [sys.executable, "-m", "villagedesk.cli", "stats", "--json", "--db", str(db)]
        first = json.loads(subprocess.run(ours_cmd, check=True, capture_output=True).stdout)  # as after a clean close
        year = int(subprocess.run([sys.executable, "-c", "from villagedesk.domain import clock;"
                                   "print(clock.today().year)"], check=True, capture_output=True).stdout)
        bare_cmd = [sys.executable, "-c", BARE, str(db), str(year)]
        bare = json.loads(subprocess.run(bare_cmd, check=True, capture_output=True).stdout)
        differ = {k: (first.get(k), v) for k, v in bare.items() if first.get(k) != v}
        if differ:  # a baseline that computes other figures would make the ratio meaningless
            print(f"  基线与 stats 的数字不一致（{scale}）：{differ}")
        ctx.measure("stats --json (CLI process) vs bare SQL of its heavy figures", scale,
                    lambda cmd=ours_cmd: subprocess.run(cmd, check=True, capture_output=True),
                    lambda cmd=bare_cmd: subprocess.run(cmd, check=True, capture_output=True), repeat=5, target=2.0)
        db.unlink()


def _overview(ctx: BenchContext, scale: str) -> None:
    """辖区总览 (the township and each of its 20 villages, every KPI) against the bare GROUP BY passes."""
    import sqlite3

    from villagedesk.services.township.overview import overview
    from villagedesk.store import open_store

    db = ctx.copy(scale)
    store = open_store(db)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

    def bare() -> dict:
        by_village: dict[str, dict] = {}
        for key, sql in BARE_BY_VILLAGE.items():
            for village_id, n in conn.execute(sql):
                by_village.setdefault(village_id, {})[key] = n
        return {"total": {k: sum(v.get(k, 0) for v in by_village.values()) for k in BARE_BY_VILLAGE}, **by_village}

    view, figures = overview(store), bare()
    code_to_id = dict(conn.execute("SELECT code, id FROM villages"))
    differ = [(c.code, k) for c in view.villages for k in BARE_BY_VILLAGE
              if c.figures.get(k) != figures[code_to_id[c.code]].get(k, 0)]
    differ += [("合计", k) for k in BARE_BY_VILLAGE if view.total.figures.get(k) != figures["total"][k]]
    if differ:
        print(f"  基线与辖区总览的数字不一致（{scale}）：{differ[:5]}")
    ctx.measure(f"辖区总览 ({len(view.villages)} villages, every KPI) vs bare GROUP BY of its heavy figures", scale,
                lambda: overview(store), bare, repeat=5, target=2.0)
    conn.close()
    store.close()
    db.unlink()
