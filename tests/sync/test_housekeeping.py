"""Change-log entries every peer acknowledged are pruned after an import, so the log does not grow with every
exchange; what some peer still lacks stays, merges compare against the same field clocks, a later exchange
stays incremental, a peer paired later gets a snapshot, and `check` finds nothing wrong."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_ACTOR
from tests.points.conftest import award
from villagedesk.services import integrity, stats
from villagedesk.services.cross_checks import TABLE_LABELS
from villagedesk.services.sync import packages, pairing
from villagedesk.store import open_store
from villagedesk.store.sync import log, peers, rows
from villagedesk.sync import housekeeping


def _pair(a, b, folder):
    for me, other in ((a, b), (b, a)):
        pairing.write_registration_file(me, TEST_ACTOR, folder / "r.vdreg")
        pairing.pair(other, TEST_ACTOR, pairing.read_registration_file(folder / "r.vdreg"))


def _send(src, dst, folder):
    written = packages.export_for(src, TEST_ACTOR, dst.node_id, folder)
    packages.import_file(dst, TEST_ACTOR, written.path)
    return written


@pytest.fixture
def pcs(pv, tmp_path):
    award(pv, ["张大山", "王小明"])
    second = open_store(tmp_path / "second.db", create=True)
    _pair(pv.store, second, tmp_path)
    _send(pv.store, second, tmp_path)
    _send(second, pv.store, tmp_path)
    yield pv, second
    second.close()


def _edit_round(primary, second, n: int) -> None:
    hids = [r[0] for r in primary.query("SELECT id FROM households ORDER BY id")]
    for i, hid in enumerate(hids):
        primary.update("households", hid, {"phone": f"1390000{n:02d}{i:02d}"}, TEST_ACTOR)
        second.update("households", hid, {"notes": f"第 {n} 轮 {i}"}, TEST_ACTOR)


def _prunable(store) -> list[tuple[str, int]]:
    return [(o, s) for o, s, t in store.query("SELECT origin, seq, tbl FROM change_log")
            if t not in log.KEPT_FOR_CHECK]


def _unacknowledged_only(store) -> list[tuple[str, int]]:
    """Entries the log should no longer hold: acknowledged by every peer that acknowledged anything,
    and not their origin's last."""
    acked = [peers.acks(store, p["node_id"]) for p in peers.active(store)]
    acked = [a for a in acked if a]
    last = log.last_seqs(store)
    return [(o, s) for o, s in _prunable(store) if s <= min(a.get(o, 0) for a in acked) and s != last[o]]


def _clocks(store) -> dict:
    return {t: log.all_field_clocks(store, t) for t in rows.synced_tables(store)}


def test_after_many_exchanges_the_log_holds_only_what_some_peer_lacks(pcs, tmp_path):
    pv, second = pcs
    primary = pv.store
    sizes = []
    for n in range(6):
        _edit_round(primary, second, n)
        _send(primary, second, tmp_path)
        _send(second, primary, tmp_path)
        sizes.append((len(_prunable(primary)), len(_prunable(second))))
    for store in (primary, second):
        assert _unacknowledged_only(store) == []
        assert integrity.check(store) == []
    assert sizes[-1] == sizes[1], f"the log grows with every exchange: {sizes}"
    # a later exchange still merges both sides' edits, incrementally
    _edit_round(primary, second, 9)
    assert not _send(primary, second, tmp_path).snapshot
    assert not _send(second, primary, tmp_path).snapshot
    assert stats.compute_stats(primary) == stats.compute_stats(second)
    assert primary.query("SELECT phone, notes FROM households ORDER BY id") == \
        second.query("SELECT phone, notes FROM households ORDER BY id")


def test_pruning_keeps_the_field_clocks_merges_compare_against_and_what_check_reads(pcs, tmp_path, monkeypatch):
    pv, second = pcs
    primary = pv.store
    monkeypatch.setattr(housekeeping, "prune", lambda store: 0)  # exchange without pruning first
    for n in range(3):
        _edit_round(primary, second, n)
        _send(primary, second, tmp_path)
        _send(second, primary, tmp_path)
    award(pv, ["赵一"], title="修路")
    _send(primary, second, tmp_path)
    _send(second, primary, tmp_path)
    monkeypatch.undo()
    for store in (primary, second):
        before, kept = _clocks(store), store.query("SELECT * FROM change_log WHERE tbl IN ("
                                                   + ", ".join(f"'{t}'" for t in log.KEPT_FOR_CHECK) + ")")
        with store.transaction():
            assert housekeeping.prune(store) > 0
        assert _clocks(store) == before
        assert store.query("SELECT * FROM change_log WHERE tbl IN ("
                           + ", ".join(f"'{t}'" for t in log.KEPT_FOR_CHECK) + ")") == kept
        assert integrity.check(store) == []
    assert set(TABLE_LABELS) <= set(log.KEPT_FOR_CHECK)  # what cross_checks reads is never pruned


