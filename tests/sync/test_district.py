"""Up to the district (issue 17): a township's 区县汇总包 carries aggregates only — no identity number, name,
phone or household id of anyone — and a district node that imports its townships' packages shows the same
figures to the point and the fen, its total the townships' sum with rates recomputed."""

import datetime as dt
import hashlib
import io
import json

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.township import ADMIN, demo_village, pair, send, sign_off
from villagedesk import cli
from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.period import parse_period
from villagedesk.services.district import importing, package
from villagedesk.services.district import node as district_node
from villagedesk.services.sync import packages, pairing
from villagedesk.services.township import node as township_node
from villagedesk.store import open_store
from villagedesk.store.sync import peers
from villagedesk.sync import envelope, receive

DISTRICT = ("510903000000", "船山区")
CHIEF = Actor("district-admin", "李区干", "township_admin")
HEDONG, HEXI = ("510903104000", "河东镇"), ("510903105000", "河西镇")
OCTOBER = parse_period("2026-10")
EXPORTED = dt.datetime(2026, 11, 8, 10, 0)
COUNTS = ("grids", "households", "residents", "workers_active", "visits", "notices", "disputes", "emergencies",
          "activities", "points_awarded", "points_redeemed", "points_outstanding", "redemptions", "trainings",
          "key_population_residents", "disputes_escalated", "reserve_cadres", "workers_commended",
          "workers_replaced")
MONEY = ("goods_value_issued_yuan", "stipends_paid_yuan", "emergency_subsidies_paid_yuan")
RATES = ("worker_party_share", "insurance_enrolment_rate", "follow_up_rate", "mediation_success_rate",
         "initial_response_success_rate")


def _township(path, code, name):
    s = open_store(path, create=True)
    township_node.init_township(s, TEST_ACTOR, code, name, ADMIN.name, user_id=ADMIN.user_id)
    return s


def _district(path):
    s = open_store(path, create=True)
    district_node.init_district(s, TEST_ACTOR, *DISTRICT, CHIEF.name, user_id=CHIEF.user_id)
    return s


def _json(store, *args):
    store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        assert cli.main(["--db", str(store.path), *args]) == 0
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    """河东镇 with two small demo villages (one sent its October set up), 河西镇 with one; both registered at
    船山区, each writing its October package, imported there. Keys live in one folder for the module."""
    folder = tmp_path_factory.mktemp("district")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VILLAGEDESK_KEYS", str(folder / "keys"))
        hedong, hexi, d = _township(folder / "hd.db", *HEDONG), _township(folder / "hx.db", *HEXI), \
            _district(folder / "district.db")
        for town, villages in ((hedong, (("510903104201", "桂花村", 4, 1), ("510903104202", "石桥村", 3, 2))),
                               (hexi, (("510903105201", "柳湾村", 5, 3),))):
            for code, name, households, seed in villages:
                v = demo_village(folder / f"{code}.db", code, name, households=households, seed=seed)
                pair(v, TEST_ACTOR, town, ADMIN, folder)
                if code.endswith("201"):
                    sign_off(v, folder, 2)
                clock.pin(dt.datetime(2026, 11, 7, 17, 0))
                send(v, TEST_ACTOR, town, ADMIN, folder)
                v.close()
            pair(town, ADMIN, d, CHIEF, folder)
        clock.pin(EXPORTED)
        written = {t: package.export_district_package(t, ADMIN, OCTOBER, folder) for t in (hedong, hexi)}
        clock.pin(None)
        for w in written.values():
            importing.import_district_package(d, CHIEF, w.path)
        yield {"hedong": hedong, "hexi": hexi, "district": d, "written": written, "folder": folder}
        for s in (hedong, hexi, d):
            s.close()


def _held(store) -> str:
    """What a district import may change: the settings (its packages), the audit trail's length."""
    rows = store.query("SELECT key, value FROM settings ORDER BY key")
    return hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest() + \
        str(store.scalar("SELECT count(*) FROM audit_log"))


