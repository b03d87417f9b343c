"""A small village for field-work tests: two grids, three households each, a worker per grid, one key-population household."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from tests.conftest import TEST_ACTOR
from tests.ui.conftest import make_window, messages  # noqa: F401  (fixtures of the page tests)
from villagedesk.domain import clock
from villagedesk.domain.identity import check_digit
from villagedesk.domain.ids import new_id
from villagedesk.services.village import home_village_id


def id_number(seq: int, birth: str = "19600101") -> str:
    first17 = f"510903{birth}{seq:03d}"
    return first17 + check_digit(first17)


@dataclass
class Village:
    store: object
    village_id: str
    grids: list[str] = field(default_factory=list)
    grid_names: list[str] = field(default_factory=list)
    households: list[list[str]] = field(default_factory=list)  # per grid
    heads: dict[str, str] = field(default_factory=dict)  # household -> head resident
    head_names: dict[str, str] = field(default_factory=dict)
    workers: list[str] = field(default_factory=list)  # primary worker of each grid
    worker_names: list[str] = field(default_factory=list)

    @property
    def key_household(self) -> str:
        """The household with an elderly resident living alone (a key population)."""
        return self.households[0][0]


HEADS = [["王德福", "李秀英", "张国强"], ["陈长林", "刘桂兰", "杨志明"]]


def build_village(store) -> Village:
    v = Village(store, home_village_id(store))
    seq = 1
    with store.transaction():
        for g, (code, name) in enumerate((("01", "上湾"), ("02", "下沟"))):
            gid = store.insert("grids", {"village_id": v.village_id, "code": code, "name": name}, TEST_ACTOR)
            v.grids.append(gid)
            v.grid_names.append(name)
            v.households.append([])
            for n, head in enumerate(HEADS[g], 1):
                hid, rid = new_id(), new_id()
                store.insert("households", {"id": hid, "grid_id": gid, "head_resident_id": rid, "hamlet": name,
                                            "group_name": f"{g + 1}组", "house_number": f"{n}号",
                                            "phone": f"1380000{seq:04d}"}, TEST_ACTOR)
                store.insert("residents", {"id": rid, "household_id": hid, "name": head,
                                           "id_number": id_number(seq), "sex": "男" if seq % 2 else "女",
                                           "birth_date": "1960-01-01", "relation": "户主"}, TEST_ACTOR)
                v.households[g].append(hid)
                v.heads[hid] = rid
                v.head_names[hid] = head
                seq += 2
            wname = ("赵网格", "孙网格")[g]
            wid = store.insert("workers", {"village_id": v.village_id, "name": wname,
                                           "id_number": id_number(500 + g, "19800101"), "sex": "男",
                                           "birth_date": "1980-01-01", "source": "cadre",
                                           "appointed_on": "2025-01-01"}, TEST_ACTOR)
            store.insert("grid_assignments", {"grid_id": gid, "worker_id": wid, "role": "primary",
                                              "start_date": "2025-01-01"}, TEST_ACTOR)
            v.workers.append(wid)
            v.worker_names.append(wname)
        store.insert("resident_categories", {"resident_id": v.heads[v.key_household], "category": "elderly_alone",
                                             "since": "2020-01-01"}, TEST_ACTOR)
    return v


@pytest.fixture
def village(store) -> Village:
    return build_village(store)


def at(days_ago: float = 0, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A time `days_ago` days before today, at hour:minute."""
    day = clock.today() - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time(hour, minute))
