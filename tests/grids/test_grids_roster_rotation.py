"""Grids, the roster and rotation through the services: what is stored, and each refusal changes nothing."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR
from tests.grids.helpers import id_number, make_grid, make_worker
from villagedesk.domain.errors import ValidationError
from villagedesk.services.grids import grids, rotation, workers


def _counts(store):
    return {t: store.scalar(f"SELECT count(*) FROM {t}") for t in ("grids", "workers", "grid_assignments")}


def test_create_edit_retire_grid_and_area_figures(store):
    a = make_grid(store, "上湾", "01", residents=120, area=0.57)
    make_grid(store, "竹林沟", "02", residents=80, area=0.17)
    summary = grids.area_summary(store)
    assert (summary.grids, summary.total_km2, summary.mean_km2) == (2, 0.74, 0.37)
    grids.edit_grid(store, TEST_ACTOR, a, "01", "上湾院", "院", "0.5", "东至大河", "", "", "130")
    row = grids.get_grid(store, a)
    assert (row.name, row.natural_unit, row.area_km2, row.residents, row.from_register) == ("上湾院", "院", 0.5, 130, False)
    assert [g.name for g in grids.grid_table(store, search="竹林")] == ["竹林沟"]
    assert [g.name for g in grids.grid_table(store, unit="院")] == ["上湾院"]
    assert grids.next_code(store) == "03"
    grids.retire_grid(store, TEST_ACTOR, a, "2026-11-01", "并入竹林沟")
    assert [g.name for g in grids.grid_table(store)] == ["竹林沟"]
    assert [g.name for g in grids.grid_table(store, status="retired")] == ["上湾院"]
    assert grids.area_summary(store).grids == 1


@pytest.mark.parametrize("kwargs, field", [
    ({"area_km2": "0"}, "面积（平方公里）"), ({"area_km2": "abc"}, "面积（平方公里）"), ({"name": ""}, "网格名称"),
    ({"code": "01"}, "网格编号"), ({"name": "上湾"}, "网格名称"), ({"natural_unit": "村"}, "自然单元"),
    ({"manual_residents": "-3"}, "人口")])
def test_bad_grid_input_names_the_field_and_changes_nothing(store, kwargs, field):
    make_grid(store, "上湾", "01")
    before = _counts(store)
    args = {"code": "02", "name": "下沟", "natural_unit": "沟", "area_km2": "0.3", **kwargs}
    with pytest.raises(ValidationError) as err:
        grids.create_grid(store, TEST_ACTOR, **args)
    assert err.value.field == field
    assert _counts(store) == before


def test_worker_sex_and_birth_come_from_the_identity_number(store):
    wid = make_worker(store, "李秀英", seq=124, birth="19790512", party=True, source="volunteer")
    row = workers.roster(store, TEST_ACTOR)[0]
    assert (row.id, row.sex, row.birth_date, row.party_member, row.source_label) == (
        wid, "女", "1979-05-12", True, "热心党员（群众）")
    assert row.id_number_masked == "510903********1243"[:6] + "********" + id_number("19790512", 124)[-4:]


def test_a_wrong_check_digit_is_refused_and_nothing_is_stored(store):
    good = id_number("19800101", 123)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError) as err:
        workers.add_worker(store, TEST_ACTOR, "张大山", bad, "", False, "cadre", "", "2026-01-01")
    assert err.value.field == "身份证号" and "校验位" in err.value.message
    assert _counts(store)["workers"] == 0


def test_the_same_person_twice_is_refused(store):
    make_worker(store)
    with pytest.raises(ValidationError) as err:
        make_worker(store, "张大山")
    assert err.value.field == "身份证号" and "已在花名册" in err.value.message


def test_rotation_keeps_history_and_refuses_a_date_before_the_holder_started(store):
    grid = make_grid(store)
    a = make_worker(store, "张大山", 123, grid_id=grid, appointed="2026-03-01")
    b = make_worker(store, "李秀英", 124, appointed="2026-01-01")
    before = _counts(store)
    with pytest.raises(ValidationError) as err:
        rotation.rotate(store, TEST_ACTOR, grid, b, "2026-02-28")
    assert err.value.field == "轮换日期" and "2026-03-01" in err.value.message and "张大山" in err.value.message
    assert _counts(store) == before
    rotation.rotate(store, TEST_ACTOR, grid, b, "2026-07-01", "定期轮换")
    history = [(h["worker_name"], h["start_date"], h["end_date"]) for h in
               store.query("SELECT w.name AS worker_name, a.start_date, a.end_date FROM grid_assignments a"
                           " JOIN workers w ON w.id = a.worker_id ORDER BY a.start_date")]
    assert history == [("张大山", "2026-03-01", "2026-07-01"), ("李秀英", "2026-07-01", None)]
    assert workers.primary_worker_of(store, grid, dt.date(2026, 6, 30)).id == a


def test_rotating_a_worker_from_another_grid_leaves_that_grid_vacant(store):
    up, down = make_grid(store, "上湾", "01"), make_grid(store, "下沟", "02")
    make_worker(store, "张大山", 123, grid_id=up)
    b = make_worker(store, "李秀英", 124, grid_id=down)
    rotation.rotate(store, TEST_ACTOR, up, b, "2026-05-01")
    assert [v.grid_name for v in grids.vacancies(store)] == ["下沟"]
    assert workers.primary_worker_of(store, up, dt.date(2026, 5, 1)).name == "李秀英"


def test_a_worker_who_leaves_ends_their_grid(store):
    grid = make_grid(store)
    a = make_worker(store, grid_id=grid)
    workers.set_status(store, TEST_ACTOR, a, "left", "2026-09-30", "外出务工")
    assert workers.roster(store, TEST_ACTOR)[0].status_label == "已离任"
    assert [v.grid_name for v in grids.vacancies(store)] == ["上湾"]
    with pytest.raises(ValidationError):
        workers.set_status(store, TEST_ACTOR, a, "active", "2026-10-01", "")


def test_retiring_a_grid_with_a_worker_is_refused(store):
    grid = make_grid(store)
    make_worker(store, grid_id=grid)
    with pytest.raises(ValidationError) as err:
        grids.retire_grid(store, TEST_ACTOR, grid, "2026-11-01", "并组")
    assert "在岗网格员" in err.value.message
    assert grids.get_grid(store, grid).status == "active"


def test_counts_switch_to_the_register_and_follow_its_changes(store):
    grid = make_grid(store, residents=150)
    assert (grids.get_grid(store, grid).residents, grids.get_grid(store, grid).from_register) == (150, False)
    with store.transaction():
        hid = store.insert("households", {"grid_id": grid, "house_number": "1号"}, TEST_ACTOR)
        rid = store.insert("residents", {"household_id": hid, "name": "王大", "id_number": id_number("19700101", 11),
                                         "sex": "男", "birth_date": "1970-01-01"}, TEST_ACTOR)
        store.update("households", hid, {"head_resident_id": rid}, TEST_ACTOR)
    row = grids.grid_table(store)[0]
    assert (row.households, row.residents, row.from_register) == (1, 1, True)
    with store.transaction():
        store.insert("residents", {"household_id": hid, "name": "王二", "id_number": id_number("19720101", 12),
                                   "sex": "女", "birth_date": "1972-01-01"}, TEST_ACTOR)
    assert grids.grid_table(store)[0].residents == 2  # the cached count noticed the change
    store.conn.execute("UPDATE residents SET residence_status = 'moved_out' WHERE id = ?", (rid,))
    assert grids.grid_table(store)[0].residents == 1


def test_a_roster_line_carries_every_field_in_its_place(store):
    from villagedesk.services.grids import reserve

    gid = make_grid(store, "上湾", "01")
    wid = workers.add_worker(store, TEST_ACTOR, "张大山", id_number("19800101", 123), "13800001111", True, "cadre",
                             "大专", "2026-01-01", "兼任村会计", grid_id=gid)
    reserve.admit(store, TEST_ACTOR, wid, "2026-02-01", "年轻有干劲")
    row = workers.roster(store, TEST_ACTOR)[0]
    assert (row.id, row.name, row.sex, row.birth_date, row.phone, row.party_member, row.source, row.education,
            row.appointed_on, row.status, row.status_reason, row.grid_id, row.grid_name, row.reserve, row.notes) == (
        wid, "张大山", "男", "1980-01-01", "138****1111", True, "cadre", "大专",
        "2026-01-01", "active", "", gid, "上湾", True, "兼任村会计")
    assert row.id_number_masked == id_number("19800101", 123)[:6] + "********" + id_number("19800101", 123)[-4:]


def test_the_roster_masks_phones_and_only_who_keeps_it_opens_a_worker_in_full(store):
    """The list masks the phone like the register; the edit form (管理网格和网格员) has the number in full."""
    from tests.conftest import add_office_user
    from villagedesk.domain.errors import PermissionDenied

    wid = workers.add_worker(store, TEST_ACTOR, "张大山", id_number("19800101", 123), "13800001111", True, "cadre",
                             "大专", "2026-01-01")
    worker = add_office_user(store, "周网格", "worker", worker_id=wid)
    clerk = add_office_user(store, "李文书", "clerk")
    assert [w.phone for w in workers.roster(store, worker)] == ["138****1111"]
    full = workers.get_worker(store, clerk, wid)
    assert (full["phone"], full["id_number"]) == ("13800001111", id_number("19800101", 123))
    for claimed in (worker, worker._replace(role="head")):  # the role is the store's, not the caller's
        with pytest.raises(PermissionDenied, match="只有书记/主任、文书/会计可以管理网格和网格员"):
            workers.get_worker(store, claimed, wid)
