"""What a township node refuses, each time with a Chinese message and its records as they were: a village of
another township, a package from a village it never registered, a village's package carrying another
village's rows, and any change of a village's records made at the township itself."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.township import ADMIN, demo_village, pair, records_digest, registration, send, township_node
from villagedesk.domain.errors import PermissionDenied, ValidationError
from villagedesk.domain.field_work.visits import VisitDraft
from villagedesk.domain.register.filters import RegisterFilter
from villagedesk.domain.register.household import HouseholdDraft
from villagedesk.services import demo, sign_in, village
from villagedesk.services.backup import automatic
from villagedesk.services.field_work import visits
from villagedesk.services.grids import grids
from villagedesk.services.register import households, listing
from villagedesk.services.sync import packages, pairing
from villagedesk.store import open_store
from villagedesk.sync import ownership


def _refusals(store) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT detail FROM audit_log WHERE action IN ('拒绝操作', '拒绝同步包') ORDER BY id")]


def _backups() -> int:
    return len(list(automatic.folder().glob("*"))) if automatic.folder().is_dir() else 0


@pytest.fixture
def township(tmp_path):
    s = township_node(tmp_path / "township.db")
    yield s
    s.close()


def test_a_village_whose_code_does_not_begin_with_the_township_s_nine_digits_is_not_registered(township, tmp_path):
    other = open_store(tmp_path / "other.db", create=True)
    village.init_village(other, TEST_ACTOR, "510903105201", "柳湾村", "河西镇", "测试员", user_id=TEST_ACTOR.user_id)
    before = records_digest(township)
    with pytest.raises(PermissionDenied, match="510903105201 不以本乡镇的 510903104 开头"):
        pairing.pair(township, ADMIN, pairing.read_registration_file(registration(other, tmp_path)))
    assert records_digest(township) == before and "不是本乡镇的村" in _refusals(township)[-1]
    # nor does that village take another township for its own
    with pytest.raises(PermissionDenied, match="与本村所属乡镇（510903105000）不符"):
        pairing.pair(other, TEST_ACTOR, pairing.read_registration_file(registration(township, tmp_path, ADMIN)))
    other.close()


def test_a_package_from_a_village_the_township_never_registered_is_refused(township, tmp_path):
    unregistered = demo_village(tmp_path / "guihua.db", households=12)
    pairing.pair(unregistered, TEST_ACTOR, pairing.read_registration_file(registration(township, tmp_path, ADMIN)))
    written = packages.export_for(unregistered, TEST_ACTOR, township.node_id, tmp_path)
    before = records_digest(township)
    with pytest.raises(ValidationError, match="发送方不是已配对的节点"):
        packages.import_file(township, ADMIN, written.path)
    assert records_digest(township) == before
    assert township.scalar("SELECT count(*) FROM villages") == 0
    unregistered.close()


@pytest.fixture
def two_villages_on_one_pc(tmp_path):
    """A village PC that also holds a second village's rows (a 2-village demo: 桂花村 its home, 石桥村 beside)."""
    s = open_store(tmp_path / "guihua.db", create=True)
    village.init_village(s, TEST_ACTOR, "510903104201", "桂花村", "河东镇", "测试员", user_id=TEST_ACTOR.user_id)
    demo.generate_demo(s, TEST_ACTOR, households=24, villages=2, seed=5, today=dt.date(2026, 10, 31))
    yield s
    s.close()


