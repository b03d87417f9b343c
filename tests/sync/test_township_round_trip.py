"""Two PCs of a village and its township round-trip a month of the village's work through package files:
at the township `stats --json --village CODE` equals the village's own, and its totals add the villages up."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.township import ADMIN, cli_stats, demo_village, pair, send, township_node
from villagedesk.domain import clock
from villagedesk.domain.field_work.visits import VisitDraft
from villagedesk.domain.register.household import HouseholdDraft
from villagedesk.services import integrity, village
from villagedesk.services.field_work import visits
from villagedesk.services.points import receipts, redemption
from villagedesk.services.register import households
from villagedesk.store import open_store

CODE = "510903104201"
ADDITIVE = ("grids", "households", "residents", "workers_active", "visits", "notices", "disputes", "emergencies",
            "activities", "points_awarded", "points_redeemed", "points_outstanding", "redemptions",
            "goods_value_issued_yuan", "stipends_paid_yuan", "emergency_subsidies_paid_yuan",
            "key_population_residents", "trainings", "reserve_cadres", "disputes_escalated")


@pytest.fixture
def office(tmp_path):
    """The village's primary PC (a small demo village up to 31 October), its second PC, the township."""
    primary = demo_village(tmp_path / "guihua-a.db")
    second = open_store(tmp_path / "guihua-b.db", create=True)
    township = township_node(tmp_path / "township.db")
    pair(primary, TEST_ACTOR, second, TEST_ACTOR, tmp_path)
    pair(primary, TEST_ACTOR, township, ADMIN, tmp_path)
    yield primary, second, township
    for s in (primary, second, township):
        s.close()


def _visit(store, day: int, n: int) -> None:
    household, worker = store.conn.execute(
        "SELECT household_id, worker_id FROM visits WHERE out_of_grid_reason = '' ORDER BY visited_at, id"
        " LIMIT 1 OFFSET ?", (n,)).fetchone()
    visits.record_visit(store, TEST_ACTOR, VisitDraft(worker, household, dt.datetime(2026, 11, day, 10),
                                                      "in_person", "info"))


def _new_phone(store, n: int, phone: str) -> str:
    h = store.conn.execute("SELECT * FROM households ORDER BY id LIMIT 1 OFFSET ?", (n,)).fetchone()
    households.update_household(store, TEST_ACTOR, h["id"], HouseholdDraft(h["grid_id"], h["hamlet"], h["group_name"],
                                                                          h["house_number"], phone, h["notes"]))
    return h["id"]


def _redeem(store) -> None:
    goods_id, price = store.conn.execute(
        "SELECT id, points_price FROM goods WHERE deleted_at IS NULL ORDER BY points_price LIMIT 1").fetchone()
    household = store.scalar("SELECT household_id FROM point_entries GROUP BY household_id"
                             " HAVING SUM(delta) >= ? ORDER BY household_id LIMIT 1", (price,))
    redemption.redeem(store, TEST_ACTOR, household, [(goods_id, 1)], at="2026-11-20T09:30:00")


def test_a_month_of_two_pcs_work_reaches_the_township_and_its_figures_equal_the_village_s(office, tmp_path,
                                                                                         capsys):
    primary, second, township = office
    clock.pin(dt.datetime(2026, 10, 31, 18, 0))
    send(primary, TEST_ACTOR, second, TEST_ACTOR, tmp_path)  # the second PC takes the village
    _, first = send(primary, TEST_ACTOR, township, ADMIN, tmp_path)  # registered: its first package, a snapshot
    assert first.snapshot and first.counts["households"]["new"] == 30
    send(township, ADMIN, primary, TEST_ACTOR, tmp_path)  # the township's acks
    send(second, TEST_ACTOR, primary, TEST_ACTOR, tmp_path)

    for day in (3, 10, 17, 24):  # November: both PCs record visits, edit households; a redemption at the counter
        clock.pin(dt.datetime(2026, 11, day, 17, 0))
        _visit(primary, day, day)
        _visit(second, day, day + 1)
    edited_on_second = _new_phone(second, 2, "13900000002")
    _new_phone(primary, 3, "13900000003")
    _redeem(primary)

    clock.pin(dt.datetime(2026, 11, 30, 17, 0))  # the month's end: the second PC's work to the primary, then up
    send(second, TEST_ACTOR, primary, TEST_ACTOR, tmp_path)
    written, report = send(primary, TEST_ACTOR, township, ADMIN, tmp_path)
    assert not written.snapshot and report.applied >= 10 and report.conflicts == 0
    send(township, ADMIN, primary, TEST_ACTOR, tmp_path)
    send(primary, TEST_ACTOR, second, TEST_ACTOR, tmp_path)

    assert township.scalar("SELECT phone FROM households WHERE id = ?", (edited_on_second,)) == "13900000002"
    for period in ((), ("--period", "2026-11")):
        village_figures = cli_stats(primary, *period, capsys=capsys)
        assert cli_stats(township, "--village", CODE, *period, capsys=capsys) == village_figures
        assert cli_stats(second, *period, capsys=capsys) == village_figures
    november = cli_stats(township, "--period", "2026-11", capsys=capsys)
    assert november["visits"] == 8 and november["redemptions"] >= 1
    for s in office:
        assert integrity.check(s) == []
    # the receipt printed at the village counter is found at the township by the village code its QR carries
    done = primary.scalar("SELECT id FROM redemptions WHERE at LIKE '2026-11-20%'")
    r = receipts.receipt(primary, done)
    assert receipts.verify(township, r.qr_text).startswith(f"兑换凭证 {r.number} 真实有效")


def test_the_township_s_totals_add_its_villages_up_and_recompute_their_rates(tmp_path, capsys):
    township = township_node(tmp_path / "township.db")
    villages = [demo_village(tmp_path / "guihua.db"),
                demo_village(tmp_path / "shiqiao.db", "510903104202", "石桥村", households=24, seed=11)]
    try:
        for v in villages:
            pair(v, TEST_ACTOR, township, ADMIN, tmp_path)
            send(v, TEST_ACTOR, township, ADMIN, tmp_path)
        own = [cli_stats(v, capsys=capsys) for v in villages]
        total = cli_stats(township, capsys=capsys)
        assert [cli_stats(township, "--village", c, capsys=capsys) for c in ("510903104201", "510903104202")] == own
        for key in ADDITIVE:
            assert total[key] == pytest.approx(own[0][key] + own[1][key]), key
        assert total["workers_by_source"] == {k: own[0]["workers_by_source"][k] + own[1]["workers_by_source"][k]
                                              for k in own[0]["workers_by_source"]}
        rate = total["insurance_enrolment_rate"]  # from the records of both villages, weighted, not averaged
        assert min(o["insurance_enrolment_rate"] for o in own) <= rate <= max(o["insurance_enrolment_rate"] for o in own)
        assert integrity.check(township) == []
        assert village.home_village(township) is None  # it serves no village: each one's package only comes in
        assert [a.name for a in village.office_users(township)] == [ADMIN.name]
        written, back = send(township, ADMIN, villages[0], TEST_ACTOR, tmp_path)  # down: the acks, no other village
        assert not written.snapshot and back.applied == 0
        assert villages[0].scalar("SELECT group_concat(code) FROM villages") == "510903104201"
    finally:
        for s in (township, *villages):
            s.close()
