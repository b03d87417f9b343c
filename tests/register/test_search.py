"""One search box: names, pinyin initials and full pinyin, surname readings, identity tail, phone, address."""

import pytest

from tests.conftest import TEST_ACTOR as ACTOR
from tests.register.helpers import id_number
from villagedesk.domain import clock
from villagedesk.domain.register.household import HouseholdDraft
from villagedesk.domain.register.pinyin_keys import name_keys
from villagedesk.domain.register.resident import ResidentDraft
from villagedesk.services.register import households, residents, search

PEOPLE = [  # (grid, house, head, spouse)
    ("张家湾", "1", "张三", "李秀英"), ("李家沟", "2", "单雄信", "曾国芳"), ("王家院", "3", "解缙", "区小红"),
    ("杨家院", "4", "仇英", "朴志敏"),
]


@pytest.fixture
def village(store, grids):
    ids = {}
    for i, (grid, house, head, spouse) in enumerate(PEOPLE):
        hid = households.add_household(store, ACTOR, HouseholdDraft(grids[grid], grid, "1", house, ""), [
            ResidentDraft(head, id_number("1960-01-0" + str(i + 1), i), "户主", f"1380000{i:04d}"),
            ResidentDraft(spouse, id_number("1962-02-0" + str(i + 1), i, "女"), "配偶")])
        ids[head] = hid
    return ids


def names(hits):
    return [h.name for h in hits]


@pytest.mark.parametrize("typed, found", [
    ("zs", "张三"), ("zhangsan", "张三"), ("zhangs", "张三"), ("张", "张三"), ("张三", "张三"), ("san", "张三"),
    ("shan", "单雄信"), ("dan", "单雄信"), ("sxx", "单雄信"),  # 单 is shàn as a surname, found by dān too
    ("zeng", "曾国芳"), ("zgf", "曾国芳"), ("xie", "解缙"), ("xj", "解缙"), ("ou", "区小红"), ("oxh", "区小红"),
    ("qiu", "仇英"), ("qy", "仇英"), ("piao", "朴志敏"), ("pzm", "朴志敏"), ("ＺＳ", "张三"), (" zs ", "张三"),
])
def test_found_by_name_pinyin_and_surname_reading(store, village, typed, found):
    assert found in names(search.search(store, typed, actor=ACTOR))


def test_surname_readings_come_first_and_common_surnames_are_not_misread():
    assert "shanxiongxin" in name_keys("单雄信") and "zengguofang" in name_keys("曾国芳")
    assert not any(k.startswith("shan") for k in name_keys("邓春昌"))  # 邓 is only dèng as a surname


def test_found_by_identity_tail_and_phone(store, village):
    number = store.scalar("SELECT id_number FROM residents WHERE name = '区小红'")
    hits = search.search(store, number[-4:], actor=ACTOR)
    assert "区小红" in names(hits)
    hit = next(h for h in hits if h.name == "区小红")
    assert (hit.kind, hit.id_tail, hit.address, hit.grid_name) == ("resident", number[-4:], "王家院 1组 3号", "王家院")
    assert names(search.search(store, "13800000003", actor=ACTOR)) == ["仇英"]
    assert "仇英" in names(search.search(store, "0003", actor=ACTOR))  # the phone's tail


def test_found_by_address_as_a_household(store, village):
    hits = search.search(store, "杨家院1组4号", actor=ACTOR)
    assert [(h.kind, h.name, h.household_id) for h in hits] == [("household", "仇英", village["仇英"])]
    assert {h.name for h in search.search(store, "王家院", actor=ACTOR)} >= {"解缙"}
    assert names(search.search(store, "zs 张家湾", actor=ACTOR)) == ["张三"]
    assert search.search(store, "zs 王家院", actor=ACTOR) == []


def test_grid_filter_and_people_no_longer_here(store, village, grids):
    assert names(search.search(store, "zs", actor=ACTOR, grid_id=grids["李家沟"])) == []
    rid = next(r for r, n, _ in households.members(store, village["张三"]) if n == "李秀英")
    view = residents.resident_view(store, ACTOR, rid)
    residents.update_resident(store, ACTOR, rid, ResidentDraft(view.name, view.id_number, "配偶", "", "deceased"))
    assert "李秀英" not in names(search.search(store, "lxy", actor=ACTOR))
    assert "李秀英" in names(search.search(store, "lxy", actor=ACTOR, include_inactive=True))


