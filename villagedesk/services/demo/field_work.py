"""Demo field work: a year of visits and follow-ups, notices, disputes and emergencies at the article's rates.

Follow-ups are done on time about 99% of the time, mediation succeeds in the grid about 95% of
the decided cases and the initial response handles about 93% of emergencies without escalation.
Visits, follow-ups and disputes need a grid's worker: without workers only notices and
emergencies (with no commander and no worker days) are made.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from villagedesk.domain.field_work.emergencies import service_days
from villagedesk.domain.field_work.follow_ups import DEFAULT_FOLLOW_UP_DAYS
from villagedesk.domain.field_work.times import to_minute
from villagedesk.domain.ids import new_id
from villagedesk.services.demo import field_work_texts as words
from villagedesk.services.progress import step
from villagedesk.store.field_work import demo_reads

# Foreign keys are checked row by row: parents first.
_TABLE_ORDER = ("visits", "disputes", "dispute_parties", "mediations", "visit_findings", "follow_ups", "notices",
                "notice_grids", "notice_reaches", "emergencies", "emergency_grids", "emergency_actions",
                "emergency_service_days")
_WAYS = ("in_person", "phone", "wechat")


class _Rows:
    """Rows per table, written in parent-first order in chunks."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.rows: dict[str, list[dict]] = defaultdict(list)

    def add(self, table: str, row: dict) -> str:
        """Keeps the dict itself, so a row may still be completed (a notice's covered_at) before the flush."""
        row.setdefault("id", new_id())
        self.rows[table].append(row)
        return row["id"]

    def flush(self) -> None:
        for table in _TABLE_ORDER:
            rows = self.rows.pop(table, [])
            for i in range(0, len(rows), 20_000):
                self.ctx.store.insert_many(table, rows[i:i + 20_000], self.ctx.actor)


class _Holders:
    """Who held each grid as primary worker on a day."""

    def __init__(self, rows):
        self.by_grid: dict[str, list] = defaultdict(list)
        for r in rows:
            self.by_grid[r["grid_id"]].append((r["start_date"], r["end_date"] or "9999-12-31", r["worker_id"],
                                               r["worker_name"]))

    def on(self, grid_id: str, day: dt.date) -> tuple[str, str] | None:
        d = day.isoformat()
        for start, end, worker_id, name in self.by_grid.get(grid_id, ()):
            if start <= d <= end:
                return worker_id, name
        return None


@dataclass
class _Household:
    id: str
    grid_id: str
    head_id: str | None
    head_name: str
    key_since: dt.date | None


def fill(ctx) -> None:
    store = ctx.store
    grids = demo_reads.grids(store, ctx.village_ids)
    holders = _Holders(demo_reads.primary_holders(store, ctx.village_ids))
    grids_of: dict[str, list] = defaultdict(list)
    for g in grids:
        grids_of[g["village_id"]].append(g)
    village_of = {g["id"]: g["village_id"] for g in grids}
    homes: dict[str, list[_Household]] = defaultdict(list)
    for h in demo_reads.households(store, ctx.village_ids):
        since = dt.date.fromisoformat(h["key_since"][:10]) if h["key_since"] else None
        homes[village_of[h["grid_id"]]].append(_Household(h["id"], h["grid_id"], h["head_resident_id"],
                                                          h["head_name"], since))
    taken = demo_reads.service_days_taken(store)
    rows = _Rows(ctx)
    for i, village_id in enumerate(ctx.village_ids):
        year = _VillageYear(ctx, village_id, grids_of[village_id], homes[village_id], holders, taken, rows)
        year.visits()
        if i == 0:
            year.recent_cases()
        year.disputes()
        year.notices()
        year.emergencies(open_one=i == 0)
        if sum(len(r) for r in rows.rows.values()) > 100_000 or i == len(ctx.village_ids) - 1:
            rows.flush()
        step(ctx.job, 0.9, f"正在生成走访、宣传、纠纷与突发事件：第 {i + 1}/{len(ctx.village_ids)} 个村")


