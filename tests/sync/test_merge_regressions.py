"""What the convergence test (test_convergence.py) found, each pinned by a small explicit case on two PCs."""

import dataclasses

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.test_round_trip import _pair, _send
from villagedesk.domain.errors import NotFoundError
from villagedesk.services import integrity
from villagedesk.services.points import goods, redemption, stock
from villagedesk.store.sync import rows


@pytest.fixture
def pcs(pv, tmp_path):
    """The small village on its primary PC and a second PC that took it from its first package, acks back."""
    second = _pair(pv.store, tmp_path)
    _send(pv.store, second, tmp_path)
    _send(second, pv.store, tmp_path)
    yield pv.store, second
    second.close()


def test_the_same_value_written_on_both_pcs_leaves_one_stamp_on_both(pcs, tmp_path):
    """The record's stamp (hlc, updated_at, updated_by) is the latest write's even when that write set the
    value the other PC already had; it used to stay at each PC's own write, so the rows differed."""
    primary, second = pcs
    hid = primary.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
    primary.update("households", hid, {"phone": "13900000001"}, TEST_ACTOR)
    second.update("households", hid, {"phone": "13900000001"}, TEST_ACTOR)  # the later stamp
    _send(primary, second, tmp_path)
    _send(second, primary, tmp_path)
    assert rows.get(primary, "households", hid) == rows.get(second, "households", hid)


def test_a_redemption_on_each_pc_gets_its_own_receipt_number_and_both_arrive(pv, tmp_path):
    """The second PC numbers its receipts in the series its primary PC handed it with the first package;
    both PCs used to number 2026-000001, and the second receipt's package could never be imported."""
    soap = goods.add_goods(pv.store, pv.admin, "肥皂", "块", 4, 3, 1)
    stock.stock_in(pv.store, pv.admin, soap.id, "purchase", 6, 18, "河东供销社")
    from tests.points.conftest import award

    award(pv, ["张大山"])
    primary, second = pv.store, _pair(pv.store, tmp_path)
    _send(primary, second, tmp_path)
    hid = pv.households[0]
    first = redemption.redeem(primary, TEST_ACTOR, hid, [(soap.id, 1)])
    other = redemption.redeem(second, TEST_ACTOR, hid, [(soap.id, 1)])
    assert first.number.count("-") == 1 and other.number.count("-") == 2 and other.number != first.number
    _send(second, primary, tmp_path)
    _send(primary, second, tmp_path)
    for store in (primary, second):
        assert {r[0] for r in store.query("SELECT number FROM redemptions")} == {first.number, other.number}
        assert integrity.check(store) == []
    second.close()


def test_the_same_grid_rotated_on_both_pcs_keeps_the_first_rotation_on_both(pv, tmp_path):
    """Two primary workers for one grid after the merge: the assignment made first stands on both PCs and the
    other is set aside alike (a tombstone listed for review); each PC used to keep its own, so they differed."""
    from tests.grids.helpers import make_worker
    from villagedesk.services.grids import rotation, workers
    from villagedesk.store.sync import packages as history

    grid = pv.grids[0]
    make_worker(pv.store, "周一", 101, grid_id=grid)
    second_worker, third_worker = make_worker(pv.store, "吴二", 103), make_worker(pv.store, "郑三", 105)
    primary, second = pv.store, _pair(pv.store, tmp_path)
    _send(primary, second, tmp_path)
    _send(second, primary, tmp_path)
    first = rotation.rotate(primary, TEST_ACTOR, grid, second_worker, "2026-11-30")
    later = rotation.rotate(second, TEST_ACTOR, grid, third_worker, "2026-11-30")
    _send(second, primary, tmp_path)
    _send(primary, second, tmp_path)
    stands, aside = sorted([first, later])
    for store in (primary, second):
        assert rows.dump(store)["grid_assignments"] == rows.dump(primary)["grid_assignments"]
        assert rows.get(store, "grid_assignments", stands)["deleted_at"] is None
        assert rows.get(store, "grid_assignments", aside)["deleted_at"] is not None
        assert workers.primary_worker_of(store, grid).id == rows.get(store, "grid_assignments", stands)["worker_id"]
        assert [(c["kind"], c["row_id"]) for c in history.open_conflicts(store)] == [("unique", aside)]
        assert integrity.check(store) == []
    second.close()


def test_a_snapshot_does_not_undo_a_field_its_sender_never_changed(pv, tmp_path):
    """A second snapshot (the primary has no ack yet) carries a resident whose phone the primary changed; the
    residence the second PC changed meanwhile stays. Fields the sender never set used to travel with the
    row's latest stamp, beat the second PC's own edit there, and the PCs ended with different residents."""
    from villagedesk.domain.register.resident import ResidentDraft
    from villagedesk.services.register import residents

    primary, second = pv.store, _pair(pv.store, tmp_path)
    rid = pv.residents["张小兵"]
    _send(primary, second, tmp_path)
    row = rows.get(second, "residents", rid)
    draft = ResidentDraft(row["name"], "510903197001012039", row["relation"], "", "living")
    residents.update_resident(second, TEST_ACTOR, rid, draft)  # id number made valid, back home from work away
    residents.update_resident(primary, TEST_ACTOR, rid, dataclasses.replace(draft, residence_status="working_away",
                                                                             phone="13900000002"))
    written, _ = _send(primary, second, tmp_path)
    assert written.snapshot
    _send(second, primary, tmp_path)
    assert rows.get(primary, "residents", rid) == rows.get(second, "residents", rid)
    assert rows.get(second, "residents", rid)["residence_status"] == "living"
    second.close()


