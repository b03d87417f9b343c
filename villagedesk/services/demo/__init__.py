"""The demo generator: a realistic village (or a larger scale) deterministic by seed, all or nothing."""

from __future__ import annotations

import datetime as dt
import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.domain.ids import new_id
from villagedesk.services.demo import names
from villagedesk.services.demo.people import PeopleMaker
from villagedesk.services.progress import Job, step
from villagedesk.services.writes import writes
from villagedesk.store import users as user_repo
from villagedesk.store import villages as village_repo
from villagedesk.store.connection import Store

DEFAULT_HOUSEHOLDS = 600
DEFAULT_SEED = 20261130
DEMO_TOWNSHIP = ("510903104000", "河东镇")


@dataclass
class DemoContext:
    """What a later issue's demo step gets: the store inside the demo's one transaction."""

    store: Store
    actor: Actor
    rng: random.Random
    today: dt.date
    village_ids: list[str]
    grid_ids: list[str] = field(default_factory=list)
    household_ids: list[str] = field(default_factory=list)
    job: Job | None = None


# Each module's records, in dependency order: villagedesk.services.demo.<module>.fill(ctx) runs
# inside the demo's one transaction after the register's grids, households and residents exist.
DEMO_STEPS: tuple[tuple[str, str], ...] = (
    ("网格员、考评、培训与补贴", "grids_workers"),
    ("重点人群与医保参保", "register"),
    ("走访、宣传、纠纷与突发事件", "field_work"),
    ("补贴发放表", "grids_payroll"),  # after emergencies, so their worker days are paid in their own months
    ("志愿积分与积分超市", "points"),
)


def _step_fn(module: str) -> Callable[[DemoContext], None]:
    return importlib.import_module(f"{__name__}.{module}").fill


@dataclass(frozen=True)
class DemoResult:
    villages: int
    grids: int
    households: int
    residents: int


def grid_count(households: int) -> int:
    """About 12 grids for a village; district scale keeps the article's 1,072 grids per 150,000 households."""
    return max(12, round(households * 1072 / 150_000))


@writes
def generate_demo(store: Store, actor: Actor, households: int = DEFAULT_HOUSEHOLDS,
                  seed: int = DEFAULT_SEED, villages: int = 1, job: Job | None = None,
                  today: dt.date | None = None) -> DemoResult:
    """Fill an empty database (or one just initialised) with demo villages, in one transaction."""
    if not 1 <= households <= 2_000_000:
        raise ValidationError("户数", "应在 1 到 2,000,000 之间")
    if not 1 <= villages <= 500 or villages > households:
        raise ValidationError("村数", "应在 1 到 500 之间，且不多于户数")
    if village_repo.has_village_data(store):
        raise ConflictError("数据库中已有村庄数据（网格或农户），演示村只能生成到空数据库。")
    rng = random.Random(seed)
    today = today or clock.today()
    people = PeopleMaker(rng, today)
    total = {"grids": 0, "households": 0, "residents": 0}
    with store.transaction(holding=f"生成演示数据（{villages} 个村，{households} 户）"):
        home = village_repo.home_village_row(store)
        ctx = DemoContext(store, actor, rng, today, [], job=job)
        for v in range(villages):
            if v == 0 and home is not None:
                vid = home["id"]
            else:
                vid = _demo_village(store, actor, v, set_home=home is None and v == 0)
            ctx.village_ids.append(vid)
            n = households // villages + (1 if v < households % villages else 0)
            counts = _fill_village(ctx, vid, n, people, v, villages)
            for key in total:
                total[key] += counts[key]
        village_repo.mark_demo(store)  # the title bar and 系统设置 say so; 新建本村 leads out of it
        if villages > 1:  # a township-scale test database: its figures cover every village (services/scope.py)
            village_repo.mark_township_style(store)
        _office_cast(store, actor, ctx.village_ids[0])
        for i, (label, module) in enumerate(DEMO_STEPS):
            step(job, 0.8 + 0.2 * i / len(DEMO_STEPS), label)
            _step_fn(module)(ctx)
        _worker_user(store, actor, ctx.village_ids[0], ctx.today)
        store.audit(actor, "生成演示数据",
                    detail=f"{villages} 个村，{total['grids']} 个网格，{total['households']} 户，"
                           f"{total['residents']} 人（种子 {seed}）")
    step(job, 1.0, "演示数据已生成")
    return DemoResult(villages, **total)


def _demo_village(store: Store, actor: Actor, index: int, set_home: bool) -> str:
    code = f"{DEMO_TOWNSHIP[0][:9]}{201 + index:03d}"
    name = names.VILLAGE_NAMES[index % len(names.VILLAGE_NAMES)]
    if index >= len(names.VILLAGE_NAMES):
        name = name.replace("村", f"{index // len(names.VILLAGE_NAMES) + 1}村")
    vid = store.insert("villages", {"code": code, "name": name, "township_name": DEMO_TOWNSHIP[1],
                                    "township_code": DEMO_TOWNSHIP[0]}, actor, "生成演示村", name)
    if set_home:
        village_repo.set_home_village(store, code)
        store.insert("users", {"village_id": vid, "name": "演示管理员", "role": "head"}, actor)
    return vid


