"""A village with one office user of each role: TEST_ACTOR (head), a clerk, a worker of grid 01, a township admin."""

from typing import NamedTuple

import pytest

from tests.conftest import TEST_ACTOR, add_office_user
from tests.field_work.conftest import build_village
from tests.ui.conftest import make_window, messages  # noqa: F401  (fixtures used by the UI tests)
from villagedesk.domain.actor import Actor


class Office(NamedTuple):
    village: object
    head: Actor
    clerk: Actor
    worker: Actor
    township_admin: Actor

    def by_role(self, role: str) -> Actor:
        return getattr(self, role)


@pytest.fixture
def office(store) -> Office:
    v = build_village(store)
    clerk = add_office_user(store, "李会计", "clerk")
    worker = add_office_user(store, "赵网格", "worker", worker_id=v.workers[0])
    with store.transaction():  # a township admin account is made by the township, not by a village head
        uid = store.insert("users", {"village_id": v.village_id, "name": "镇管理员", "role": "township_admin"},
                           TEST_ACTOR, "新增使用人", "镇管理员")
    return Office(v, TEST_ACTOR, clerk, worker, Actor(uid, "镇管理员", "township_admin"))