class _VillageYear:
    def __init__(self, ctx, village_id, grids, households, holders, taken, rows):
        self.rng, self.today, self.rows = ctx.rng, ctx.today, rows
        self.village_id, self.grids, self.households, self.holders = village_id, grids, households, holders
        self.taken = taken
        self.by_grid: dict[str, list[_Household]] = defaultdict(list)
        for h in households:
            self.by_grid[h.grid_id].append(h)
        self.found_disputes: list[dict] = []

    def _day(self, lo: int, hi: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(lo, hi))

    def _at(self, day: dt.date, lo: int = 8, hi: int = 17) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(self.rng.randint(lo, hi), self.rng.randint(0, 59)))

    # -- visits, findings and follow-ups --
    def visits(self) -> None:
        rng = self.rng
        for h in self.households:
            for _ in range(rng.choice((2, 3, 3, 4, 4, 5))):
                day = self._day(1, 365)
                holder = self.holders.on(h.grid_id, day)
                if holder is None:
                    continue
                at = self._at(day)
                visit = {"village_id": self.village_id, "worker_id": holder[0], "household_id": h.id,
                         "grid_id": h.grid_id, "visited_at": to_minute(at),
                         "way": rng.choices(_WAYS, (70, 20, 10))[0],
                         "purpose": rng.choices(("info", "notice", "other"), (55, 30, 15))[0],
                         "findings": "", "notes": rng.choice(words.VISIT_NOTES), "out_of_grid_reason": ""}
                if rng.random() >= 0.08:
                    self.rows.add("visits", visit)
                    continue
                self._finding(h, holder, at, visit)

    def recent_cases(self) -> None:
        """The home village's last weeks, so 首页 has work on it: two disputes still being mediated
        and a key-population household whose follow-up has gone overdue."""
        rng, today = self.rng, self.today
        for days_ago in (16, 3):
            day = today - dt.timedelta(days=days_ago)
            staffed = [h for h in self.households if h.head_id and self.holders.on(h.grid_id, day)]
            if staffed:
                h = rng.choice(staffed)
                self._finding(h, self.holders.on(h.grid_id, day), self._at(day), self._visit(h, day), "dispute",
                              keep_open=True)
        day = today - dt.timedelta(days=DEFAULT_FOLLOW_UP_DAYS + 3)
        keyed = [h for h in self.households if h.key_since and h.key_since <= day and self.holders.on(h.grid_id, day)]
        if keyed:
            h = rng.choice(keyed)
            self._finding(h, self.holders.on(h.grid_id, day), self._at(day), self._visit(h, day), "hazard",
                          follow_up_done=False)

    def _visit(self, h: _Household, day: dt.date) -> dict:
        holder = self.holders.on(h.grid_id, day)
        return {"village_id": self.village_id, "worker_id": holder[0], "household_id": h.id, "grid_id": h.grid_id,
                "visited_at": "", "way": "in_person", "purpose": "info", "findings": "",
                "notes": self.rng.choice(words.VISIT_NOTES), "out_of_grid_reason": ""}

    def _finding(self, h: _Household, holder, at: dt.datetime, visit: dict, kind: str | None = None,
                 keep_open: bool = False, follow_up_done: bool | None = None) -> None:
        rng = self.rng
        visit = {**visit, "visited_at": to_minute(at)}
        kind = kind or rng.choices(("hardship", "hazard", "dispute"), (50, 35, 15))[0]
        hardship = rng.choice(sorted(words.HARDSHIPS)) if kind == "hardship" else None
        dispute_kind = rng.choices(words.DISPUTE_KINDS, words.DISPUTE_WEIGHTS)[0]
        text = (rng.choice(words.HARDSHIPS[hardship]) if hardship is not None else rng.choice(words.HAZARDS)
                if kind == "hazard" else rng.choice(words.DISPUTES[dispute_kind]))
        visit_id = self.rows.add("visits", {**visit, "findings": text})
        finding = {"visit_id": visit_id, "household_id": h.id, "grid_id": h.grid_id, "kind": kind,
                   "hardship_kind": hardship, "description": text, "dispute_id": None, "status": "open",
                   "closed_on": None, "closed_note": ""}
        if kind == "dispute":
            self.found_disputes.append({"household": h, "holder": holder, "day": at.date(), "visit_id": visit_id,
                                        "kind": dispute_kind, "summary": text, "finding": finding,
                                        "open": keep_open})
        else:
            if (self.today - at.date()).days > 7 and rng.random() < 0.9:
                done = min(at.date() + dt.timedelta(days=rng.randint(2, 20)), self.today - dt.timedelta(days=1))
                note = rng.choice(words.HARDSHIP_DONE if kind == "hardship" else words.HAZARD_DONE)
                finding.update(status="closed", closed_on=done.isoformat(), closed_note=note)
            self.rows.add("visit_findings", finding)
        if h.key_since is not None and h.key_since <= at.date():
            self._follow_up(h, holder, at, visit_id, follow_up_done)

    def _follow_up(self, h: _Household, holder, at: dt.datetime, visit_id: str, done: bool | None) -> None:
        rng = self.rng
        due = at.date() + dt.timedelta(days=DEFAULT_FOLLOW_UP_DAYS)
        # Nearly all on time; of the last fortnight's some are still waiting (on the to-do list when overdue).
        r = rng.random() + (0.3 if (self.today - at.date()).days <= 14 else 0.0)
        done_day = (at.date() + dt.timedelta(days=rng.randint(1, DEFAULT_FOLLOW_UP_DAYS - 1)) if r < 0.988
                    else due + dt.timedelta(days=rng.randint(1, 6)) if r < 0.996 else None)
        row = {"village_id": self.village_id, "visit_id": visit_id, "household_id": h.id, "grid_id": h.grid_id,
               "worker_id": holder[0], "due_on": due.isoformat(), "done_visit_id": None, "done_at": None}
        if done_day is not None and done_day < self.today and done is not False:
            by = self.holders.on(h.grid_id, done_day)
            if by is not None:
                done_at = self._at(done_day)
                row["done_visit_id"] = self.rows.add("visits", {
                    "village_id": self.village_id, "worker_id": by[0], "household_id": h.id, "grid_id": h.grid_id,
                    "visited_at": to_minute(done_at), "way": rng.choices(_WAYS, (80, 15, 5))[0],
                    "purpose": "follow_up", "findings": "", "notes": rng.choice(words.FOLLOW_UP_NOTES),
                    "out_of_grid_reason": ""})
                row["done_at"] = to_minute(done_at)
        self.rows.add("follow_ups", row)

    # -- disputes: mediation within the grid, escalation beyond it --
    def disputes(self) -> None:
        rng = self.rng
        found = sorted(self.found_disputes, key=lambda d: d["day"])
        # Older cases are decided; most of the last month's are still being mediated.
        decided = [d for d in found if not d["open"] and ((self.today - d["day"]).days >= 30 or rng.random() < 0.3)]
        n = len(decided)
        withdrawn, escalated = round(n * 0.03), max(1 if n >= 10 else 0, round(n * 0.05))
        outcomes = ["withdrawn"] * withdrawn + ["escalated"] * escalated
        outcomes += ["resolved_in_grid"] * (n - len(outcomes))
        rng.shuffle(outcomes)
        plan = dict(zip([id(d) for d in decided], outcomes, strict=True))
        for d in found:
            self._dispute(d, plan.get(id(d)))

    def _dispute(self, d: dict, outcome: str | None) -> None:
        rng, h, holder = self.rng, d["household"], d["holder"]
        others = [x for x in self.by_grid[h.grid_id] if x.id != h.id and x.head_id]
        if others and rng.random() < 0.8:
            other = rng.choice(others)
            party_b = (other.head_name, other.head_id, "")
        else:
            party_b = (rng.choice(words.OUTSIDERS), None, "邻村")
        yesterday = self.today - dt.timedelta(days=1)
        row = {"village_id": self.village_id, "grid_id": h.grid_id, "kind": d["kind"], "summary": d["summary"],
               "found_on": d["day"].isoformat(), "found_by": holder[1], "found_by_worker_id": holder[0],
               "visit_id": d["visit_id"], "outcome": None, "closed_on": None, "resolved_on": None,
               "escalated_village_on": None, "escalated_township_on": None, "withdrawn_on": None, "outcome_note": ""}
        attempts, day = [], d["day"]
        count = {"resolved_in_grid": rng.choice((1, 1, 2, 2, 3)), "escalated": rng.choice((1, 2)),
                 "withdrawn": rng.choice((0, 1)), None: rng.choice((0, 1))}[outcome]
        for k in range(count):
            day = min(day + dt.timedelta(days=rng.randint(0 if k == 0 else 1, 3)), yesterday)
            agreed = outcome == "resolved_in_grid" and k == count - 1
            attempts.append((day, "agreed" if agreed else rng.choice(("failed", "partial"))))
        if outcome is not None:
            end = min(day + dt.timedelta(days=rng.randint(0, 2)), yesterday)
            row["closed_on"] = end.isoformat()
            if outcome == "resolved_in_grid":
                row.update(outcome=outcome, resolved_on=end.isoformat())
            elif outcome == "withdrawn":
                row.update(outcome=outcome, withdrawn_on=end.isoformat(), outcome_note="双方自行和解，申请撤回")
            else:
                row.update(outcome="escalated_village", escalated_village_on=end.isoformat(),
                           outcome_note="超出网格员调解能力，上报村调委会")
                if rng.random() < 0.3:
                    later = min(end + dt.timedelta(days=rng.randint(3, 10)), yesterday)
                    row.update(outcome="escalated_township", escalated_township_on=later.isoformat())
        dispute_id = self.rows.add("disputes", row)
        for seq, (name, rid, address) in enumerate(((h.head_name, h.head_id, ""), party_b), 1):
            self.rows.add("dispute_parties", {"dispute_id": dispute_id, "seq": seq, "resident_id": rid,
                                              "name": name, "phone": "", "address": address})
        terms = "\n".join(f"{'一二三'[i]}、{t.format(a=h.head_name, b=party_b[0])}"
                          for i, t in enumerate(words.TERMS[d["kind"]]))
        for day, result in attempts:
            self.rows.add("mediations", {"dispute_id": dispute_id, "held_on": day.isoformat(), "mediator": holder[1],
                                         "mediator_worker_id": holder[0], "result": result,
                                         "content": rng.choice(words.MEDIATION_CONTENT),
                                         "terms": terms if result == "agreed" else ""})
        finding = {**d["finding"], "dispute_id": dispute_id}
        if row["closed_on"]:
            finding.update(status="closed", closed_on=row["closed_on"])
        self.rows.add("visit_findings", finding)

    # -- notices: issue, reach every household, stamp full coverage --
    def notices(self, count: int = 24) -> None:
        rng = self.rng
        if not self.grids:
            return
        days = sorted(self._day(2, 365) for _ in range(count - 1)) + [self.today - dt.timedelta(days=1)]
        for n, day in enumerate(days):
            wet = 5 <= day.month <= 9
            urgent = rng.random() < (0.6 if wet else 0.15)
            title, body = rng.choice((words.NOTICES_URGENT_WET if wet else words.NOTICES_URGENT_DRY) if urgent
                                     else words.NOTICES_ROUTINE)
            issued = self._at(day, 6, 20) if urgent else self._at(day, 8, 9)
            if urgent:
                targets = rng.sample(self.grids, min(len(self.grids), rng.randint(2, 6)))
            else:
                targets = self.grids if len(self.grids) <= 12 else rng.sample(self.grids, 12)
            targets = sorted(targets, key=lambda g: g["code"])
            notice = {"village_id": self.village_id, "title": title, "body": body,
                      "urgency": "urgent" if urgent else "routine", "issued_at": to_minute(issued),
                      "source": "township" if rng.random() < 0.4 else "village", "covered_at": None}
            notice_id = self.rows.add("notices", notice)
            partial = n == len(days) - 1
            last = issued
            for g in targets:
                self.rows.add("notice_grids", {"notice_id": notice_id, "grid_id": g["id"]})
                last = max(last, self._reach(notice_id, g, issued, urgent, partial))
            if not partial:
                notice["covered_at"] = to_minute(last)

    def _reach(self, notice_id: str, grid, issued: dt.datetime, urgent: bool, partial: bool) -> dt.datetime:
        rng = self.rng
        hours = rng.uniform(0.4, 1.3) if urgent else rng.uniform(0.5, 1.6)
        holder = self.holders.on(grid["id"], issued.date())
        households = self.by_grid[grid["id"]]
        last = issued
        for i, h in enumerate(households):
            if partial and rng.random() < 0.2:
                continue
            share = 1.0 if i == len(households) - 1 else rng.uniform(0.05, 0.97)
            at = issued + dt.timedelta(hours=hours * share)
            last = max(last, at)
            self.rows.add("notice_reaches", {"notice_id": notice_id, "household_id": h.id, "grid_id": grid["id"],
                                             "way": rng.choices(("wechat", "in_person", "phone"), (50, 35, 15))[0],
                                             "reached_at": to_minute(at), "worker_id": holder[0] if holder else None})
        return last

    # -- emergencies: commander, timeline, counts, initial response, worker days --
    def emergencies(self, open_one: bool) -> None:
        rng = self.rng
        if not self.grids:
            return
        n = max(3, round(len(self.households) / 40))
        escalated = set(rng.sample(range(n), round(n * 0.07)))
        for i, day in enumerate(sorted(self._day(4, 365) for _ in range(n))):
            self._emergency(day, "escalated" if i in escalated else "handled")
        if open_one:
            self._emergency(self.today - dt.timedelta(days=1), None)

    def _kind(self, month: int) -> str:
        if 5 <= month <= 9:
            return self.rng.choices(("flood", "geological", "house_fire", "other"), (55, 20, 15, 10))[0]
        return self.rng.choices(("forest_fire", "house_fire", "geological", "other"), (45, 35, 10, 10))[0]

    def _emergency(self, day: dt.date, outcome: str | None) -> None:
        rng = self.rng
        kind = self._kind(day.month)
        grids = sorted(rng.sample(self.grids, min(len(self.grids), rng.choice((1, 1, 2, 3)))), key=lambda g: g["code"])
        start = self._at(day, 0, 22) if outcome else self._at(day, 18, 21)
        end = start + dt.timedelta(hours=rng.uniform(2, 50)) if outcome else None
        commander = next((w for g in grids if (w := self.holders.on(g["id"], day)) is not None), None)
        total = sum(len(self.by_grid[g["id"]]) for g in grids)
        affected = rng.randint(1, max(1, min(30, total)))
        evacuated = rng.randint(0, affected)
        row = {"village_id": self.village_id, "kind": kind,
               "title": rng.choice(words.EMERGENCY_TITLES[kind]).format(grid=grids[0]["name"]),
               "started_at": to_minute(start), "ended_at": to_minute(end) if end else None,
               "commander_worker_id": commander[0] if commander else None,
               "commander_name": commander[1] if commander else "",
               "households_affected": affected, "households_evacuated": evacuated,
               "households_reached": min(total, affected + rng.randint(0, 40)), "response_outcome": outcome,
               "response_note": "" if outcome != "escalated" else "险情超出网格处置能力，已请求镇应急办支援",
               "closed_at": to_minute(end + dt.timedelta(minutes=rng.randint(10, 120))) if end else None, "notes": ""}
        eid = self.rows.add("emergencies", row)
        for g in grids:
            self.rows.add("emergency_grids", {"emergency_id": eid, "grid_id": g["id"]})
        steps = sorted(rng.sample(range(len(words.EMERGENCY_ACTIONS)), rng.randint(3, 5)))
        span = (end - start) if end else dt.timedelta(hours=2)
        for k, s in enumerate(steps):
            at = start + span * (k + 1) / (len(steps) + 1)
            self.rows.add("emergency_actions", {"emergency_id": eid, "at": to_minute(at),
                                                "action": words.EMERGENCY_ACTIONS[s],
                                                "worker_id": commander[0] if commander else None})
        if end is None:
            return
        workers = dict([commander] if commander else [])
        for g in grids[1:]:
            holder = self.holders.on(g["id"], day)
            if holder is not None:
                workers.setdefault(*holder)
        for worker_id in workers:
            for d in service_days(start.date(), end.date()):
                if (worker_id, d.isoformat()) not in self.taken:
                    self.taken.add((worker_id, d.isoformat()))
                    self.rows.add("emergency_service_days", {"worker_id": worker_id, "day": d.isoformat(),
                                                             "kind": kind, "emergency_id": eid,
                                                             "source": "emergency", "notes": ""})
