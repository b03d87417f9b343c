"""The figures of `stats --json` for grids and workers, on the demo village and on records written out by hand."""

import json

from tests.conftest import TEST_ACTOR, payroll_office
from tests.grids.helpers import make_grid, make_worker
from villagedesk import cli
from villagedesk.domain.period import parse_period
from villagedesk.services import integrity, stats
from villagedesk.services.grids import evaluation, grids, payroll, reserve, stipends, training


def test_stats_json_on_the_demo_village(demo_store, capsys):
    path = str(demo_store.path)
    demo_store.close()
    assert cli.main(["stats", "--json", "--db", path]) == 0
    values = json.loads(capsys.readouterr().out)
    assert values["grids"] == 12
    by_source = values["workers_by_source"]
    assert set(by_source) == {"cadre", "auxiliary", "volunteer"} and all(by_source.values())
    assert sum(by_source.values()) == values["workers_active"] >= 11
    assert 0.3 <= values["worker_party_share"] <= 0.5
    assert values["workers_commended"] >= 1 and values["workers_replaced"] >= 1
    assert values["reserve_cadres"] >= 2 and values["trainings"] == 6
    # twelve locked months of stipends, 50–150 yuan per grid and month
    assert 12 * 12 * 50 * 0.9 <= values["stipends_paid_yuan"] <= 12 * 12 * 150
    assert values["emergency_subsidies_paid_yuan"] > 0
    assert cli.main(["check", "--db", path]) == 0 and capsys.readouterr().out.strip() == "ok"


def test_demo_history_has_rotations_evaluations_locked_payrolls_and_a_vacancy(demo_store):
    q = demo_store.scalar
    assert q("SELECT count(*) FROM grid_assignments WHERE end_date IS NOT NULL") >= 1
    assert q("SELECT count(*) FROM evaluations WHERE entered_by = 'township'") >= 30
    assert q("SELECT count(*) FROM payrolls WHERE status = 'locked'") == 12
    assert q("SELECT count(*) FROM payrolls WHERE status != 'locked'") == 0
    assert q("SELECT min(amount_fen) FROM stipend_tiers") >= 5000 and q("SELECT max(amount_fen) FROM stipend_tiers") <= 15000
    assert q("SELECT count(*) FROM training_attendance") >= 30
    assert integrity.check(demo_store) == []
    vacant = grids.vacancies(demo_store)
    assert len(vacant) == 1 and "考评调整" in vacant[0].reason


def test_kpis_follow_the_records_and_the_period(store):
    g1, g2 = make_grid(store, "上湾", "01", residents=150), make_grid(store, "下沟", "02", residents=60)
    a = make_worker(store, "张大山", 123, grid_id=g1, party=True, source="cadre")
    b = make_worker(store, "李秀英", 124, grid_id=g2, source="volunteer")
    make_worker(store, "王建国", 125, source="auxiliary", party=True)
    evaluation.save_rubric(store, TEST_ACTOR, "细则", evaluation.default_items())
    evaluation.evaluate(store, TEST_ACTOR, a, "2026-Q2", [30, 20, 20, 15, 15], "commend", reason="表现突出",
                        evaluated_on="2026-07-03")
    evaluation.evaluate(store, TEST_ACTOR, b, "2026-Q3", [5, 5, 5, 5, 5], "replace", "unfit", "不胜任",
                        evaluated_on="2026-10-09")
    reserve.admit(store, TEST_ACTOR, a, "2026-08-01", "考评优秀")
    training.add_session(store, TEST_ACTOR, "2026-05-10", "防汛", 2, worker_ids=[a])
    training.add_session(store, TEST_ACTOR, "2026-10-10", "调解", 2, worker_ids=[a])
    stipends.save_tier_table(store, TEST_ACTOR, "2026-01", [(0, 99, 50), (100, "", 80)])
    stipends.set_subsidy_rate(store, TEST_ACTOR, "flood", 60, "2026-01-01")
    stipends.add_service_day(store, TEST_ACTOR, a, "2026-09-02", "flood")
    payroll_office(store).lock_month(store, "2026-09")
    payroll.compute_payroll(store, TEST_ACTOR, "2026-10")  # a draft: not paid yet

    all_time = stats.compute_stats(store)
    # active: 张 and 王 (李 was replaced); party: both → 1.0
    assert (all_time["workers_active"], all_time["worker_party_share"]) == (2, 1.0)
    assert all_time["workers_by_source"] == {"cadre": 1, "auxiliary": 1, "volunteer": 0}
    assert (all_time["workers_commended"], all_time["workers_replaced"], all_time["reserve_cadres"]) == (1, 1, 1)
    assert all_time["trainings"] == 2
    # September, locked: 张 80 (150 people) + 李 50 (60 people) = 130 yuan; one flood day 60 yuan
    assert (all_time["stipends_paid_yuan"], all_time["emergency_subsidies_paid_yuan"]) == (130.0, 60.0)
    q3 = stats.compute_stats(store, parse_period("2026-Q3"))
    assert (q3["workers_commended"], q3["workers_replaced"], q3["trainings"]) == (1, 0, 0)
    assert q3["stipends_paid_yuan"] == 130.0
    october = stats.compute_stats(store, parse_period("2026-10"))
    assert (october["workers_replaced"], october["trainings"], october["stipends_paid_yuan"]) == (1, 1, 0.0)
    assert stats.compute_stats(store, parse_period("2026-07"))["reserve_cadres"] == 0


def test_with_the_payroll_step_last_every_emergency_day_is_paid_in_its_own_month(db_path, monkeypatch):
    import datetime as dt

    from villagedesk.services import demo
    from villagedesk.store import open_store

    monkeypatch.setattr(demo, "DEMO_STEPS", demo.DEMO_STEPS + (("补贴发放表", "grids_payroll"),))
    s = open_store(db_path, create=True)
    demo.generate_demo(s, TEST_ACTOR, households=120, today=dt.date(2026, 11, 30))
    unpaid = s.scalar("""SELECT count(*) FROM emergency_service_days d JOIN payrolls p ON p.month = substr(d.day, 1, 7)
        WHERE p.status = 'locked' AND d.deleted_at IS NULL AND NOT EXISTS (
          SELECT 1 FROM payroll_paid_days pd WHERE pd.service_day_id = d.id AND pd.payroll_id = p.id)""")
    paid_from_emergencies = s.scalar("""SELECT count(*) FROM payroll_paid_days pd JOIN emergency_service_days d
        ON d.id = pd.service_day_id WHERE d.source = 'emergency'""")
    assert unpaid == 0 and paid_from_emergencies > 0
    assert s.scalar("SELECT count(*) FROM payrolls WHERE status = 'locked'") == 12
    assert integrity.check(s) == []
    s.close()