def test_a_field_conflict_set_again_since_no_longer_names_an_old_value_as_kept(pv, tmp_path):
    """Both PCs change a phone (a conflict on each), then both change it again, the second PC later. The
    primary's new phone is newer than the first conflict's versions but older than the second PC's own new
    edit, so it did not settle that conflict there: it stayed open naming as kept a phone neither PC holds."""
    from villagedesk.store.sync import packages as history

    primary, second = pv.store, _pair(pv.store, tmp_path)
    _send(primary, second, tmp_path)
    _send(second, primary, tmp_path)
    hid = pv.households[0]
    for n, store in enumerate((primary, second, primary, second)):
        store.update("households", hid, {"phone": f"1390000000{n}"}, TEST_ACTOR)
        if n == 1:
            _send(primary, second, tmp_path)
            _send(second, primary, tmp_path)
    _send(primary, second, tmp_path)
    _send(second, primary, tmp_path)
    for store in (primary, second):
        assert rows.get(store, "households", hid)["phone"] == "13900000003"
        fields = [c for c in history.open_conflicts(store) if c["kind"] == "field"]
        assert all(c["kept"] == "13900000003" for c in fields), [dict(c) for c in fields]
    # the second PC still asks about its last edit against the primary's, which it overwrote unseen
    [left] = [c for c in history.open_conflicts(second) if c["kind"] == "field"]
    assert (left["kept"], left["lost"]) == ("13900000003", "13900000002")
    second.close()


def test_a_field_conflict_edited_again_on_this_pc_is_no_longer_offered_for_review(pcs, tmp_path):
    """A clerk edits the field again before the next import: the conflict no longer lists it, and keeping either
    version would have put an old value back over that edit; the next import closes it."""
    from villagedesk.services.sync import conflicts, status
    from villagedesk.store.sync import packages as history

    primary, second = pcs
    hid = primary.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
    primary.update("households", hid, {"phone": "13900000001"}, TEST_ACTOR)
    second.update("households", hid, {"phone": "13900000002"}, TEST_ACTOR)
    _send(second, primary, tmp_path)
    [c] = conflicts.open_conflicts(primary)
    primary.update("households", hid, {"phone": "13900000003"}, TEST_ACTOR)
    assert conflicts.open_conflicts(primary) == [] and "待处理冲突：0 处" in status.describe_status(
        status.status(primary))
    with pytest.raises(NotFoundError, match="之后又修改过"):
        conflicts.keep(primary, TEST_ACTOR, c.id, "lost")
    assert rows.get(primary, "households", hid)["phone"] == "13900000003"
    _send(primary, second, tmp_path)
    _send(second, primary, tmp_path)
    assert history.open_conflicts(primary) == history.open_conflicts(second) == []
    assert rows.get(second, "households", hid)["phone"] == "13900000003"


def test_one_identity_number_entered_in_two_households_on_two_pcs_is_set_aside_not_lost(pcs, tmp_path):
    """The same person added to one household on the primary and to another on the second PC: the import
    goes through (no abort), the resident entered first stands on both PCs, the other is kept as a tombstone
    and listed for review on both, so nothing vanishes and the PCs agree."""
    from tests.grids.helpers import id_number
    from villagedesk.domain.register.resident import ResidentDraft
    from villagedesk.services.register import residents
    from villagedesk.services.sync import conflicts

    primary, second = pcs
    one, other = primary.query("SELECT id FROM households ORDER BY id LIMIT 2")
    same = id_number("19900101", 731)
    first = residents.add_resident(primary, TEST_ACTOR, one["id"], ResidentDraft("陈小红", same, "child"))
    later = residents.add_resident(second, TEST_ACTOR, other["id"], ResidentDraft("陈小红", same, "child"))
    _, report = _send(second, primary, tmp_path)
    assert report.applied > 0 and report.conflicts == 1
    _send(primary, second, tmp_path)
    stands, aside = sorted([first, later])
    for store in (primary, second):
        assert rows.dump(store)["residents"] == rows.dump(primary)["residents"]
        assert rows.get(store, "residents", stands)["deleted_at"] is None
        assert rows.get(store, "residents", aside)["deleted_at"] is not None  # kept, set aside
        [listed] = conflicts.open_conflicts(store)
        assert (listed.kind, listed.row_id) == ("unique", aside)
        assert integrity.check(store) == []
