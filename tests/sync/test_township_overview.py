"""辖区总览 at a township node holding 20 villages' packages: the township's totals equal the sums of the
villages' own `stats --json` to the last point and fen, its rates are recomputed from the records, and
`stats --json --village CODE` there equals each village's own."""

import contextlib
import io
import json
import time

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.township import ADMIN, TOWNSHIP, demo_village, pair, send, township_node
from villagedesk import cli

VILLAGES = 20
CODES = [f"5109031042{i:02d}" for i in range(1, VILLAGES + 1)]
NAMES = ["桂花村", "石桥村", "白马村", "青龙村", "柳湾村", "杨柳村", "金竹村", "红岩村", "松林村", "双河村",
         "新华村", "永兴村", "长滩村", "凤凰村", "龙泉村", "太平村", "和平村", "高峰村", "清水村", "大湾村"]
COUNTS = ("grids", "households", "residents", "workers_active", "workers_commended", "workers_replaced",
          "reserve_cadres", "trainings", "key_population_residents", "visits", "notices", "disputes",
          "disputes_escalated", "emergencies", "activities", "points_awarded", "points_redeemed",
          "points_outstanding", "redemptions")
MONEY = ("goods_value_issued_yuan", "stipends_paid_yuan", "emergency_subsidies_paid_yuan")
RATES = ("worker_party_share", "insurance_enrolment_rate", "follow_up_rate", "mediation_success_rate",
         "initial_response_success_rate")
PERIODS = ((), ("--period", "2026-10"))
pytestmark = pytest.mark.slow  # 20 demo villages: ~13 s on an idle 2-core machine, 20–28 s when it is shared


@pytest.fixture(scope="module")
def township_of_20(tmp_path_factory):
    """20 small demo villages (3–6 households, distinct codes and seeds), each exporting its first package to
    the township, which imports them all; each village's own `stats --json` taken on its own PC."""
    folder = tmp_path_factory.mktemp("twenty")
    started = time.perf_counter()
    township = township_node(folder / "township.db")
    own: dict[str, dict] = {}
    for i, (code, name) in enumerate(zip(CODES, NAMES, strict=True)):
        village = demo_village(folder / f"v{i:02d}.db", code, name, households=3 + i % 4, seed=100 + i)
        pair(village, TEST_ACTOR, township, ADMIN, folder)
        send(village, TEST_ACTOR, township, ADMIN, folder)
        own[code] = {p: _stats(village, *p) for p in PERIODS}
        village.close()
    print(f"20 villages built and imported in {time.perf_counter() - started:.1f} s")
    yield township, own
    township.close()


def _cli_json(store, *args: str) -> dict:
    """`villagedesk-cli … --json` on a store's file, its printed JSON read back (module fixtures have no capsys)."""
    store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["--db", str(store.path), *args]) == 0
    return json.loads(out.getvalue())


def _stats(store, *args: str) -> dict:
    return _cli_json(store, "stats", "--json", *args)


@pytest.mark.parametrize("period", PERIODS, ids=["all-records", "2026-10"])
def test_the_township_s_totals_are_the_sums_of_its_20_villages_own_stats(township_of_20, period):
    township, own = township_of_20
    villages = [own[c][period] for c in CODES]
    view = _cli_json(township, "township", "overview", "--json", *period)
    total = view["township"]["stats"]
    assert (view["township"]["code"], view["township"]["name"]) == (TOWNSHIP[0], "河东镇合计")
    assert [(v["code"], v["name"]) for v in view["villages"]] == list(zip(CODES, NAMES, strict=True))
    assert [v["stats"] for v in view["villages"]] == villages  # each column is that village's own figures
    assert total == _stats(township, *period)  # the total column is the township's stats --json
    for key in COUNTS:
        assert total[key] == sum(v[key] for v in villages), key
    for key in MONEY:  # to the fen
        assert round(total[key] * 100) == sum(round(v[key] * 100) for v in villages), key
    assert total["workers_by_source"] == {s: sum(v["workers_by_source"][s] for v in villages)
                                          for s in ("cadre", "auxiliary", "volunteer")}
    party = sum(round(v["worker_party_share"] * v["workers_active"]) for v in villages)
    assert total["worker_party_share"] == round(party / total["workers_active"], 4)  # recomputed, weighted
    for key in RATES:
        known = [v[key] for v in villages if v[key] is not None]
        assert (total[key] is None) == (not known), key
        if known:
            assert min(known) <= total[key] <= max(known), key
    assert total["visits"] > 0 and total["households"] == sum(3 + i % 4 for i in range(VILLAGES))


def test_stats_for_one_village_at_the_township_equals_that_village_s_own(township_of_20):
    township, own = township_of_20
    for code in CODES:
        for period in PERIODS:
            assert _stats(township, "--village", code, *period) == own[code][period], code


def test_the_district_package_of_the_20_villages_names_nobody_and_its_figures_are_the_township_s(
        township_of_20, tmp_path):
    """区县汇总包 (issue 17): decrypted and unzipped, it holds no resident's identity number, name or phone and no
    household's id or phone; imported at the district, `stats --json` there equals the township's."""
    from tests.sync.test_district import CHIEF, _district
    from villagedesk.domain.period import parse_period
    from villagedesk.services.district import importing, package
    from villagedesk.services.sync import pairing
    from villagedesk.sync import envelope, receive

    township, _own = township_of_20
    district = _district(tmp_path / "district.db")
    try:
        pair(township, ADMIN, district, CHIEF, tmp_path)
        written = package.export_district_package(township, ADMIN, parse_period("2026-10"), tmp_path)
        opened = envelope.open_package(written.path.read_bytes(), pairing.keys(district),
                                       lambda n: receive.sender_key(district, n, "x"), written.path.name)
        inside = [json.dumps(opened.manifest, ensure_ascii=False)] + [b.decode() for b in opened.members.values()]
        text = "".join(inside)
        secrets = {v for r in township.query("SELECT name, id_number, phone FROM residents") for v in r}
        secrets |= {v for r in township.query("SELECT id, phone FROM households") for v in r}
        secrets.discard("")
        assert len(secrets) > 200
        assert sorted(s for s in secrets if s in text) == []
        assert len(json.loads(opened.members["aggregates.json"])["villages"]) == VILLAGES
        assert importing.import_district_package(district, CHIEF, written.path).outcome == "new"
        assert _stats(district, "--period", "2026-10") == _stats(township, "--period", "2026-10")
    finally:
        district.close()
