"""SQL behind the points KPIs: activities, points awarded, redeemed and outstanding, redemptions, goods value."""

from __future__ import annotations

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param

# What counts as awarded and as redeemed (a reversal counts against what it reverses): one definition for the
# period figures of stats and the cards, and for the dashboard's months.
_AWARDED_REDEEMED = """
    COALESCE(SUM(CASE WHEN e.kind = 'award' OR (e.kind = 'reversal' AND o.kind = 'award') THEN e.delta END), 0)
        AS awarded,
    COALESCE(SUM(CASE WHEN e.kind = 'redeem' OR (e.kind = 'reversal' AND o.kind = 'redeem') THEN -e.delta END), 0)
        AS redeemed"""
_ENTRIES = "point_entries e LEFT JOIN point_entries o ON o.id = e.reverses_id"


def figures(store: Store, village_id: VillageIds, start: str | None, end: str | None) -> dict:
    """Counts and sums over [start, end) by day (None: all time); outstanding is as of the end."""
    p = {"v": ids_param(village_id), "s": start or "0000-00-00", "e": end or "9999-99-99"}
    in_range = "substr({col}, 1, 10) >= :s AND substr({col}, 1, 10) < :e"
    activities = store.scalar(f"""SELECT count(*) FROM activities WHERE village_id IN (SELECT value FROM json_each(:v)) AND deleted_at IS NULL
        AND status != 'cancelled' AND {in_range.format(col='activity_date')}""", p)
    sums = store.conn.execute(f"""SELECT {_AWARDED_REDEEMED} FROM {_ENTRIES}
        WHERE e.village_id IN (SELECT value FROM json_each(:v)) AND {in_range.format(col='e.at')}""", p).fetchone()
    outstanding = store.scalar("""SELECT COALESCE(SUM(delta), 0) FROM point_entries
        WHERE village_id IN (SELECT value FROM json_each(:v)) AND substr(at, 1, 10) < :e""", p)
    return {"activities": activities, "points_awarded": sums["awarded"], "points_redeemed": sums["redeemed"],
            "points_outstanding": outstanding, **redemption_figures(store, village_id, start, end)}


def redemption_figures(store: Store, village_id: VillageIds, start: str | None, end: str | None) -> dict:
    """Redemptions not voided, and the goods value they issued, over [start, end) by day; one statement."""
    red = store.conn.execute("""SELECT count(*) AS n, COALESCE(SUM(total_value_yuan), 0) AS value
        FROM redemptions WHERE village_id IN (SELECT value FROM json_each(?)) AND voided_at IS NULL
        AND substr(at, 1, 10) >= ? AND substr(at, 1, 10) < ?""",
                             (ids_param(village_id), start or "0000-00-00", end or "9999-99-99")).fetchone()
    return {"redemptions": red["n"], "goods_value_issued_yuan": round(red["value"], 2)}


def awarded_redeemed_by_month(store: Store, village_id: VillageIds, year: int) -> dict[int, tuple[int, int]]:
    """month -> (points awarded, points redeemed) in `year`, in one pass; months without entries are absent."""
    rows = store.query(f"""SELECT CAST(substr(e.at, 6, 2) AS INTEGER) AS month, {_AWARDED_REDEEMED} FROM {_ENTRIES}
        WHERE e.village_id IN (SELECT value FROM json_each(:v)) AND substr(e.at, 1, 4) = :y GROUP BY month""",
                       {"v": ids_param(village_id), "y": f"{year:04d}"})
    return {r["month"]: (r["awarded"], r["redeemed"]) for r in rows}