def test_a_peer_paired_later_gets_a_snapshot_and_holds_back_what_it_has_not_acknowledged(pcs, tmp_path):
    pv, second = pcs
    primary = pv.store
    for n in range(3):
        _edit_round(primary, second, n)
        _send(primary, second, tmp_path)
        _send(second, primary, tmp_path)
    third = open_store(tmp_path / "third.db", create=True)
    _pair(primary, third, tmp_path)
    assert _send(primary, third, tmp_path).snapshot
    _send(third, primary, tmp_path)
    assert stats.compute_stats(third) == stats.compute_stats(primary) and integrity.check(third) == []
    # a change the second PC acknowledges but the third has not seen stays in the primary's log
    hid = primary.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
    primary.update("households", hid, {"phone": "13911112222"}, TEST_ACTOR)
    mine = log.last_seqs(primary)[primary.node_id]
    primary.update("households", hid, {"phone": "13911113333"}, TEST_ACTOR)
    _send(primary, second, tmp_path)
    _send(second, primary, tmp_path)
    assert log.entry(primary, primary.node_id, mine) is not None
    written = _send(primary, third, tmp_path)
    assert not written.snapshot and third.scalar("SELECT phone FROM households WHERE id = ?", (hid,)) == "13911113333"
    _send(third, primary, tmp_path)
    assert log.entry(primary, primary.node_id, mine) is None  # now every peer holds it
    assert integrity.check(primary) == [] and integrity.check(third) == []
    third.close()


def test_a_peer_revoked_and_paired_again_below_the_pruned_floor_gets_a_snapshot(pcs, tmp_path):
    pv, second = pcs
    primary = pv.store
    third = open_store(tmp_path / "third.db", create=True)
    _pair(primary, third, tmp_path)
    _send(primary, third, tmp_path)
    _send(third, primary, tmp_path)
    pairing.revoke(primary, TEST_ACTOR, third.node_id)  # the third PC is away: it holds nothing back
    hid = primary.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
    for n in range(2):  # only the primary edits: its points entries, kept for check, sit below what goes
        primary.update("households", hid, {"phone": f"139000000{n:02d}"}, TEST_ACTOR)
        _send(primary, second, tmp_path)
        _send(second, primary, tmp_path)
    _pair(primary, third, tmp_path)
    written = _send(primary, third, tmp_path)
    assert written.snapshot  # its acks are below what was pruned: the entries it lacks are gone
    assert stats.compute_stats(third) == stats.compute_stats(primary) and integrity.check(third) == []
    third.close()



def test_a_township_prunes_a_village_s_changes_once_its_pcs_hold_them_whatever_other_villages_hold(tmp_path):
    """At a township only the peers entitled to an origin's changes count for its bound (sync/ownership.py):
    another village is never sent village A's changes, never acknowledges them, and used to keep every one of
    them in the township's log for good. A's second PC, which the township sends A's changes, still counts:
    what it has not acknowledged stays."""
    from tests.sync.township import ADMIN, demo_village, pair, send, township_node

    township = township_node(tmp_path / "township.db")
    a = demo_village(tmp_path / "a.db", households=6)
    b = demo_village(tmp_path / "b.db", "510903104202", "柳湾村", households=6, seed=8)
    a2 = open_store(tmp_path / "a2.db", create=True)
    pair(a, TEST_ACTOR, a2, TEST_ACTOR, tmp_path)
    send(a, TEST_ACTOR, a2, TEST_ACTOR, tmp_path)  # A's second PC takes its village
    for v in (a, b, a2):
        pair(township, ADMIN, v, TEST_ACTOR, tmp_path)
    for n in range(3):
        for v in (a, b, a2):
            send(v, TEST_ACTOR, township, ADMIN, tmp_path)
            send(township, ADMIN, v, TEST_ACTOR, tmp_path)
        for v in (a, b):
            v.update("households", v.scalar("SELECT id FROM households ORDER BY id LIMIT 1"),
                     {"phone": f"1390000{n:04d}"}, TEST_ACTOR)
    send(b, TEST_ACTOR, township, ADMIN, tmp_path)
    send(a, TEST_ACTOR, township, ADMIN, tmp_path)  # A's last phone: its second PC has not had it yet

    def left(origin):
        return [s for o, s in _prunable(township) if o == origin.node_id]

    assert left(b) == [log.last_seqs(township)[b.node_id]]  # A's PCs never acknowledge B's changes
    behind = peers.acks(township, a2.node_id)[a.node_id]
    assert behind < log.last_seqs(township)[a.node_id] and left(a) and min(left(a)) == behind + 1
    send(township, ADMIN, a2, TEST_ACTOR, tmp_path)
    written, _ = send(a2, TEST_ACTOR, township, ADMIN, tmp_path)
    assert not written.snapshot
    assert left(a) == [log.last_seqs(township)[a.node_id]]  # now both PCs of A hold them
    for store in (township, a, b, a2):
        assert integrity.check(store) == []
        store.close()