def test_a_village_s_package_carries_only_its_own_village_s_rows(township, two_villages_on_one_pc, tmp_path):
    pc = two_villages_on_one_pc
    pair(pc, TEST_ACTOR, township, ADMIN, tmp_path)
    _, report = send(pc, TEST_ACTOR, township, ADMIN, tmp_path)
    assert report.snapshot
    assert [tuple(r) for r in township.conn.execute("SELECT code, name FROM villages")] == [("510903104201", "桂花村")]
    guihua = pc.scalar("SELECT id FROM villages WHERE code = '510903104201'")
    assert township.scalar("SELECT count(*) FROM households") == pc.scalar(
        "SELECT count(*) FROM households h JOIN grids g ON g.id = h.grid_id WHERE g.village_id = ?", (guihua,)) == 12
    send(township, ADMIN, pc, TEST_ACTOR, tmp_path)  # its acks: from now on incremental
    # an edit of the other village's household, then one of its own: the first travels as a placeholder only
    phones = {}
    for n, own in enumerate((False, True, False, True)):
        h = pc.conn.execute("SELECT h.* FROM households h JOIN grids g ON g.id = h.grid_id WHERE (g.village_id = ?) = ?"
                            " ORDER BY h.id LIMIT 1 OFFSET ?", (guihua, own, n)).fetchone()
        phones[h["id"]] = f"1390000000{n}"
        households.update_household(pc, TEST_ACTOR, h["id"], HouseholdDraft(h["grid_id"], h["hamlet"], h["group_name"],
                                                                          h["house_number"], phones[h["id"]]))
        if n == 1:
            _, report = send(pc, TEST_ACTOR, township, ADMIN, tmp_path)
            assert report.applied == 1
    _, report = send(pc, TEST_ACTOR, township, ADMIN, tmp_path)
    assert report.applied == 1 and report.conflicts == 0
    at_township = {r[0]: r[1] for r in township.conn.execute("SELECT id, phone FROM households")}
    assert [at_township.get(hid) for hid in phones] == [None, phones[list(phones)[1]], None, phones[list(phones)[3]]]


def test_a_village_package_carrying_another_village_s_rows_is_refused_whole(township, two_villages_on_one_pc,
                                                                           tmp_path, monkeypatch):
    pc = two_villages_on_one_pc
    pair(pc, TEST_ACTOR, township, ADMIN, tmp_path)
    # a sender that does not keep to ownership (an older or altered program): every row goes into the package
    with monkeypatch.context() as m:
        m.setattr(ownership.Entitlement, "allows", lambda self, tbl, row: True)
        written = packages.export_for(pc, TEST_ACTOR, township.node_id, tmp_path)
    before, backups = records_digest(township), _backups()
    with pytest.raises(ownership.Refused, match="来自 桂花村（510903104201），却带有不属于该村的记录（.*households"):
        packages.import_file(township, ADMIN, written.path)
    assert records_digest(township) == before
    assert "不属于该村的记录" in _refusals(township)[-1]  # the attempt is in the audit trail
    assert _backups() == backups  # refused before the automatic backup: not worth one


def test_the_township_reads_the_villages_records_but_changes_none_of_them(township, tmp_path):
    v = demo_village(tmp_path / "guihua.db", households=12)
    pair(v, TEST_ACTOR, township, ADMIN, tmp_path)
    send(v, TEST_ACTOR, township, ADMIN, tmp_path)
    h = township.conn.execute("SELECT * FROM households ORDER BY id LIMIT 1").fetchone()
    worker = township.scalar("SELECT worker_id FROM grid_assignments WHERE grid_id = ? AND end_date IS NULL",
                             (h["grid_id"],))
    before = records_digest(township)
    # the township's own admin, and a village head whose user row came up with the village's records
    for who in (ADMIN, TEST_ACTOR):
        tries = [lambda w=who: households.update_household(township, w, h["id"], HouseholdDraft(
                     h["grid_id"], h["hamlet"], phone="13900000009")),
                 lambda w=who: grids.create_grid(township, w, code="99", name="新网格"),
                 lambda w=who: visits.record_visit(township, w, VisitDraft(
                     worker, h["id"], dt.datetime(2026, 11, 2, 9), "in_person", "info"))]
        for attempt in tries:
            with pytest.raises(PermissionDenied, match="乡镇节点对各村的记录只读"):
                attempt()
    assert records_digest(township) == before
    assert len(_refusals(township)) == 6
    with pytest.raises(PermissionDenied, match="没有名为“测试员”的使用人"):  # the village's users sign in there
        sign_in.sign_in(township, TEST_ACTOR.name, "")
    with pytest.raises(PermissionDenied, match="是村里的使用人，不能在乡镇节点办理"):
        listing.count_rows(township, RegisterFilter("households"), actor=TEST_ACTOR)
    assert township.scalar("SELECT count(*) FROM households") == 12  # what it may do: read them
    v.close()


def test_the_township_s_own_files_name_the_township_as_their_unit(township, tmp_path):
    # a township node has no home village: its files are from the township (they failed with AttributeError)
    from openpyxl import load_workbook

    from villagedesk.services import privacy

    out = privacy.export_audit(township, ADMIN, tmp_path / "audit.xlsx")
    unit_line = " ".join(str(c.value) for c in load_workbook(out).active[2] if c.value)
    assert village.unit_name(township) in unit_line and "镇" in village.unit_name(township)