def test_the_district_s_figures_equal_its_townships_to_the_point_and_fen(district):
    d, hedong, hexi = district["district"], district["hedong"], district["hexi"]
    towns = {c: _json(t, "stats", "--json", "--period", "2026-10") for c, t in ((HEDONG[0], hedong), (HEXI[0], hexi))}
    view = _json(d, "township", "overview", "--json", "--period", "2026-10")
    assert (view["township"]["code"], view["township"]["name"], view["unit"]) == ("510903000000", "船山区合计", "乡镇")
    assert [(c["code"], c["name"]) for c in view["villages"]] == [HEDONG, HEXI]
    assert [c["stats"] for c in view["villages"]] == [towns[HEDONG[0]], towns[HEXI[0]]]  # each township as it is
    total = view["township"]["stats"]
    assert total == _json(d, "stats", "--json", "--period", "2026-10")  # stats --json at the district
    assert list(total) == list(towns[HEDONG[0]])  # in the contract's order, as a township's
    both = list(towns.values())
    for key in COUNTS:
        assert total[key] == sum(t[key] for t in both), key
    for key in MONEY:
        assert round(total[key] * 100) == sum(round(t[key] * 100) for t in both), key
    assert total["workers_by_source"] == {s: sum(t["workers_by_source"][s] for t in both)
                                          for s in ("cadre", "auxiliary", "volunteer")}
    party = sum(round(t["worker_party_share"] * t["workers_active"]) for t in both)
    assert total["worker_party_share"] == round(party / total["workers_active"], 4)  # weighted, not averaged
    for key in RATES:
        known = [t[key] for t in both if t[key] is not None]
        assert (total[key] is None) == (not known), key
        if known:
            assert min(known) <= total[key] <= max(known), key
    assert total["households"] == 12 and total["visits"] > 0