def test_keys_follow_edits_and_changes_that_arrive_without_the_services(store, village):
    rid = households.members(store, village["张三"])[0][0]
    view = residents.resident_view(store, ACTOR, rid)
    residents.update_resident(store, ACTOR, rid, ResidentDraft("张山峰", view.id_number, "户主"))
    assert "张山峰" in names(search.search(store, "zsf", actor=ACTOR)) and search.search(store, "zhangshan", actor=ACTOR)[0].name == "张山峰"
    # A sync import writes rows directly; triggers mark them and the next search brings the keys up to date.
    store.conn.execute("UPDATE residents SET name = '王小明' WHERE id = ?", (rid,))
    assert names(search.search(store, "wxm", actor=ACTOR)) == ["王小明"]
    assert search.search(store, "zsf", actor=ACTOR) == []


def test_nothing_typed_finds_nothing(store, village):
    assert search.search(store, "", actor=ACTOR) == [] and search.search(store, "   ", actor=ACTOR) == [] and search.search(store, "!!", actor=ACTOR) == []


def test_members_follow_their_household_to_another_grid_and_out_of_the_register(store, village, grids):

    households.move_household(store, ACTOR, village["张三"], grids["李家沟"])
    assert names(search.search(store, "zs", actor=ACTOR, grid_id=grids["李家沟"])) == ["张三"]
    assert search.search(store, "zs", actor=ACTOR, grid_id=grids["张家湾"]) == []
    households.set_household_status(store, ACTOR, village["张三"], "moved_away", "迁往成都", clock.today())
    assert search.search(store, "zs", actor=ACTOR) == [] and search.search(store, "lxy", actor=ACTOR) == []
    assert names(search.search(store, "zs", actor=ACTOR, include_inactive=True)) == ["张三"]


def test_a_household_hit_shows_its_head_after_a_rename_or_a_new_head(store, village):
    hid = village["仇英"]
    head = households.members(store, hid)[0][0]
    view = residents.resident_view(store, ACTOR, head)
    residents.update_resident(store, ACTOR, head, ResidentDraft("仇大英", view.id_number, "户主"))
    assert [(h.kind, h.name) for h in search.search(store, "杨家院1组4号", actor=ACTOR)] == [("household", "仇大英")]
    spouse = households.members(store, hid)[1][0]
    households.set_head(store, ACTOR, hid, spouse)
    hit = search.search(store, "杨家院1组4号", actor=ACTOR)[0]
    assert hit.name == "朴志敏" and hit.id_tail == store.scalar(
        "SELECT substr(id_number, -4) FROM residents WHERE id = ?", (spouse,))


def test_the_usual_reading_ranks_before_rare_ones(store, grids):
    households.add_household(store, ACTOR, HouseholdDraft(grids["张家湾"], "张家湾", "1", "40"), [
        ResidentDraft("张平", id_number("1970-01-01", 50), "户主"),
        ResidentDraft("李长生", id_number("1971-01-01", 51), "其他"),
        ResidentDraft("张斌", id_number("1995-01-01", 52), "子")])
    assert names(search.search(store, "zhangb", actor=ACTOR)) == ["张斌", "张平"]  # 平 is also read bēng/bìng: found, ranked after
    assert names(search.search(store, "lichangsheng", actor=ACTOR)) == ["李长生"]  # 长生 reads cháng shēng in a name
    assert names(search.search(store, "lizhangsheng", actor=ACTOR)) == ["李长生"]


def test_keys_made_by_an_older_scheme_are_recomputed(store, village):
    assert names(search.search(store, "zs", actor=ACTOR)) == ["张三"]
    store.conn.execute("DELETE FROM register_search_terms")  # the local index, as an older version left it
    store.conn.execute("UPDATE settings SET value = '1' WHERE key = 'register_search_keys'")
    assert names(search.search(store, "zs", actor=ACTOR)) == ["张三"]
    assert store.scalar("SELECT value FROM settings WHERE key = 'register_search_keys'") == "2"
