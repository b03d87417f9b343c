"""An identity number is unique within a village, not across the database: someone who moved out of one village
registers in another (a township import), while in one village a person is still in one household only."""

import sqlite3

import pytest

from tests.conftest import TEST_ACTOR as ACTOR
from tests.register.helpers import family, id_number
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.register.household import HouseholdDraft
from villagedesk.domain.register.resident import ResidentDraft
from villagedesk.services.register import households, residents
from villagedesk.store import open_store
from villagedesk.store.connection import APPLICATION_ID
from villagedesk.store.migrations import MIGRATIONS

LI_SI = id_number("1963-07-15", 1, "女")


@pytest.fixture
def other_grid(store):
    """A grid of a second village in the same database (a township-style file)."""
    with store.transaction():
        vid = store.insert("villages", {"code": "510903104202", "name": "石桥村", "township_name": "河东镇",
                                        "township_code": "510903104"}, ACTOR)
        return store.insert("grids", {"village_id": vid, "code": "01", "name": "石桥", "status": "active"}, ACTOR)


def _residents(store):
    return store.scalar("SELECT count(*) FROM residents")


def test_someone_registered_in_one_village_registers_in_another(store, grids, other_grid):
    households.add_household(store, ACTOR, HouseholdDraft(grids["张家湾"], "张家湾", "1", "12"),
                             family("张三", "李四", "张小五", 1))
    hid = households.add_household(store, ACTOR, HouseholdDraft(other_grid, "石桥", "3", "8"),
                                   [ResidentDraft("李四", LI_SI, "户主")])
    assert store.scalar("SELECT count(*) FROM residents WHERE id_number = ?", (LI_SI,)) == 2
    assert [name for _id, name, _rel in households.members(store, hid)] == ["李四"]


def test_within_a_village_the_number_is_still_refused_with_where_it_is(store, grids, other_grid):
    households.add_household(store, ACTOR, HouseholdDraft(grids["张家湾"], "张家湾", "1", "12"),
                             family("张三", "李四", "张小五", 1))
    other = households.add_household(store, ACTOR, HouseholdDraft(other_grid, "石桥", "3", "8"),
                                     [ResidentDraft("王五", id_number("1970-01-01", 9), "户主")])
    before = _residents(store)
    with pytest.raises(ValidationError) as exc:
        households.add_household(store, ACTOR, HouseholdDraft(grids["李家沟"], "李家沟", "2", "5"),
                                 [ResidentDraft("李四", LI_SI, "户主")])
    assert "已登记在 张三户（张家湾 1组 12号）的 李四 名下" in exc.value.message
    residents.add_resident(store, ACTOR, other, ResidentDraft("李四", LI_SI, "配偶"))  # the other village: taken
    with pytest.raises(ValidationError, match="一个人不能同时在两户"):
        residents.add_resident(store, ACTOR, other, ResidentDraft("李四", LI_SI, "女"))
    assert _residents(store) == before + 1


def test_the_database_keeps_the_rule_when_a_write_skips_the_service(store, grids, other_grid):
    hid = households.add_household(store, ACTOR, HouseholdDraft(grids["张家湾"], "张家湾", "1", "12"),
                                   family("张三", "李四", "张小五", 1))
    other = households.add_household(store, ACTOR, HouseholdDraft(other_grid, "石桥", "3", "8"),
                                     [ResidentDraft("李四", LI_SI, "户主")])
    row = {"name": "李四", "id_number": LI_SI, "sex": "女", "birth_date": "1963-07-15", "relation": "女"}
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"), store.transaction():  # sync's merge reads UNIQUE
        store.insert("residents", {"household_id": hid, **row}, ACTOR)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"), store.transaction():
        store.update("households", other, {"grid_id": grids["李家沟"]}, ACTOR)  # moved into the first village
    with store.transaction():  # a household moving within its own village is no clash
        store.update("households", hid, {"grid_id": grids["李家沟"]}, ACTOR)
    assert store.scalar("SELECT count(*) FROM residents WHERE id_number = ?", (LI_SI,)) == 2


def test_a_database_upgraded_to_0013_takes_the_same_person_in_a_second_village(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    old.execute("PRAGMA foreign_keys = ON")
    MIGRATIONS.apply(old, stop_before="0013_scope")
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute(f"PRAGMA user_version = {len(MIGRATIONS.applied_names(old))}")
    old.close()
    s = open_store(path)
    try:
        from villagedesk.services import village

        village.init_village(s, ACTOR, "510903104201", "桂花村", "河东镇", "测试员", user_id=ACTOR.user_id)
        from tests.register.helpers import add_grids

        grids = add_grids(s)
        with s.transaction():
            vid = s.insert("villages", {"code": "510903104202", "name": "石桥村", "township_name": "河东镇",
                                        "township_code": "510903104"}, ACTOR)
            other = s.insert("grids", {"village_id": vid, "code": "01", "name": "石桥", "status": "active"}, ACTOR)
        households.add_household(s, ACTOR, HouseholdDraft(grids["张家湾"], "张家湾", "1", "12"),
                                 family("张三", "李四", "张小五", 1))
        households.add_household(s, ACTOR, HouseholdDraft(other, "石桥", "3", "8"), [ResidentDraft("李四", LI_SI, "户主")])
        with pytest.raises(ValidationError, match="一个人不能同时在两户"):
            households.add_household(s, ACTOR, HouseholdDraft(grids["李家沟"], "李家沟", "2", "5"),
                                     [ResidentDraft("李四", LI_SI, "户主")])
        assert s.scalar("SELECT count(*) FROM residents WHERE id_number = ?", (LI_SI,)) == 2
    finally:
        s.close()