def _opened(district, written):
    d = district["district"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VILLAGEDESK_KEYS", str(district["folder"] / "keys"))
        return envelope.open_package(written.path.read_bytes(), pairing.keys(d),
                                     lambda n: receive.sender_key(d, n, "x"), written.path.name)


def test_the_package_carries_no_identity_number_name_phone_or_household_id(district):
    town = district["hedong"]
    opened = _opened(district, district["written"][town])
    # everything inside, decrypted and unzipped: the manifest and every member
    text = json.dumps(opened.manifest, ensure_ascii=False) + "".join(b.decode("utf-8") for b in opened.members.values())
    assert opened.manifest["township_code"] == HEDONG[0] and opened.manifest["period"] == "2026-10"
    assert opened.manifest["sha256"] == hashlib.sha256(opened.members["aggregates.json"]).hexdigest()
    carried = json.loads(opened.members["aggregates.json"])
    assert [v["code"] for v in carried["villages"]] == ["510903104201", "510903104202"]
    assert {r["report_key"] for r in carried["reports"]}  # the set 桂花村 sent up travels as figures
    secrets = set()
    for r in town.query("SELECT name, id_number, phone FROM residents"):
        secrets |= {r["name"], r["id_number"], r["phone"]}
    for r in town.query("SELECT id, phone FROM households"):
        secrets |= {r["id"], r["phone"]}
    for r in town.query("SELECT name, id_number, phone FROM workers"):
        secrets |= {r["name"], r["id_number"], r["phone"]}
    secrets |= {r["id"] for r in town.query("SELECT id FROM residents")}
    secrets.discard("")
    assert len(secrets) > 30
    assert [s for s in secrets if s in text] == []


def test_the_same_package_twice_changes_nothing_and_a_newer_one_replaces_it(district):
    d, hedong, folder = district["district"], district["hedong"], district["folder"]
    first = district["written"][hedong]
    before = _held(d)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VILLAGEDESK_KEYS", str(folder / "keys"))
        assert importing.import_district_package(d, CHIEF, first.path).outcome == "same"
        assert _held(d) == before
        clock.pin(EXPORTED + dt.timedelta(days=1))
        (folder / "later").mkdir(exist_ok=True)
        newer = package.export_district_package(hedong, ADMIN, OCTOBER, folder / "later")
        clock.pin(None)
        assert importing.import_district_package(d, CHIEF, newer.path).outcome == "replaced"
        after = _held(d)
        assert after != before
        assert importing.import_district_package(d, CHIEF, first.path).outcome == "older"  # the older one later
        assert _held(d) == after
    view = _json(d, "township", "overview", "--json", "--period", "2026-10")
    assert [c["code"] for c in view["villages"]] == [HEDONG[0], HEXI[0]]  # still one column per township
    held = _json(d, "district-packages", "--json")
    assert [(h["period"], h["township_code"], h["created_at"][:10]) for h in held] == [
        ("2026-10", HEDONG[0], "2026-11-09"), ("2026-10", HEXI[0], "2026-11-08")]  # the newer 河东镇 one kept


def test_a_tampered_package_is_refused_in_chinese_and_changes_nothing(district, tmp_path):
    d = district["district"]
    data = bytearray(district["written"][district["hexi"]].path.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "改过的.vddist"
    bad.write_bytes(bytes(data))
    before = _held(d)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VILLAGEDESK_KEYS", str(district["folder"] / "keys"))
        with pytest.raises(VillageDeskError) as refused:
            importing.import_district_package(d, CHIEF, bad)
    assert "“改过的.vddist”" in refused.value.message and "未导入任何内容" in refused.value.message
    assert _held(d) == before
    # figures altered and sealed again by someone without 河西镇's signing key, claiming to be 河西镇
    opened = _opened(district, district["written"][district["hexi"]])
    body = json.loads(opened.members["aggregates.json"])
    body["total"]["stats"]["households"] += 100
    forged = json.dumps(body, ensure_ascii=False).encode()
    from villagedesk.sync.keys import load_or_create

    impostor = load_or_create(district["hexi"].node_id, tmp_path / "impostor-keys")
    manifest = {k: v for k, v in opened.manifest.items() if k not in ("format", "sender", "members")}
    bad.write_bytes(envelope.seal(impostor, pairing.own(d).recipient, {**manifest, "sha256": hashlib.sha256(
        forged).hexdigest()}, {"aggregates.json": forged}))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VILLAGEDESK_KEYS", str(district["folder"] / "keys"))
        with pytest.raises(VillageDeskError) as refused:
            importing.import_district_package(d, CHIEF, bad)
    assert "签名无效" in refused.value.message and _held(d) == before


def test_a_township_outside_the_district_is_refused_by_name_and_audited(district, tmp_path):
    d, folder = district["district"], district["folder"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VILLAGEDESK_KEYS", str(folder / "keys"))
        far = _township(tmp_path / "far.db", "511002104000", "远山镇")
        reg = pairing.own(far)
        with pytest.raises(VillageDeskError) as no_pair:  # the district does not register it ...
            pairing.pair(d, CHIEF, reg)
        assert "不以本区县的 510903 开头" in no_pair.value.message
        mine = pairing.own(d)  # ... and an old township that skipped its own check writes one anyway
        with far.transaction():
            peers.add(far, {**mine._asdict(), "fingerprint": mine.fingerprint}, ADMIN.name)
        out = tmp_path / "out"
        out.mkdir()
        w = package.export_district_package(far, ADMIN, OCTOBER, out)
        far.close()
        before = d.query("SELECT key, value FROM settings ORDER BY key")
        with pytest.raises(VillageDeskError) as refused:
            importing.import_district_package(d, CHIEF, w.path)
    assert "远山镇" in refused.value.message and "511002104000" in refused.value.message
    assert "不是本区县的乡镇" in refused.value.message
    assert d.query("SELECT key, value FROM settings ORDER BY key") == before
    last = d.query("SELECT action, detail FROM audit_log ORDER BY rowid DESC LIMIT 1")[0]
    assert last["action"] == "拒绝区县汇总包" and "远山镇" in last["detail"]


def test_a_village_pc_cannot_write_a_district_package(tmp_path, capsys):
    v = demo_village(tmp_path / "v.db", households=3)
    v.close()
    assert cli.main(["--db", str(tmp_path / "v.db"), "district-export", "--period", "2026-10",
                     "--out", str(tmp_path)]) == 1
    assert "只有乡镇节点才能生成区县汇总包" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.vddist"))


def test_a_sync_package_is_not_a_district_package_and_the_reverse(district, tmp_path):
    d = district["district"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VILLAGEDESK_KEYS", str(district["folder"] / "keys"))
        with pytest.raises(VillageDeskError) as wrong:
            packages.import_file(d, CHIEF, district["written"][district["hexi"]].path)
    assert "district-import" in wrong.value.message
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VILLAGEDESK_KEYS", str(district["folder"] / "keys"))
        sync_package = packages.export_for(district["hexi"], ADMIN, d.node_id, tmp_path)
        rows = envelope.open_package(sync_package.path.read_bytes(), pairing.keys(d),
                                     lambda n: receive.sender_key(d, n, "x"), "x").members
        assert rows.get("snapshot.jsonl", b"") == b"" and rows["changes.jsonl"] == b""  # no village row either way
        before = _held(d)
        with pytest.raises(VillageDeskError) as reverse:
            importing.import_district_package(d, CHIEF, sync_package.path)
    assert "是同步包，不是乡镇的区县汇总包" in reverse.value.message and _held(d) == before


def test_a_township_with_no_district_registered_is_told_to_register_one(tmp_path):
    lone = _township(tmp_path / "lone.db", *HEXI)
    try:
        with pytest.raises(VillageDeskError) as refused:
            package.export_district_package(lone, ADMIN, OCTOBER, tmp_path)
    finally:
        lone.close()
    assert "尚未登记本乡镇所属的区县节点" in refused.value.message and not list(tmp_path.glob("*.vddist"))


@pytest.mark.parametrize(("code", "says"), [
    ("510903104000", "最后 6 位应为 000000"),
    ("5109", "现在是 4 位"),
    ("990900", "前两位“99”不是有效的省级代码"),
])
def test_a_bad_district_code_is_refused_naming_the_field(tmp_path, capsys, code, says):
    db = tmp_path / "d.db"
    assert cli.main(["init", "--db", str(db), "--district-code", code, "--district-name", "船山区"]) == 1
    err = capsys.readouterr().err
    assert "区县区划代码" in err and says in err and not db.exists()


def test_init_makes_a_district_node(tmp_path, capsys):
    db = tmp_path / "d.db"
    assert cli.main(["init", "--db", str(db), "--district-code", "510903", "--district-name", "船山区",
                     "--user", "李区干"]) == 0
    assert "已初始化区县节点：船山区（510903000000）" in capsys.readouterr().out
    s = open_store(db)
    try:
        assert township_node.node_role(s) == "district"
        assert district_node.home_district(s) == DISTRICT
    finally:
        s.close()


def test_the_district_package_is_written_by_a_named_user_of_the_township(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "t.db")
    assert cli.main(["--db", db, "init", "--township-code", "510903104000", "--township-name", "河东镇",
                     "--user", "周镇干"]) == 0
    capsys.readouterr()
    monkeypatch.delenv("VILLAGEDESK_USER", raising=False)
    assert cli.main(["--db", db, "district-export", "--period", "2026-10", "--out", str(tmp_path)]) == 1
    assert "--user" in capsys.readouterr().err and not list(tmp_path.glob("*.vddist"))
    # named, the township's admin gets as far as the district it has not registered yet
    assert cli.main(["--db", db, "district-export", "--period", "2026-10", "--out", str(tmp_path),
                     "--user", "周镇干"]) == 1
    assert "--user" not in capsys.readouterr().err


def test_the_district_s_reporting_is_each_township_s_as_it_judged_it_when_it_wrote_the_package(district):
    d, hedong, hexi = district["district"], district["hedong"], district["hexi"]
    seen = _json(d, "township", "reporting", "--json", "--period", "2026-10")
    assert [(v["code"], v["name"], v["received"]) for v in seen["villages"]] == [(*HEDONG, True), (*HEXI, True)]
    towns = {}
    for line, town in zip(seen["villages"], (hedong, hexi), strict=True):
        assert line["as_of"] >= EXPORTED.date().isoformat(), line  # the day it wrote it (a test may renew one)
        clock.pin(dt.datetime.fromisoformat(line["as_of"] + "T10:00"))  # its own 上报情况 on the package's day
        towns[line["code"]] = _json(town, "township", "reporting", "--json", "--period", "2026-10")
        clock.pin(None)
    assert seen["unit"] == "乡镇" and towns[HEDONG[0]]["unit"] == "村"
    for line in seen["villages"]:
        own = towns[line["code"]]
        assert line["counts"] == own["counts"] and line["on_time_rate"] == own["on_time_rate"], line["name"]
    assert seen["counts"] == {s: sum(t["counts"][s] for t in towns.values()) for s in seen["counts"]}
    both = seen["counts"]
    due = sum(n for s, n in both.items() if s != "not_due")
    assert due and seen["on_time_rate"] == round(both["on_time"] / due, 4)  # from every report, not averaged
    assert both["on_time"] + both["late"] > 0 and both["missing"] > 0  # 桂花村 and 柳湾村 sent their sets; 石桥村 did not
    names = {r["name"] for r in seen["reminders"]}
    assert names == {"河东镇 石桥村"}  # 桂花村 and 柳湾村 reported: nothing to chase there
    assert all(r["note"] == "" for r in seen["reminders"])  # a township's free-text reason does not travel


def test_a_registered_township_without_a_package_of_the_period_is_listed_as_waiting(district):
    seen = _json(district["district"], "township", "reporting", "--json", "--period", "2026-09")
    assert [(v["code"], v["received"], sum(v["counts"].values())) for v in seen["villages"]] == [
        (HEDONG[0], False, 0), (HEXI[0], False, 0)]
    assert seen["on_time_rate"] is None and seen["reminders"] == []
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        cli.main(["--db", str(district["district"].path), "township", "reporting", "--period", "2026-09"])
    text = out.getvalue()
    assert text.startswith("2026 年 9 月：2 个乡镇") and "河东镇（尚未收到本期区县汇总包）" in text
