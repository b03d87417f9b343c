"""Demo grid workers: one per grid chosen from its residents (~40% party members, all three sources), a year of
rotations, quarterly evaluations with commendations and a few replacements, reserve cadres, trainings, stipend
standards and the past months' payrolls, locked."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from villagedesk.domain.actor import Actor
from villagedesk.domain.grids.rubric import DEFAULT_ITEMS, total_score
from villagedesk.domain.ids import new_id
from villagedesk.services.grids import payroll, stipends
from villagedesk.services.progress import step
from villagedesk.services.village import home_village_id
from villagedesk.store.grids import demo_source

SOURCES = (("cadre", 0.5), ("auxiliary", 0.3), ("volunteer", 0.2))
EDUCATION = (("初中", 0.35), ("高中（中专）", 0.4), ("大专", 0.18), ("本科及以上", 0.07))
COMMENDATIONS = ("防汛期间连夜转移群众", "矛盾纠纷化解及时", "政策宣传到户率高", "走访细致，群众认可",
                 "森林防火巡查到位", "帮助困难群众办理救助")
TRAININGS = (("网格员履职能力培训", "镇党委组织委员"), ("防汛应急处置培训", "镇应急办"),
             ("矛盾纠纷排查调解培训", "司法所"), ("森林防火知识培训", "镇林业站"),
             ("医保政策宣传培训", "镇社保所"), ("安全生产隐患排查培训", "镇安办"))
TIERS = [(0, 99, 50), (100, 199, 80), (200, 299, 100), (300, 399, 120), (400, "", 150)]
RATES = (("flood", 80), ("forest_fire", 60), ("geological", 80), ("house_fire", 70), ("other", 50))
PREPARER, REVIEWER, APPROVER = (Actor("demo-clerk", "赵文书"), Actor("demo-reviewer", "李会计"),
                                Actor("demo-approver", "王书记"))


def _weighted(rng, pairs):
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def fill(ctx) -> None:
    _Fill(ctx).run()


def _payroll_step_follows() -> bool:
    """Whether the demo runs grids_payroll as a later step (after emergencies have written their days)."""
    from villagedesk.services import demo

    return any(module == "grids_payroll" for _, module in demo.DEMO_STEPS)


def lock_past_months(ctx) -> None:
    """The home village's payrolls from a year ago up to last month: computed, reviewed, approved, locked."""
    first = ctx.today.replace(day=1)
    month = dt.date(first.year - 1, first.month, 1)
    while month < first:
        label = f"{month.year}-{month.month:02d}"
        step(ctx.job, 0.9, f"正在生成 {label} 补贴发放表")
        if payroll.get_payroll(ctx.store, label) is None:
            payroll.compute_payroll(ctx.store, PREPARER, label, today=ctx.today)
            payroll.review_payroll(ctx.store, REVIEWER, label)
            payroll.approve_payroll(ctx.store, APPROVER, label)
            payroll.lock_payroll(ctx.store, APPROVER, label)
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)


