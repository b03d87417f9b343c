"""Two PCs of one village exchange packages: everything arrives once, edits on both sides merge, and a
package that was replayed, has a gap or carries a forged ledger changes nothing."""

import hashlib

import pytest

from tests.conftest import TEST_ACTOR
from tests.points.conftest import award
from villagedesk.domain.changes import Kind
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.services import integrity, stats
from villagedesk.services.sync import packages, pairing
from villagedesk.store import open_store
from villagedesk.store.sync import packages as history
from villagedesk.store.sync import peers


def _pair(primary, tmp_path):
    second = open_store(tmp_path / "second.db", create=True)
    for me, other, out in ((primary, second, "a.vdreg"), (second, primary, "b.vdreg")):
        pairing.write_registration_file(me, TEST_ACTOR, tmp_path / out)
        pairing.pair(other, TEST_ACTOR, pairing.read_registration_file(tmp_path / out))
    return second


@pytest.fixture
def pcs(pv, tmp_path):
    """A small village with a points ledger on its primary PC, paired with an empty second PC."""
    award(pv, ["张大山", "王小明"])
    second = _pair(pv.store, tmp_path)
    yield pv.store, second
    second.close()


def _send(src, dst, folder, dry_run=False):
    written = packages.export_for(src, TEST_ACTOR, dst.node_id, folder)
    return written, packages.import_file(dst, TEST_ACTOR, written.path, dry_run=dry_run)


def _household_phone(store, hid):
    return store.scalar("SELECT phone FROM households WHERE id = ?", (hid,))


def _digest(store) -> str:
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(store.path.read_bytes()).hexdigest()


def test_the_first_package_is_a_snapshot_that_gives_the_second_pc_the_whole_village(demo_store, tmp_path):
    primary, second = demo_store, _pair(demo_store, tmp_path)
    written, report = _send(primary, second, tmp_path)
    assert written.snapshot and written.path.exists() and written.path.suffix == ".vdsync"
    assert report.snapshot and report.counts["households"]["new"] == 600
    assert stats.compute_stats(second) == stats.compute_stats(primary)
    assert integrity.check(second) == []
    assert "发往" in written.path.name and not list(tmp_path.glob(".*.part"))
    second.close()


def test_edits_on_both_pcs_reach_each_other_and_the_figures_agree(pcs, tmp_path):
    primary, second = pcs
    _send(primary, second, tmp_path)
    _send(second, primary, tmp_path)  # the second PC's acks: from now on packages are incremental
    h1, h2 = [r[0] for r in primary.query("SELECT id FROM households ORDER BY id LIMIT 2")]
    primary.update("households", h1, {"phone": "13900000001"}, TEST_ACTOR)
    second.update("households", h2, {"phone": "13900000002"}, TEST_ACTOR)
    w1, r1 = _send(primary, second, tmp_path)
    w2, r2 = _send(second, primary, tmp_path)
    assert not w1.snapshot and not w2.snapshot and r1.applied == 1 and r2.applied == 1
    assert Kind.HOUSEHOLDS in r1.changes.kinds and Kind.LEDGER not in r1.changes.kinds  # which pages redraw
    for store in pcs:
        assert (_household_phone(store, h1), _household_phone(store, h2)) == ("13900000001", "13900000002")
        assert integrity.check(store) == []
    assert stats.compute_stats(second) == stats.compute_stats(primary)


def test_the_same_field_changed_on_both_pcs_keeps_the_later_and_lists_the_other(pcs, tmp_path):
    primary, second = pcs
    _send(primary, second, tmp_path)
    _send(second, primary, tmp_path)
    hid = primary.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
    primary.update("households", hid, {"phone": "13900000001"}, TEST_ACTOR)
    second.update("households", hid, {"phone": "13900000009"}, TEST_ACTOR)  # later stamp
    _send(primary, second, tmp_path)
    _send(second, primary, tmp_path)
    assert _household_phone(primary, hid) == _household_phone(second, hid) == "13900000009"
    [conflict] = history.open_conflicts(primary)
    assert (conflict["field"], conflict["kept"], conflict["lost"]) == ("phone", "13900000009", "13900000001")


def test_a_package_imported_twice_changes_nothing_the_second_time(pcs, tmp_path):
    primary, second = pcs
    written, _ = _send(primary, second, tmp_path)
    before = _digest(second)
    again = packages.import_file(second, TEST_ACTOR, written.path)
    assert again.already and _digest(second) == before


def test_a_dry_run_reports_what_would_change_and_changes_nothing(pcs, tmp_path):
    primary, second = pcs
    before = _digest(second)
    _, report = _send(primary, second, tmp_path, dry_run=True)
    assert report.counts["residents"]["new"] == 5 and report.counts["point_entries"]["new"] == 2
    assert _digest(second) == before and second.scalar("SELECT count(*) FROM households") == 0


def test_a_package_that_skips_changes_names_what_is_missing_and_changes_nothing(pcs, tmp_path):
    primary, second = pcs
    _send(primary, second, tmp_path)
    _send(second, primary, tmp_path)
    hid = primary.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
    primary.update("households", hid, {"phone": "13900000001"}, TEST_ACTOR)
    # the primary believes the second PC holds one change more than it does (a package lost on the way)
    mine = primary.scalar("SELECT MAX(seq) FROM change_log WHERE origin = ?", (primary.node_id,))
    with primary.transaction():
        peers.raise_acks(primary, second.node_id, {primary.node_id: mine})
    primary.update("households", hid, {"phone": "13900000002"}, TEST_ACTOR)
    before = _digest(second)
    written = packages.export_for(primary, TEST_ACTOR, second.node_id, tmp_path)
    with pytest.raises(ValidationError, match=f"缺少 第 {mine}–{mine} 条变更.*请先导入上一个同步包"):
        packages.import_file(second, TEST_ACTOR, written.path)
    assert _digest(second) == before


def test_a_ledger_amount_edited_on_the_sender_is_refused_as_tampering(pcs, tmp_path):
    primary, second = pcs
    _send(primary, second, tmp_path)
    _send(second, primary, tmp_path)
    entry = primary.query("SELECT id, delta FROM point_entries WHERE kind = 'award' LIMIT 1")[0]
    primary.conn.execute("DROP TRIGGER IF EXISTS point_entries_append_only")  # as an attacker with the shell would
    for (name,) in primary.query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'point_entries'"
                                 " AND name NOT LIKE '%__log_%'"):
        primary.conn.execute(f"DROP TRIGGER {name}")
    primary.conn.execute("UPDATE point_entries SET delta = ? WHERE id = ?", (entry["delta"] + 1000, entry["id"]))
    before = _digest(second)
    written = packages.export_for(primary, TEST_ACTOR, second.node_id, tmp_path)
    with pytest.raises(ConflictError, match="疑似被篡改"):
        packages.import_file(second, TEST_ACTOR, written.path)
    assert _digest(second) == before


def test_pairing_with_its_own_registration_and_exporting_to_an_unknown_peer_are_refused(demo_store, tmp_path):
    pairing.write_registration_file(demo_store, TEST_ACTOR, tmp_path / "me.vdreg")
    with pytest.raises(ConflictError, match="本机自己的注册文件"):
        pairing.pair(demo_store, TEST_ACTOR, pairing.read_registration_file(tmp_path / "me.vdreg"))
    with pytest.raises(ValidationError, match="找不到唯一的已配对节点"):
        packages.export_for(demo_store, TEST_ACTOR, "河东镇", tmp_path)
