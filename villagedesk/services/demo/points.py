"""Demo: a year of volunteer activities, postings, deductions, stock-ins of rice, flour and oil, and redemptions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from villagedesk.domain.ids import new_id
from villagedesk.domain.points.hashing import entry_hash
from villagedesk.domain.points.receipt import check_value, receipt_number
from villagedesk.domain.points.rules import DEFAULT_RULES
from villagedesk.store import villages as villages_repo
from villagedesk.store.points import demo_source
from villagedesk.store.points import ledger as ledger_repo

# name, unit, points, reference value (yuan), low-stock level, how popular
GOODS = (("大米（10kg）", "袋", 100, 55.0, 5, 6), ("面粉（5kg）", "袋", 50, 26.0, 5, 4),
         ("菜籽油（5L）", "桶", 140, 78.0, 3, 5), ("洗衣粉（1kg）", "袋", 20, 11.0, 10, 3),
         ("牙膏", "支", 12, 6.5, 10, 2), ("毛巾", "条", 15, 8.0, 10, 2), ("香皂", "块", 8, 4.0, 10, 2),
         ("酱油（1.9L）", "瓶", 25, 13.0, 8, 2), ("食盐（400g）", "袋", 5, 2.5, 20, 2))
SEASONAL = {"防汛值守": range(6, 9), "森林防火巡护": (12, 1, 2, 3, 4)}
TZ = "+08:00"


def fill(ctx) -> None:
    for vid in ctx.village_ids:
        _Village(ctx, vid).run()


class _Village:
    def __init__(self, ctx, vid: str):
        self.ctx, self.store, self.rng, self.vid = ctx, ctx.store, ctx.rng, vid
        self.today = ctx.today
        self.start = ctx.today - dt.timedelta(days=365)
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.seq, self.prev = ledger_repo.chain_head(self.store, self.store.node_id)
        self.balance: dict[str, int] = defaultdict(int)
        self.stock: dict[str, int] = defaultdict(int)
        self.receipt_seq: dict[int, int] = defaultdict(int)
        self.code = villages_repo.village_code(self.store, vid) or ""  # the village was just written
        self.actor = ctx.actor
        self.scale = 1

    def run(self) -> None:
        grids = demo_source.live_grids(self.store, self.vid)
        if not grids:
            return
        people = defaultdict(list)
        cutoff_old, cutoff_young = (self.today.replace(year=self.today.year - y).isoformat() for y in (78, 14))
        for r in demo_source.active_residents_born_between(self.store, self.vid, cutoff_old, cutoff_young):
            people[r["grid_id"]].append((r["id"], r["household_id"]))
        self.scale = max(1, sum(len(p) for p in people.values()) // 1500)  # restock batches grow with the village
        organisers = self._organisers()
        self._rules()
        self._goods()
        plan = self._plan_activities(grids, people, organisers)
        deductions = self._plan_deductions(people)
        for n in range(366):
            day = self.start + dt.timedelta(days=n)
            for act in plan.get(day, ()):
                self._post(act)
            for d in deductions.get(day, ()):
                self._deduct(*d, day)
            if day < self.today and n % 5 == 2:  # market day (逢场): the store opens
                self._market_day(day)
        self._reverse_two_mistakes()
        self._write()

    # -- catalogue --
    def _organisers(self) -> dict[str, list]:
        """Each grid's primary workers over time, so an activity is started by whoever held the grid that day."""
        rows = demo_source.primary_assignments(self.store, self.vid)
        out: dict[str, list] = defaultdict(list)
        for r in rows:
            out[r["grid_id"]].append((r["start_date"], r["end_date"] or "9999-12-31", r["id"], r["name"]))
        return out

    def _rules(self) -> None:
        since = self.start.replace(month=1, day=1).isoformat()
        self.rules: dict[str, dict] = {}
        for name, kind, pts, desc in DEFAULT_RULES:
            row = {"id": new_id(), "village_id": self.vid, "code": new_id(), "name": name, "kind": kind,
                   "points": pts, "description": desc, "effective_from": since, "retired": 0}
            self.rows["point_rules"].append(row)
            self.rules[name] = row
        # Flood duty was raised to 25 points from this June on: a second version of the rule.
        june = dt.date(self.today.year if self.today.month > 6 else self.today.year - 1, 6, 1)
        flood = self.rules["防汛值守"]
        self.flood_v2 = {**flood, "id": new_id(), "points": 25, "effective_from": june.isoformat()}
        self.rows["point_rules"].append(self.flood_v2)

    def _goods(self) -> None:
        self.goods: list[tuple[dict[str, Any], int]] = []
        for name, unit, pts, value, low, weight in GOODS:
            row: dict[str, Any] = {"id": new_id(), "village_id": self.vid, "name": name, "unit": unit, "points_price": pts,
                   "value_yuan": value, "low_stock_at": low, "active": 1, "notes": ""}
            self.rows["goods"].append(row)
            self.goods.append((row, weight))

    # -- activities --
    def _plan_activities(self, grids, people, organisers: dict[str, list]) -> dict[dt.date, list[dict]]:
        plan: dict[dt.date, list[dict]] = defaultdict(list)
        rng = self.rng
        earn = [r for r in self.rules.values() if r["kind"] == "earn"]
        for g in grids:
            pool = people.get(g["id"], [])
            if len(pool) < 3:
                continue
            for month_start in range(0, 365, 30):
                for _ in range(1 + (rng.random() < 0.5)):
                    day = self.start + dt.timedelta(days=month_start + rng.randrange(30))
                    if day >= self.today:
                        continue
                    options = [r for r in earn if r["name"] not in SEASONAL or day.month in SEASONAL[r["name"]]]
                    rule = rng.choice(options + [self.rules["环境卫生整治"]] * 3)
                    if rule["name"] == "防汛值守" and day.isoformat() >= self.flood_v2["effective_from"]:
                        rule = self.flood_v2
                    chosen = rng.sample(pool, min(len(pool), rng.randint(5, 18)))
                    held = [(w, n) for start, end, w, n in organisers.get(g["id"], ())
                            if start <= day.isoformat() <= end]
                    worker_id, organiser = held[0] if held else (None, "村委会")
                    act = self._activity(g, rule, day, worker_id, organiser, chosen)
                    posted_on = day + dt.timedelta(days=6)
                    if posted_on < self.today:
                        plan[posted_on].append(act)
        return plan

    def _activity(self, g, rule, day, worker_id, organiser, chosen) -> dict:
        title = {"环境卫生整治": f"{g['name']}环境卫生大扫除", "政策宣传": f"{g['name']}入户宣传"}.get(
            rule["name"], f"{g['name']}{rule['name']}")
        deadline = day + dt.timedelta(days=5)
        status = "posted" if day + dt.timedelta(days=6) < self.today else \
            ("noticed" if day + dt.timedelta(days=1) < self.today else "draft")
        act = {"id": new_id(), "village_id": self.vid, "title": title, "rule_id": rule["id"],
               "points": rule["points"], "activity_date": day.isoformat(), "organiser_worker_id": worker_id,
               "organiser_name": organiser, "status": status,
               "notice_deadline": deadline.isoformat() if status != "draft" else None,
               "noticed_at": f"{day + dt.timedelta(days=1)}T09:00:00{TZ}" if status != "draft" else None,
               "approved_at": f"{day + dt.timedelta(days=6)}T09:30:00{TZ}" if status == "posted" else None,
               "approved_by": "演示管理员" if status == "posted" else None,
               "posted_at": f"{day + dt.timedelta(days=6)}T10:00:00{TZ}" if status == "posted" else None,
               "posted_by": "演示管理员" if status == "posted" else None, "cancel_reason": "", "notes": ""}
        self.rows["activities"].append(act)
        self.rows["activity_grids"].append({"id": new_id(), "activity_id": act["id"], "grid_id": g["id"]})
        for rid, hid in chosen:
            self.rows["activity_participants"].append({"id": new_id(), "activity_id": act["id"],
                                                       "resident_id": rid, "household_id": hid})
        act["_people"], act["_rule"] = chosen, rule["name"]
        return act

    def _post(self, act: dict) -> None:
        for rid, hid in act["_people"]:
            self._entry(hid, rid, act["points"], "award", f"{act['title']}（{act['_rule']}）", "activity",
                        act["id"], act["posted_at"])

    def _plan_deductions(self, people) -> dict[dt.date, list[tuple[Any, Any]]]:
        everyone = [p for pool in people.values() for p in pool]
        deduct = [r for r in self.rules.values() if r["kind"] == "deduct"]
        out: dict[dt.date, list[tuple[Any, Any]]] = defaultdict(list)
        for _ in range(max(1, len(everyone) // 250)):
            day = self.start + dt.timedelta(days=self.rng.randrange(1, 360))
            out[day].append((self.rng.choice(everyone), self.rng.choice(deduct)))
        return out

    def _deduct(self, person, rule, day) -> None:
        rid, hid = person
        self._entry(hid, rid, -rule["points"], "deduct", rule["name"], "rule", rule["id"], f"{day}T15:00:00{TZ}")

    def _reverse_two_mistakes(self) -> None:
        awards = [e for e in self.rows["point_entries"] if e["kind"] == "award"]
        for e in self.rng.sample(awards, min(2, len(awards))):
            at = e["at"][:11] + "16:30:00" + TZ
            self._entry(e["household_id"], e["resident_id"], -e["delta"], "reversal",
                        f"冲正：{e['reason']}（重复登记）", "entry", e["id"], at, reverses_id=e["id"])

    # -- the store --
    def _market_day(self, day: dt.date) -> None:
        self._restock(day)
        rng = self.rng
        minute = 8 * 60
        for hid, bal in sorted(self.balance.items()):
            if bal < 30 or rng.random() > 0.3:
                continue
            cart: dict[str, int] = {}
            left = bal
            for _ in range(rng.randint(2, 5)):
                goods = rng.choices([g for g, _w in self.goods], weights=[w for _g, w in self.goods])[0]
                qty = rng.randint(1, 3)
                have = self.stock[goods["id"]] - cart.get(goods["id"], 0)
                qty = min(qty, have, left // goods["points_price"])
                if qty > 0:
                    cart[goods["id"]] = cart.get(goods["id"], 0) + qty
                    left -= qty * goods["points_price"]
            if cart:
                minute += rng.randint(2, 9)
                self._redeem(hid, cart, f"{day}T{minute // 60:02d}:{minute % 60:02d}:00{TZ}")

    def _restock(self, day: dt.date) -> None:
        last_months = day >= self.today - dt.timedelta(days=75)
        for goods, weight in self.goods:
            if self.stock[goods["id"]] >= goods["low_stock_at"] * 3:
                continue
            if last_months and goods["name"].startswith("洗衣粉"):
                continue  # left low on purpose: 首页 shows the low-stock warning
            donated = self.rng.random() < 0.3
            qty = self.rng.randint(6, 12) * weight * self.scale
            self.stock[goods["id"]] += qty
            self.rows["stock_movements"].append({
                "id": new_id(), "village_id": self.vid, "goods_id": goods["id"], "kind": "stock_in",
                "quantity": qty, "value_yuan": round(qty * goods["value_yuan"] * (1 if donated else 0.95), 2),
                "source_kind": "donation" if donated else "purchase",
                "source": self.rng.choice(("县慈善会", "乡贤张德厚", "爱心企业遂宁粮油公司")) if donated
                else self.rng.choice(("镇上粮油店", "河东供销社")), "reason": "", "redemption_id": None,
                "operator_name": "演示管理员", "at": f"{day}T07:30:00{TZ}"})

    def _redeem(self, hid: str, cart: dict[str, int], at: str) -> None:
        year = int(at[:4])
        self.receipt_seq[year] += 1
        number = receipt_number(year, self.receipt_seq[year])
        rid = new_id()
        goods = {g["id"]: g for g, _w in self.goods}
        items = [(goods[gid], qty) for gid, qty in cart.items()]
        total = sum(g["points_price"] * q for g, q in items)
        before = self.balance[hid]
        entry = self._entry(hid, None, -total, "redeem",
                            f"积分兑换 {number}：" + "、".join(f"{g['name']}×{q}" for g, q in items),
                            "redemption", rid, at)
        check = check_value(self.code, number, at, hid, total, before - total,
                            [(g["name"], q, g["points_price"] * q) for g, q in items])
        self.rows["redemptions"].append({
            "id": rid, "village_id": self.vid, "year": year, "seq": self.receipt_seq[year], "number": number,
            "household_id": hid, "resident_id": None, "total_points": total,
            "total_value_yuan": round(sum(g["value_yuan"] * q for g, q in items), 2), "balance_before": before,
            "balance_after": before - total, "entry_id": entry["id"], "operator_id": self.actor.user_id,
            "operator_name": "演示管理员", "at": at, "check_value": check, "voided_at": None, "voided_by": None,
            "void_reason": "", "void_entry_id": None})
        for g, q in items:
            self.stock[g["id"]] -= q
            self.rows["redemption_items"].append({
                "id": new_id(), "redemption_id": rid, "goods_id": g["id"], "name": g["name"], "unit": g["unit"],
                "quantity": q, "points_price": g["points_price"], "points": g["points_price"] * q,
                "value_yuan": round(g["value_yuan"] * q, 2)})
            self.rows["stock_movements"].append({
                "id": new_id(), "village_id": self.vid, "goods_id": g["id"], "kind": "redemption", "quantity": -q,
                "value_yuan": -round(g["value_yuan"] * q, 2), "source_kind": None, "source": "", "reason": "",
                "redemption_id": rid, "operator_name": "演示管理员", "at": at})
        self.rows["receipt_prints"].append({"id": new_id(), "redemption_id": rid, "layout": "58mm", "reprint": 0,
                                            "at": at, "operator_name": "演示管理员"})

    # -- the ledger --
    def _entry(self, hid, rid, delta, kind, reason, source_type, source_id, at, reverses_id=None) -> dict:
        self.seq += 1
        row = {"id": new_id(), "origin": self.store.node_id, "seq": self.seq, "village_id": self.vid,
               "household_id": hid, "resident_id": rid, "delta": delta, "kind": kind, "reason": reason,
               "source_type": source_type, "source_id": source_id, "reverses_id": reverses_id,
               "operator_id": self.actor.user_id, "operator_name": "演示管理员", "at": at, "prev_hash": self.prev}
        row["hash"] = self.prev = entry_hash(self.prev, row)
        self.rows["point_entries"].append(row)
        self.balance[hid] += delta
        return row

    def _write(self) -> None:
        clean = lambda rows: [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]  # noqa: E731
        for table in ("point_rules", "goods", "activities", "activity_grids", "activity_participants",
                      "point_entries", "redemptions", "redemption_items", "stock_movements", "receipt_prints"):
            rows = clean(self.rows[table])
            for i in range(0, len(rows), 5000):
                self.store.insert_many(table, rows[i:i + 5000], self.actor)
