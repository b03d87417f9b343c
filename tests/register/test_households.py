"""Households and residents: add with members, the refusals (each leaves everything as it was), moves, status."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR as ACTOR
from tests.register.helpers import family, id_number, wrong_check
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.domain.register.household import HouseholdDraft
from villagedesk.domain.register.resident import ResidentDraft
from villagedesk.services.register import households, residents


def _counts(store):
    return tuple(store.scalar(f"SELECT count(*) FROM {t}") for t in
                 ("households", "residents", "household_moves", "resident_categories", "change_log"))


def _add(store, grids, grid="张家湾", house="12", seq=1):
    return households.add_household(store, ACTOR, HouseholdDraft(grids[grid], " 张家湾 ", "1", house, ""),
                                    family("张三", "李四", "张小五", seq))


def test_a_household_with_three_members_derives_birth_sex_and_label(store, grids):
    hid = _add(store, grids)
    assert households.household_label(store, hid) == "张三户 · 张家湾 1组 12号"
    assert [(name, rel) for _id, name, rel in households.members(store, hid)] == [
        ("张三", "户主"), ("李四", "配偶"), ("张小五", "子")]
    view = households.household_view(store, ACTOR, hid, today=dt.date(2026, 11, 30))
    assert [(m.sex, m.age) for m in view.members] == [("男", 65), ("女", 63), ("男", 36)]
    assert view.members[2].residence_label == "外出务工"
    assert store.scalar("SELECT birth_date FROM residents WHERE name = '李四'") == "1963-07-15"


@pytest.mark.parametrize("people, field, words", [
    ([ResidentDraft("张三", id_number("1961-03-02", 1), "配偶")], "户主", "还没有户主"),
    ([ResidentDraft("张三", id_number("1961-03-02", 1), "户主"), ResidentDraft("张四", id_number("1962-03-02", 2), "户主")],
     "户主", "第 1、2 位成员都填了户主"),
    ([ResidentDraft("张三", id_number("1961-03-02", 1), "户主"), ResidentDraft("李四", id_number("1961-03-02", 1), "配偶")],
     "第 2 位成员的身份证号", "与第 1 位成员相同"),
    ([ResidentDraft("张三", wrong_check(id_number("1961-03-02", 1)), "户主")], "第 1 位成员的身份证号", "校验位"),
    ([ResidentDraft("张3", id_number("1961-03-02", 1), "户主")], "第 1 位成员的姓名", "不像姓名"),
    ([], "家庭成员", "至少"),
])
def test_bad_members_are_named_and_nothing_is_written(store, grids, people, field, words):
    before = _counts(store)
    with pytest.raises(ValidationError) as exc:
        households.add_household(store, ACTOR, HouseholdDraft(grids["张家湾"], "张家湾"), people)
    assert exc.value.field == field and words in exc.value.message
    assert _counts(store) == before


def test_a_person_cannot_be_in_two_households(store, grids):
    _add(store, grids)
    before = _counts(store)
    twice = [ResidentDraft("王五", id_number("1970-01-01", 9), "户主"), ResidentDraft("李四", id_number("1963-07-15", 1, "女"), "配偶")]
    with pytest.raises(ValidationError) as exc:
        households.add_household(store, ACTOR, HouseholdDraft(grids["李家沟"], "李家沟", "2", "5"), twice)
    assert exc.value.field == "第 2 位成员的身份证号"
    assert "已登记在 张三户（张家湾 1组 12号）的 李四 名下" in exc.value.message
    assert _counts(store) == before
    hid = store.scalar("SELECT id FROM households")
    with pytest.raises(ValidationError, match="一个人不能同时在两户"):
        residents.add_resident(store, ACTOR, hid, ResidentDraft("李四", id_number("1963-07-15", 1, "女"), "女"))
    assert _counts(store) == before


def test_retired_grid_and_taken_address_are_refused(store, grids):
    with pytest.raises(ValidationError, match="老村委.*已撤销"):
        households.add_household(store, ACTOR, HouseholdDraft(grids["老村委"], "老村委"), family("甲乙", "丙丁", "戊己", 5))
    _add(store, grids)
    before = _counts(store)
    with pytest.raises(ConflictError, match="张家湾 1组 12号 已有在册农户（张三户）"):
        households.add_household(store, ACTOR, HouseholdDraft(grids["张家湾"], "张家湾", "1组", "12号"),
                                 family("王大", "刘二", "王三", 20))
    assert _counts(store) == before


def test_move_to_another_grid_keeps_history_and_a_retired_grid_is_refused(store, grids):
    hid = _add(store, grids)
    households.move_household(store, ACTOR, hid, grids["李家沟"], dt.date(2026, 5, 1), "新房建成")
    view = households.household_view(store, ACTOR, hid)
    assert view.grid_name == "李家沟"
    assert [(m.moved_on, m.from_grid, m.to_grid, m.reason) for m in view.moves] == [
        ("2026-05-01", "张家湾", "李家沟", "新房建成")]
    before = _counts(store)
    with pytest.raises(ValidationError) as exc:
        households.move_household(store, ACTOR, hid, grids["老村委"])
    assert exc.value.field == "迁入网格" and "已撤销" in exc.value.message
    with pytest.raises(ValidationError, match="已在“李家沟”网格中"):
        households.move_household(store, ACTOR, hid, grids["李家沟"])
    assert _counts(store) == before
    assert households.household_view(store, ACTOR, hid).grid_name == "李家沟"


def test_status_change_needs_a_reason_and_a_household_that_left_cannot_move(store, grids):
    hid = _add(store, grids)
    with pytest.raises(ValidationError, match="必须填写原因"):
        households.set_household_status(store, ACTOR, hid, "moved_away", "  ", dt.date(2026, 6, 1))
    assert households.household_view(store, ACTOR, hid).status == "active"
    households.set_household_status(store, ACTOR, hid, "moved_away", "全家迁往成都", dt.date(2026, 6, 1))
    view = households.household_view(store, ACTOR, hid)
    assert (view.status_label, view.status_reason, view.status_date) == ("已迁出", "全家迁往成都", "2026-06-01")
    with pytest.raises(ConflictError, match="只有在册农户可以迁移网格"):
        households.move_household(store, ACTOR, hid, grids["李家沟"])


def test_new_head_and_editing_a_member(store, grids):
    hid = _add(store, grids)
    son = next(rid for rid, name, _ in households.members(store, hid) if name == "张小五")
    households.set_head(store, ACTOR, hid, son)
    assert households.household_label(store, hid).startswith("张小五户")
    assert dict((n, r) for _i, n, r in households.members(store, hid))["张三"] == "其他"
    view = residents.resident_view(store, ACTOR, son)
    with pytest.raises(ValidationError, match="此人是户主"):
        residents.update_resident(store, ACTOR, son, ResidentDraft(view.name, view.id_number, "子"))
    residents.update_resident(store, ACTOR, son, ResidentDraft("张晓武", view.id_number, "户主", "13912345678"))
    assert residents.resident_view(store, ACTOR, son).name == "张晓武"


def test_categories_keep_history(store, grids):
    hid = _add(store, grids)
    rid = households.members(store, hid)[0][0]
    residents.set_categories(store, ACTOR, rid, ["subsistence", "disabled"], dt.date(2026, 1, 1))
    residents.set_categories(store, ACTOR, rid, ["disabled"], dt.date(2026, 9, 1))
    assert residents.resident_view(store, ACTOR, rid).categories == ("disabled",)
    rows = store.query("SELECT category, since, until FROM resident_categories ORDER BY category")
    assert [tuple(r) for r in rows] == [("disabled", "2026-01-01", None), ("subsistence", "2026-01-01", "2026-09-01")]
    with pytest.raises(ValidationError, match="重点人群"):
        residents.set_categories(store, ACTOR, rid, ["rich"])


def test_a_person_moves_into_another_household(store, grids):
    a = _add(store, grids)
    b = _add(store, grids, "李家沟", "30", seq=40)
    daughter_in_law = households.members(store, a)[1][0]
    residents.transfer_resident(store, ACTOR, daughter_in_law, b, "儿媳")
    assert ("李四", "儿媳") in [(n, r) for _i, n, r in households.members(store, b)]
    assert "李四" not in [n for _i, n, _r in households.members(store, a)]
    head_a = households.members(store, a)[0][0]
    with pytest.raises(ConflictError, match="请先为原户另设户主"):
        residents.transfer_resident(store, ACTOR, head_a, b, "其他")


def test_a_key_population_or_an_enrolment_dated_after_today_is_refused(store, grids):
    from villagedesk.services.register import insurance
    rid = households.members(store, _add(store, grids))[0][0]
    later = dt.date(2026, 12, 18)  # the suite day is 2026-11-30
    with pytest.raises(ValidationError) as err:
        residents.set_categories(store, ACTOR, rid, ["disabled"], later)
    assert err.value.field == "认定日期" and "晚于今天" in err.value.message
    with pytest.raises(ValidationError) as err:
        insurance.set_enrolment(store, ACTOR, rid, 2026, "enrolled", later)
    assert err.value.field == "登记日期" and "晚于今天" in err.value.message
    assert store.scalar("SELECT count(*) FROM resident_categories") == 0
    assert store.scalar("SELECT count(*) FROM insurance_enrolments") == 0