# The demo office: who signs payrolls and approves points (fixed ids, so the demo's records name them).
CAST = (("demo-approver", "王书记", "head"), ("demo-clerk", "赵文书", "clerk"), ("demo-reviewer", "李会计", "clerk"))
DEMO_WORKER_USER = "demo-worker"


def _office_cast(store: Store, actor: Actor, village_id: str) -> None:
    for uid, name, role in CAST:
        if user_repo.by_id(store, uid) is None:
            store.insert("users", {"id": uid, "village_id": village_id, "name": name, "role": role}, actor,
                         "新增使用人", f"{name}（演示）")


def _worker_user(store: Store, actor: Actor, village_id: str, today: dt.date) -> None:
    """One 网格员 who signs in: the current primary worker of the first grid, seeing only their grids."""
    row = user_repo.first_grids_worker(store, village_id, today.isoformat())
    if row is not None and user_repo.by_id(store, DEMO_WORKER_USER) is None:
        store.insert("users", {"id": DEMO_WORKER_USER, "village_id": village_id, "name": row["name"],
                               "role": "worker", "worker_id": row["id"]}, actor, "新增使用人", f"{row['name']}（网格员，演示）")


def _fill_village(ctx: DemoContext, village_id: str, n_households: int, people: PeopleMaker,
                  v_index: int, n_villages: int) -> dict[str, int]:
    store, rng = ctx.store, ctx.rng
    n_grids = grid_count(n_households) if n_villages == 1 else max(4, round(n_households / 50))
    grids: list[dict[str, Any]] = []
    seen: set[str] = set()
    for gi in range(n_grids):
        hamlet, unit, surname = names.HAMLETS[gi % len(names.HAMLETS)]
        name = hamlet if gi < len(names.HAMLETS) else names.HAMLET_PREFIXES[gi // len(names.HAMLETS) % 12] + hamlet
        while name in seen:
            name += "二"
        seen.add(name)
        grids.append({"id": new_id(), "village_id": village_id, "code": f"{gi + 1:02d}" if n_grids < 100 else f"{gi + 1:04d}",
                      "name": name, "natural_unit": unit, "area_km2": round(rng.uniform(0.18, 0.58), 2),
                      "bounds": f"东至{rng.choice('大河山林公路堰塘')}，西至{rng.choice('山梁水渠竹林村道')}",
                      "notes": "", "_surname": surname, "_group": f"{gi // 2 + 1}组"})
    store.insert_many("grids", [{k: v for k, v in g.items() if not k.startswith("_")} for g in grids], ctx.actor)
    ctx.grid_ids.extend(g["id"] for g in grids)

    # Households spread unevenly over grids, as hamlets differ in size.
    weights = [rng.uniform(0.6, 1.4) for _ in grids]
    grid_of = rng.choices(range(n_grids), weights=weights, k=n_households)
    for k in range(n_grids):  # no empty grid
        if k < n_households:
            grid_of[k] = k
    house_no = [0] * n_grids
    hh_rows, res_rows = [], []
    n_res = 0
    for i in range(n_households):
        g = grids[grid_of[i]]
        surname = g["_surname"] if rng.random() < 0.5 else people.any_surname()
        fam = people.family(surname)
        hid, head_id = new_id(), None
        house_no[grid_of[i]] += 1
        for p in fam.members:
            rid = new_id()
            head_id = head_id or rid
            res_rows.append({"id": rid, "household_id": hid, "name": p.name, "id_number": p.id_number,
                             "sex": p.sex, "birth_date": p.birth.isoformat(), "relation": p.relation,
                             "phone": p.phone, "residence_status": p.residence_status,
                             "party_member": p.party_member, "notes": ""})
        hh_rows.append({"id": hid, "grid_id": g["id"], "head_resident_id": head_id, "hamlet": g["name"],
                        "group_name": g["_group"], "house_number": f"{house_no[grid_of[i]]}号",
                        "phone": fam.members[0].phone, "status": "active", "notes": ""})
        if len(res_rows) >= 5000 or i == n_households - 1:
            store.insert_many("households", hh_rows, ctx.actor)
            store.insert_many("residents", res_rows, ctx.actor)
            ctx.household_ids.extend(h["id"] for h in hh_rows)
            n_res += len(res_rows)
            hh_rows, res_rows = [], []
            step(ctx.job, 0.8 * (v_index + (i + 1) / n_households) / n_villages,
                 f"正在生成第 {v_index + 1} 个村的农户：{i + 1}/{n_households}")
    return {"grids": n_grids, "households": n_households, "residents": n_res}
