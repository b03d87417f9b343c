"""A month of a village office's work made through the services (visits, a dispute mediated and closed, points
activities posted, redemptions, household edits), at the demo's yearly rates: what a sync package carries."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

# Per household and month, from the demo's year at township scale (42,693 visits, 4,386 activities with
# 50,038 participants, 12,752 redemptions, 474 disputes for 12,000 households): 30% of households visited,
# 3 activities of about 12 people per 100 households, 9% redeem; 1% of households edit their address or phone.
VISITED, ACTIVITIES, PARTICIPANTS, REDEEMING, EDITED = 0.30, 0.03, 12, 0.09, 0.01
DISPUTES_PER_VILLAGE = 2


@dataclass
class MonthCounts:
    visits: int = 0
    disputes: int = 0
    activities: int = 0
    awards: int = 0
    redemptions: int = 0
    household_edits: int = 0

    def line(self) -> str:
        return (f"{self.visits:,} 次走访，{self.disputes} 起纠纷（调解并结案），{self.activities} 项活动 "
                f"{self.awards:,} 人次积分，{self.redemptions:,} 次兑换，{self.household_edits} 户信息修改")


def month_of_work(store, first_day: dt.date, seed: int) -> MonthCounts:
    """Every village of `store` does a month of work starting `first_day`; the clock is pinned inside it."""
    from villagedesk.domain import clock

    clock.pin(dt.datetime.combine(first_day + dt.timedelta(days=27), dt.time(20, 0)))
    try:
        return _month(store, first_day, random.Random(seed))
    finally:
        clock.pin(None)


def _month(store, first_day: dt.date, rng: random.Random) -> MonthCounts:
    from villagedesk.domain.actor import Actor
    from villagedesk.store import villages as village_repo

    users = {r["id"]: Actor(r["id"], r["name"], r["role"]) for r in store.query("SELECT id, name, role FROM users")}
    head, clerk = users["demo-approver"], users["demo-clerk"]
    counts = MonthCounts()
    home = village_repo.home_village_row(store)["code"]
    try:
        for vid, code in store.conn.execute(
                "SELECT id, code FROM villages WHERE deleted_at IS NULL ORDER BY code").fetchall():
            # A township-scale database stands for its villages' offices: each does its month as the village the
            # installation serves (a local setting, not synced), as the points services work for that one only.
            with store.transaction():
                village_repo.set_home_village(store, code)
            _village_month(store, vid, head, clerk, first_day, rng, counts)
    finally:
        with store.transaction():
            village_repo.set_home_village(store, home)
    return counts


def _village_month(store, vid: str, head, clerk, first_day: dt.date, rng: random.Random, counts: MonthCounts) -> None:
    households = store.query(
        "SELECT h.id, h.grid_id, h.head_resident_id, h.hamlet, h.group_name, h.house_number, h.phone, h.notes,"
        " a.worker_id, w.name AS worker_name FROM households h JOIN grids g ON g.id = h.grid_id"
        " JOIN grid_assignments a ON a.grid_id = h.grid_id AND a.role = 'primary' AND a.end_date IS NULL"
        " AND a.deleted_at IS NULL JOIN workers w ON w.id = a.worker_id"
        " WHERE g.village_id = ? AND h.deleted_at IS NULL AND h.status = 'active' ORDER BY h.id", (vid,))
    if not households:
        return
    _visits(store, head, households, first_day, rng, counts)
    _disputes(store, head, households, first_day, rng, counts)
    _activities(store, head, clerk, vid, households, first_day, rng, counts)
    _redemptions(store, head, vid, households, rng, counts)
    _household_edits(store, head, households, rng, counts)


def _visits(store, actor, households, first_day, rng, counts) -> None:
    from villagedesk.services.field_work import visits

    by_day: dict[tuple[str, int], list] = defaultdict(list)
    for h in rng.sample(households, round(len(households) * VISITED)):
        by_day[(h["worker_id"], rng.randrange(26))].append(h)
    for (worker_id, day), hs in sorted(by_day.items()):
        entries = [visits.DayEntry(h["id"], dt.time(8 + i % 10, rng.randrange(60)), rng.choice(("in_person", "phone")),
                                   rng.choice(("info", "notice")), notes="本月例行走访") for i, h in enumerate(hs)]
        visits.record_day(store, actor, worker_id, first_day + dt.timedelta(days=day), entries)
        counts.visits += len(entries)


def _disputes(store, actor, households, first_day, rng, counts) -> None:
    from villagedesk.domain.field_work.disputes import MediationDraft
    from villagedesk.domain.field_work.visits import FindingDraft, VisitDraft
    from villagedesk.services.field_work import disputes, visits

    for h in rng.sample(households, min(DISPUTES_PER_VILLAGE, len(households))):
        found = first_day + dt.timedelta(days=rng.randrange(20))
        done = visits.record_visit(store, actor, VisitDraft(
            h["worker_id"], h["id"], dt.datetime.combine(found, dt.time(19, 30)), "in_person", "info",
            finding=FindingDraft("dispute", "与邻居因宅基地滴水檐发生争执")), dispute_kind="neighbour")
        dispute_id = done.dispute_id
        held = found + dt.timedelta(days=2)
        disputes.record_mediation(store, actor, dispute_id, MediationDraft(
            held, h["worker_name"], "agreed", "双方当面协商", "各退一步", h["worker_id"]))
        disputes.set_outcome(store, actor, dispute_id, "resolved_in_grid", held)
        counts.disputes += 1


def _activities(store, head, clerk, vid, households, first_day, rng, counts) -> None:
    from villagedesk.services.points import activities

    rules = [r[0] for r in store.conn.execute(
        "SELECT id FROM point_rules WHERE village_id = ? AND kind = 'earn' AND retired = 0 AND deleted_at IS NULL",
        (vid,))]
    grids: dict[str, list[str]] = defaultdict(list)
    for h in households:
        grids[h["grid_id"]].append(h["id"])
    today = first_day + dt.timedelta(days=27)
    for n in range(max(1, round(len(households) * ACTIVITIES))):
        grid_id = rng.choice(sorted(grids))
        people = [r[0] for r in store.conn.execute(
            f"SELECT id FROM residents WHERE household_id IN ({','.join('?' * len(grids[grid_id]))})"
            " AND deleted_at IS NULL AND residence_status != 'deceased' ORDER BY id", grids[grid_id])]
        chosen = rng.sample(people, min(PARTICIPANTS, len(people)))
        aid = activities.create_activity(store, clerk, f"第{n + 1}次集中志愿活动", rng.choice(rules),
                                         first_day + dt.timedelta(days=rng.randrange(20)), [grid_id])
        activities.add_participants(store, clerk, aid, chosen)
        activities.publish_notice(store, head, aid, today)
        activities.approve(store, head, aid)
        activities.post(store, head, aid)
        counts.activities += 1
        counts.awards += len(chosen)


def _redemptions(store, actor, vid, households, rng, counts) -> None:
    from villagedesk.services.points import redemption, stock

    goods = store.query("SELECT id, points_price FROM goods WHERE village_id = ? AND active = 1"
                        " AND deleted_at IS NULL ORDER BY points_price LIMIT 3", (vid,))
    for g in goods:  # the month's delivery to the points shop
        stock.stock_in(store, actor, g["id"], "donation", 100, 500, "每月补货")
    ids = {h["id"] for h in households}
    rich = [r for r in store.query("SELECT household_id, balance FROM point_balances ORDER BY balance DESC, household_id")
            if r["household_id"] in ids]
    for r in rng.sample(rich[:len(rich) // 2 or 1], min(round(len(households) * REDEEMING), len(rich) // 2 or 1)):
        affordable = [g for g in goods if g["points_price"] <= r["balance"]]
        if affordable:
            redemption.redeem(store, actor, r["household_id"], [(rng.choice(affordable)["id"], 1)])
            counts.redemptions += 1


def _household_edits(store, actor, households, rng, counts) -> None:
    from villagedesk.domain.register.household import HouseholdDraft
    from villagedesk.services.register import households as service

    for h in rng.sample(households, max(1, round(len(households) * EDITED))):
        phone = f"139{rng.randrange(10**8):08d}"
        service.update_household(store, actor, h["id"], HouseholdDraft(
            h["grid_id"], h["hamlet"], h["group_name"], h["house_number"], phone, h["notes"]))
        counts.household_edits += 1
