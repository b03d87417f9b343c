"""A small village for the points tests: two grids, three households with known members, rules and goods."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from tests.conftest import TEST_ACTOR
from tests.ui.conftest import make_window, messages  # noqa: F401 (the page tests use the UI fixtures)
from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.ids import new_id
from villagedesk.services import village
from villagedesk.services.points import goods, rules, stock

TODAY = clock.today()


@dataclass
class Village:
    store: object
    admin: Actor
    clerk: Actor
    grids: list[str]
    households: list[str]
    residents: dict[str, str]  # name -> id
    earn: object
    deduct: object
    rice: object
    oil: object


def _people(store):
    """Households 张家 (grid 1: 张大山 head, 李秀英), 王家 (grid 1: 王小明), 赵家 (grid 2: 赵一)."""
    vid = village.home_village_id(store)
    grids = [new_id(), new_id()]
    store.insert_many("grids", [{"id": g, "village_id": vid, "code": f"0{i + 1}", "name": n}
                                for i, (g, n) in enumerate(zip(grids, ("张家湾", "李家沟"), strict=True))],
                      TEST_ACTOR)
    families = [(grids[0], "1号", [("张大山", "户主", "living"), ("李秀英", "配偶", "living"),
                                   ("张小兵", "子", "working_away")]),
                (grids[0], "2号", [("王小明", "户主", "living")]),
                (grids[1], "1号", [("赵一", "户主", "living")])]
    households, residents = [], {}
    for n, (grid, number, members) in enumerate(families):
        hid = new_id()
        ids = [new_id() for _ in members]
        store.insert_many("households", [{"id": hid, "grid_id": grid, "head_resident_id": ids[0],
                                          "hamlet": "张家湾" if grid == grids[0] else "李家沟",
                                          "house_number": number}], TEST_ACTOR)
        store.insert_many("residents", [{"id": rid, "household_id": hid, "name": name,
                                         "id_number": f"5109031980010{n}{i:03d}X", "sex": "男",
                                         "birth_date": "1980-01-01", "relation": rel, "residence_status": status}
                                        for i, (rid, (name, rel, status)) in enumerate(zip(ids, members, strict=True))],
                          TEST_ACTOR)
        households.append(hid)
        residents.update({name: rid for rid, (name, _r, _s) in zip(ids, members, strict=True)})
    return grids, households, residents


@pytest.fixture
def pv(store) -> Village:
    return small_village(store)


def small_village(store) -> Village:
    """The points tests' village on an initialised store (the sync convergence test builds one per example)."""
    with store.transaction():
        grids, households, residents = _people(store)
    admin = village.office_users(store)[0]
    store.insert("users", {"village_id": village.home_village_id(store), "name": "李会计", "role": "clerk"},
                 TEST_ACTOR)
    clerk_id = store.scalar("SELECT id FROM users WHERE name = '李会计'")
    year_start = TODAY.replace(month=1, day=1) - dt.timedelta(days=400)
    earn = rules.add_rule(store, admin, "环境卫生整治", "earn", 10, year_start)
    deduct = rules.add_rule(store, admin, "乱倒垃圾", "deduct", 5, year_start)
    rice = goods.add_goods(store, admin, "大米（10kg）", "袋", 30, 55, 2)
    oil = goods.add_goods(store, admin, "菜籽油（5L）", "桶", 50, 78, 1)
    stock.stock_in(store, admin, rice.id, "donation", 5, 275, "县慈善会")
    stock.stock_in(store, admin, oil.id, "purchase", 2, 156, "河东供销社")
    return Village(store, admin, Actor(clerk_id, "李会计"), grids, households, residents, earn, deduct, rice, oil)


def award(pv: Village, names: list[str], title: str = "河道清理", day: dt.date | None = None) -> str:
    """Run an activity through notice, approval and posting; returns its id."""
    from villagedesk.services.points import activities

    s = pv.store
    # the clerk registers it, the head approves it: an activity's approver is never its creator
    aid = activities.create_activity(s, pv.clerk, title, pv.earn.id, day or TODAY, [pv.grids[0]])
    activities.add_participants(s, pv.admin, aid, [pv.residents[n] for n in names])
    activities.publish_notice(s, pv.admin, aid, TODAY)
    activities.approve(s, pv.admin, aid)
    activities.post(s, pv.admin, aid)
    return aid


def snapshot(store) -> tuple:
    """What a refused operation must leave unchanged."""
    return tuple(store.scalar(f"SELECT count(*) FROM {t}") for t in (
        "point_entries", "stock_movements", "redemptions", "redemption_items", "activities",
        "activity_participants", "change_log")) + (
        tuple(tuple(r) for r in store.query("SELECT household_id, balance FROM point_balances ORDER BY 1")),
        store.scalar("SELECT group_concat(status) FROM activities"))