class _Fill:
    def __init__(self, ctx):
        self.ctx, self.store, self.rng, self.today = ctx, ctx.store, ctx.rng, ctx.today
        first = ctx.today.replace(day=1)
        self.start = dt.date(first.year - 1, first.month, 1)  # a year of history, whole months
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.commended: dict[str, str] = {}  # worker id -> first commendation date
        self.written_assignments: list[dict] = []
        self.used: set[str] = set()
        self.candidates: dict[str, list] = defaultdict(list)
        self.holder: dict[str, dict] = {}  # grid id -> open primary assignment row
        self.workers: dict[str, dict] = {}

    def day_between(self, a: dt.date, b: dt.date) -> dt.date:
        return a + dt.timedelta(days=self.rng.randint(0, max(0, (b - a).days)))

    def run(self) -> None:
        grids = demo_source.grids_of_villages(self.store, self.ctx.village_ids)
        if not grids:
            return
        t = self.today
        for r in demo_source.candidates(self.store, self.ctx.village_ids, f"{t.year - 62}-01-01", f"{t.year - 24}-01-01"):
            self.candidates[r["grid_id"]].append(r)
        n = len(grids)
        party = set(self.rng.sample(range(n), round(n * 0.397)))
        sources = ["cadre"] * round(n * 0.5) + ["auxiliary"] * round(n * 0.3)
        sources += ["volunteer"] * (n - len(sources))
        self.rng.shuffle(sources)
        for i, g in enumerate(grids):
            w = self.new_worker(g, dt.date(self.start.year - self.rng.randint(1, 4), self.rng.randint(1, 12), 1),
                                i in party, sources[i])
            if w is not None:
                self.assign(g, w, w["appointed_on"], "任命")
                if self.rng.random() < 0.03:
                    deputy = self.new_worker(g, self.day_between(self.start, t - dt.timedelta(days=60)))
                    if deputy is not None:
                        self.assign(g, deputy, deputy["appointed_on"], "任命", role="deputy")
        step(self.ctx.job, 0.81, "正在生成网格员轮换与考评")
        self.rotations(grids)
        rubric_items = self.rubric()
        self.evaluations(grids, rubric_items)
        self.flush()
        self.reserve()
        self.trainings()
        self.flush()
        self.payrolls()

    def new_worker(self, g, appointed: dt.date, party: bool | None = None, source: str | None = None) -> dict | None:
        pool = [c for c in self.candidates[g["id"]] if c["id"] not in self.used
                and c["birth_date"] < f"{appointed.year - 22}-01-01"]
        if not pool:
            return None
        if party is None:  # keep the share of party members near the article's 39.7%
            active = [w for w in self.workers.values() if w["status"] == "active"]
            party = sum(w["party_member"] for w in active) < 0.397 * (len(active) + 1)
        want_party = party
        members = [c for c in pool if c["party_member"] == int(want_party)]
        person = self.rng.choice(members or pool)
        self.used.add(person["id"])
        source = source or _weighted(self.rng, SOURCES)
        row = {"id": new_id(), "village_id": g["village_id"], "resident_id": person["id"], "name": person["name"],
               "id_number": person["id_number"], "sex": person["sex"], "birth_date": person["birth_date"],
               "phone": person["phone"], "party_member": person["party_member"], "source": source,
               "education": _weighted(self.rng, EDUCATION), "appointed_on": appointed.isoformat(),
               "status": "active", "status_reason": "", "status_date": None, "notes": ""}
        self.workers[row["id"]] = row
        self.rows["workers"].append(row)
        return row

    def assign(self, g, w, start, reason, role="primary") -> None:
        a = {"id": new_id(), "grid_id": g["id"], "worker_id": w["id"], "role": role, "start_date": start,
             "end_date": None, "reason": reason}
        self.rows["grid_assignments"].append(a)
        if role == "primary":
            self.holder[g["id"]] = a

    def end(self, g, day: str, reason: str, status: str, status_reason: str) -> dict:
        a = self.holder.pop(g["id"])
        a["end_date"], a["reason"] = day, reason
        w = self.workers[a["worker_id"]]
        w.update(status=status, status_reason=status_reason, status_date=day)
        return w

    def rotations(self, grids) -> None:
        """About one grid in ten changes hands during the year (the worker moves away or steps down)."""
        for g in grids:
            if g["id"] in self.holder and self.rng.random() < 0.1:
                day = self.day_between(self.start + dt.timedelta(days=20), self.today - dt.timedelta(days=40))
                successor = self.new_worker(g, day)
                if successor is None:
                    continue
                self.end(g, day.isoformat(), "定期轮换", "left", self.rng.choice(("外出务工", "年龄原因", "工作调动")))
                self.assign(g, successor, day.isoformat(), "定期轮换")

    def rubric(self) -> list:
        rid = new_id()
        self.rows["eval_rubrics"].append({"id": rid, "village_id": home_village_id(self.store), "version": 1,
                                          "name": "微网格员考评细则", "notes": ""})
        items = []
        for pos, item in enumerate(DEFAULT_ITEMS, 1):
            row = {"id": new_id(), "rubric_id": rid, "position": pos, "name": item.name, "weight": item.weight,
                   "max_score": item.max_score, "indicator": item.indicator, "target_per_month": item.target_per_month}
            self.rows["eval_rubric_items"].append(row)
            items.append((item, row["id"]))
        self.rubric_id = rid
        return items

    def evaluations(self, grids, items) -> None:
        """Quarterly township evaluations: ~8% commended, ~1.5% of grids replaced over the year (article: 15 of 1,072)."""
        quarters = [q for q in range(1, 5) if dt.date(self.today.year, 3 * q, 28) < self.today
                    and dt.date(self.today.year, 3 * q - 2, 1) >= self.start]
        replace_left = max(1, round(len(grids) * 0.015))
        for qi, q in enumerate(quarters):
            end = dt.date(self.today.year + (q == 4), (3 * q) % 12 + 1, 1)
            for g in grids:
                a = self.holder.get(g["id"])
                if a is None or a["start_date"] >= end.isoformat():
                    continue
                on = end + dt.timedelta(days=self.rng.randint(4, 15))
                replace = replace_left > 0 and self.rng.random() < (0.5 if qi == len(quarters) - 1 else 0.006)
                commend = not replace and self.rng.random() < 0.08
                low, high = (0.2, 0.55) if replace else ((0.92, 1.0) if commend else (0.65, 0.95))
                scores = [round(i.max_score * self.rng.uniform(low, high) * 2) / 2 for i, _ in items]
                clean, total = total_score([i for i, _ in items], scores)
                outcome = "replace" if replace else ("commend" if commend else "keep")
                reason_kind = self.rng.choice(("unfit", "not_diligent")) if replace else None
                eid = new_id()
                self.rows["evaluations"].append({
                    "id": eid, "worker_id": a["worker_id"], "grid_id": g["id"], "rubric_id": self.rubric_id,
                    "period": f"{self.today.year}-Q{q}", "period_start": dt.date(self.today.year, 3 * q - 2, 1).isoformat(),
                    "period_end": end.isoformat(), "evaluated_on": on.isoformat(), "total_score": total,
                    "outcome": outcome, "replace_reason": reason_kind,
                    "reason": ("多次未按要求入户走访，群众反映较多" if replace else
                               self.rng.choice(COMMENDATIONS) if commend else ""),
                    "entered_by": "township", "evaluator": "镇党委"})
                self.rows["evaluation_scores"] += [{"id": new_id(), "evaluation_id": eid, "item_id": item_id,
                                                    "score": s, "indicator_value": None}
                                                   for (_, item_id), s in zip(items, clean, strict=True)]
                if commend:
                    self.commended.setdefault(a["worker_id"], on.isoformat())
                if replace:
                    replace_left -= 1
                    label = "不胜任" if reason_kind == "unfit" else "不尽职"
                    self.end(g, on.isoformat(), f"考评调整（{label}）", "replaced", f"{label}：考评不合格")
                    later = on + dt.timedelta(days=self.rng.randint(7, 25))
                    if later < self.today - dt.timedelta(days=5) and replace_left > 0:  # the last one stays vacant
                        successor = self.new_worker(g, later)
                        if successor is not None:
                            self.assign(g, successor, later.isoformat(), "考评调整后补选")

    def reserve(self) -> None:
        """About 3% of workers (article: 33 of 1,072) admitted to the reserve-cadre pool, mostly after a commendation."""
        want = max(2, round(len(self.workers) * 0.03))
        picked = dict(self.commended)
        active = [w for w in self.workers.values() if w["status"] == "active" and w["id"] not in picked]
        for w in self.rng.sample(active, min(len(active), max(0, want - len(picked)))):
            picked[w["id"]] = self.day_between(self.start, self.today - dt.timedelta(days=10)).isoformat()
        for worker_id, since in list(picked.items())[:want]:
            w = self.workers[worker_id]
            if w["status"] != "active":
                continue
            on = max(since, w["appointed_on"])
            self.rows["reserve_cadres"].append({"id": new_id(), "worker_id": worker_id, "admitted_on": on,
                                                "reason": "考评优秀，群众认可，符合村干部任职条件",
                                                "left_on": None, "left_reason": ""})

    def trainings(self) -> None:
        """Six sessions a year per village; most workers in post that day attend."""
        for vid in self.ctx.village_ids:
            for n, (topic, trainer) in enumerate(TRAININGS):
                day = self.start + dt.timedelta(days=30 + n * 55 + self.rng.randint(0, 20))
                if day >= self.today:
                    continue
                tid = new_id()
                self.rows["trainings"].append({"id": tid, "village_id": vid, "held_on": day.isoformat(), "topic": topic,
                                               "hours": self.rng.choice((1.5, 2, 2, 3)), "trainer": trainer,
                                               "place": "村便民服务中心", "notes": ""})
                for a in self.written_assignments:
                    w = self.workers[a["worker_id"]]
                    in_post = a["start_date"] <= day.isoformat() and (a["end_date"] or "9999") > day.isoformat()
                    if w["village_id"] == vid and in_post and self.rng.random() < 0.8:
                        self.rows["training_attendance"].append({"id": new_id(), "training_id": tid,
                                                                 "worker_id": w["id"]})

    def flush(self) -> None:
        order = ("workers", "grid_assignments", "eval_rubrics", "eval_rubric_items", "evaluations",
                 "evaluation_scores", "reserve_cadres", "trainings", "training_attendance", "emergency_service_days")
        self.written_assignments += self.rows.get("grid_assignments", [])
        for table in order:
            rows = self.rows.pop(table, [])
            for i in range(0, len(rows), 5000):
                self.store.insert_many(table, rows[i:i + 5000], self.ctx.actor)

    def payrolls(self) -> None:
        """The tier table and rates from the year before, a few days entered by hand, then the locked months."""
        store = self.store
        # the standards are the head's to set (the policy's SET_STIPENDS), whoever asked for the demo
        stipends.save_tier_table(store, APPROVER, f"{self.start.year - 1}-01", TIERS)
        for kind, amount in RATES:
            stipends.set_subsidy_rate(store, APPROVER, kind, amount, f"{self.start.year - 1}-01-01")
        # A few days of urgent work entered by hand (night patrols, sandbagging) before the emergencies page existed.
        days = []
        for a in self.assignments_of(home_village_id(store)):
            if self.rng.random() < 0.12:
                for _ in range(self.rng.randint(1, 3)):
                    day = self.day_between(max(self.start, dt.date.fromisoformat(a["start_date"])),
                                           min(self.today.replace(day=1), dt.date.fromisoformat(a["end_date"] or "9999-12-31"))
                                           - dt.timedelta(days=1))
                    days.append({"id": new_id(), "worker_id": a["worker_id"], "day": day.isoformat(),
                                 "kind": self.rng.choice(("flood", "forest_fire", "other")), "emergency_id": None,
                                 "source": "manual", "notes": "手工登记"})
        self.rows["emergency_service_days"] = list({(d["worker_id"], d["day"]): d for d in days}.values())
        self.flush()
        if not _payroll_step_follows():
            lock_past_months(self.ctx)

    def assignments_of(self, village_id: str) -> list[dict]:
        grids = {g["id"] for g in demo_source.grids_of_villages(self.store, [village_id])}
        return [a for a in self.written_assignments if a["grid_id"] in grids and a["role"] == "primary"]
