"""PCs of one village that edit at random and swap packages in any order, with duplicates and losses, converge.

The nodes are the village's primary PC and one to three second PCs. Every second PC pairs with the primary
(DESIGN.md §4: it takes its village and its own receipt series from it); in a "mesh" example the second PCs
also pair with each other, which the engine allows (any two registered nodes exchange packages), in a
"star" one they only reach each other through the primary. Each example runs a random sequence of what
clerks do (a household's phone or notes, a resident, a visit, points awarded and deducted, a redemption, a
grid rotated, a worker edited, a person added to a household, the same person perhaps to another
household on another PC) on any node, interleaved with packages written for a peer onto "the stick"
and imported in any order: some twice (已导入过), some never (lost), some before the one they follow (refused
with its missing range, nothing changed; they go in once the earlier changes arrive). At the end every node
sends to every peer until nothing new moves, and then:

- every synced table holds the same rows on every node (store/sync/rows.dump), so the ledger entries and
  its chain heads are the same too;
- `stats --json` (services.stats.compute_stats, as the CLI) gives the same figures everywhere;
- `check` is ok on every node.

The soap the redemptions hand out is in ample stock: offline PCs that each hand out the last bar leave
the stock negative after the merge, and check rightly says so (a stocktake is due); no merge can undo a
bar handed out. A household's points can be spent on two PCs alike; check asks only that the cached
balance equals the ledger, which holds.

Each grid is rotated on one PC (the first on the primary, the second on the first second PC) while any PC
edits the workers. The same grid rotated on two PCs before they exchanged is settled (the assignment made
first stands everywhere, the other is set aside: test_merge_regressions.py), but not yet when one of them
rotates that grid again before the exchange: which row a node sets aside then depends on the order the
rows reach it, so the nodes can differ.

Conflicts are a node's own list of what it had to decide (sync_conflicts is not synced): a node that
received only the winning value, by a snapshot or because the losing edit was overwritten before it
travelled, has nothing to review. So convergence for the conflict list means: every open field conflict,
on any node, names as kept the value every node now holds (no node shows a reviewer a "kept" version
that is not what the village holds); a row set aside for a uniqueness rule is a tombstone on every node;
and honest exchanges leave nothing else to review: no clock far ahead, no change-log entry
quarantined as differing from one already held.

VD_HYPOTHESIS_EXAMPLES=400 runs a longer search (the default is a fixed, derandomized set, fast enough for CI).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import TEST_ACTOR
from tests.grids.helpers import id_number
from tests.points.conftest import award, small_village
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.field_work.visits import VisitDraft
from villagedesk.domain.register.household import HouseholdDraft
from villagedesk.domain.register.resident import ResidentDraft
from villagedesk.services import integrity, stats, village
from villagedesk.services.field_work import visits
from villagedesk.services.grids import rotation, workers
from villagedesk.services.points import activities, goods, ledger, redemption, stock
from villagedesk.services.register import households, residents
from villagedesk.services.sync import packages, pairing
from villagedesk.store import open_store
from villagedesk.store.sync import packages as history
from villagedesk.store.sync import rows

EXAMPLES = int(os.environ.get("VD_HYPOTHESIS_EXAMPLES", "0"))
DAY = dt.date(2026, 11, 30)
PHONES = ["13900000001", "13900000002", "13900000003"]
NOTES = ["", "低保复核", "危房改造", "独居老人"]


class Village:
    """Two to four PCs of one village in a temporary folder, and the packages on the stick."""

    def __init__(self, folder: Path, size: int, mesh: bool, empty: Path):
        self.folder = folder
        for i in range(size):  # an empty database of this schema, as a fresh install makes (without waiting for it)
            shutil.copy(empty, folder / f"pc{i}.db")
        first = open_store(folder / "pc0.db", create=True)
        village.init_village(first, TEST_ACTOR, "510903104201", "桂花村", "河东镇", "测试员", user_id=TEST_ACTOR.user_id)
        self.v = small_village(first)
        award(self.v, ["张大山", "王小明", "赵一"])
        self.soap = goods.add_goods(first, self.v.admin, "肥皂", "块", 4, 3, 1)
        # ample: two PCs handing out the last bar each leave the stock negative, which check rightly
        # reports (a stocktake is due), whatever sync does
        stock.stock_in(first, self.v.admin, self.soap.id, "purchase", 60, 180, "河东供销社")
        for i, rid in enumerate(self.v.residents.values()):  # valid identity numbers, so a resident can be edited
            row = rows.get(first, "residents", rid)
            residents.update_resident(first, TEST_ACTOR, rid, ResidentDraft(
                row["name"], id_number("19700101", 201 + i), row["relation"], "", row["residence_status"]))
        self.workers = [workers.add_worker(first, TEST_ACTOR, name, id_number("19800101", 101 + 2 * i), "13800001111",
                                           False, "cadre", "高中（中专）", "2026-01-01", grid_id=grid, today=DAY)
                        for i, (name, grid) in enumerate((("周一", self.v.grids[0]), ("吴二", self.v.grids[1]),
                                                          ("郑三", None)))]
        self.pcs = [first] + [open_store(folder / f"pc{i}.db") for i in range(1, size)]
        self.links = [(0, i) for i in range(1, size)]
        if mesh:
            self.links += [(i, j) for i in range(1, size) for j in range(i + 1, size)]
        for a, b in self.links:
            self._pair(a, b)
        self.stick: list[tuple[int, int, Path]] = []  # (from, to, file)
        self.refused: set[int] = set()  # packages on the stick refused for a gap, not imported since
        for i in range(1, size):  # each second PC takes the village from its first package
            self.deliver(0, i)

    def _pair(self, a: int, b: int) -> None:
        for me, other in ((a, b), (b, a)):
            out = self.folder / f"reg-{me}-{other}.vdreg"
            pairing.write_registration_file(self.pcs[me], TEST_ACTOR, out)
            pairing.pair(self.pcs[other], TEST_ACTOR, pairing.read_registration_file(out))

    def peers(self, x: int) -> list[int]:
        return sorted({b for a, b in self.links if a == x} | {a for a, b in self.links if b == x})

    def close(self) -> None:
        for pc in self.pcs:
            pc.close()

    # -- packages --------------------------------------------------------------------------------

    def export(self, x: int, y: int) -> Path:
        folder = self.folder / f"stick-{len(self.stick)}"
        folder.mkdir()
        path = packages.export_for(self.pcs[x], TEST_ACTOR, self.pcs[y].node_id, folder).path
        self.stick.append((x, y, path))
        return path

    def bring(self, k: int) -> bool:
        """Import the stick's k-th package into its recipient; a package that follows one not yet imported is
        refused naming the missing changes, and leaves the database as it was. True if it brought anything."""
        _x, y, path = self.stick[k]
        before = digest(self.pcs[y])
        try:
            report = packages.import_file(self.pcs[y], TEST_ACTOR, path)
        except VillageDeskError as exc:
            assert "缺少 第" in str(exc) and "请先导入上一个同步包" in str(exc), str(exc)
            assert digest(self.pcs[y]) == before
            self.refused.add(k)
            return False
        self.refused.discard(k)
        if report.already:
            assert digest(self.pcs[y]) == before
        return not report.already and (report.applied > 0 or any(
            kind != "held" for counts in report.counts.values() for kind in counts))

    def refused_go_in_now(self) -> None:
        """A package refused for a gap goes in once the earlier changes have arrived (by any route)."""
        for k in sorted(self.refused):
            self.bring(k)
            assert k not in self.refused, f"package {k} still refused after every node is up to date"

    def deliver(self, x: int, y: int) -> bool:
        self.export(x, y)
        return self.bring(len(self.stick) - 1)

    def until_quiet(self) -> None:
        for _round in range(12):
            moved = False
            for x in range(len(self.pcs)):
                for y in self.peers(x):
                    moved |= self.deliver(x, y)
            if not moved:
                return
        raise AssertionError("packages still carry new changes after 12 rounds")

    # -- what clerks do ------------------------------------------------------------------------------

    def do(self, op: tuple) -> None:
        kind, x, *args = op
        x %= len(self.pcs)
        s = self.pcs[x]
        if kind == "export":
            peers = self.peers(x)
            self.export(x, peers[args[0] % len(peers)])
            return
        if kind == "import":
            if self.stick:
                self.bring(args[0] % len(self.stick))
            return
        try:
            getattr(self, f"_{kind}")(s, x, *args)
        except VillageDeskError:
            pass  # refused as the clerk would see it (not enough points, a rotation onto the same worker…)

    def _household(self, s, x, h, phone, note):
        hid = self.v.households[h % len(self.v.households)]
        row = rows.get(s, "households", hid)
        draft = HouseholdDraft(row["grid_id"], row["hamlet"], row["group_name"] or "", row["house_number"] or "",
                               PHONES[phone % len(PHONES)], NOTES[note % len(NOTES)])
        households.update_household(s, TEST_ACTOR, hid, draft)

    def _resident(self, s, x, r, status, note):
        rid = list(self.v.residents.values())[r % len(self.v.residents)]
        row = rows.get(s, "residents", rid)
        draft = ResidentDraft(row["name"], row["id_number"], row["relation"], PHONES[status % len(PHONES)],
                              ("living", "working_away")[status % 2], bool(row["party_member"]),
                              NOTES[note % len(NOTES)])
        residents.update_resident(s, TEST_ACTOR, rid, draft)

    def _newborn(self, s, x, h, k):
        """A person added to a household; with one of two identity numbers, so two PCs may each enter the
        same person into different households (set aside alike on every node: test_merge_regressions.py)."""
        hid = self.v.households[h % len(self.v.households)]
        residents.add_resident(s, TEST_ACTOR, hid, ResidentDraft("陈小红", id_number("19900101", 731 + k % 2), "child"))

    def _visit(self, s, x, h):
        hid = self.v.households[h % len(self.v.households)]
        grid = rows.get(s, "households", hid)["grid_id"]
        holder = workers.primary_worker_of(s, grid, DAY)
        if holder is None:
            return
        visits.record_visit(s, TEST_ACTOR, VisitDraft(holder.id, hid, dt.datetime(2026, 11, 30, 9, h % 50),
                                                      "in_person", "info"), now=dt.datetime(2026, 11, 30, 13))

    def _award(self, s, x, r, k):
        names = list(self.v.residents)
        people = [self.v.residents[names[(r + i) % len(names)]] for i in range(1 + k % 3)]
        grid = rows.get(s, "households", rows.get(s, "residents", people[0])["household_id"])["grid_id"]
        aid = activities.create_activity(s, self.v.clerk, "清扫河道", self.v.earn.id, DAY, [grid])
        activities.add_participants(s, self.v.admin, aid, people)
        activities.publish_notice(s, self.v.admin, aid, DAY)
        activities.approve(s, self.v.admin, aid)
        activities.post(s, self.v.admin, aid)

    def _deduct(self, s, x, r):
        rid = list(self.v.residents.values())[r % len(self.v.residents)]
        ledger.deduct(s, TEST_ACTOR, rid, self.v.deduct.id, "乱倒垃圾")

    def _redeem(self, s, x, h):
        hid = self.v.households[h % len(self.v.households)]
        redemption.redeem(s, TEST_ACTOR, hid, [(self.soap.id, 1)])

    def _rotate(self, s, x, w):
        if x < 2:  # the first grid is rotated on the primary PC, the second on the first second PC (docstring)
            rotation.rotate(s, TEST_ACTOR, self.v.grids[x], self.workers[w % 3], DAY, "轮换")

    def _worker(self, s, x, w, phone):
        wid = self.workers[w % 3]
        row = workers.get_worker(s, TEST_ACTOR, wid)
        workers.edit_worker(s, TEST_ACTOR, wid, row["name"], row["id_number"], PHONES[phone % len(PHONES)],
                            bool(row["party_member"]), row["source"], row["education"], row["appointed_on"],
                            row["notes"], today=DAY)


def digest(store) -> str:
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(store.path.read_bytes()).hexdigest()


def converged(vil: Village) -> None:
    first = vil.pcs[0]
    want = rows.dump(first)
    figures = json.dumps(stats.compute_stats(first), ensure_ascii=False, sort_keys=True)
    for pc in vil.pcs:
        got = rows.dump(pc)
        assert got.keys() == want.keys()
        for tbl in want:
            assert got[tbl] == want[tbl], f"{tbl} differs on {pc.path.name}"
        assert rows.ledger_heads(pc) == rows.ledger_heads(first)
        assert json.dumps(stats.compute_stats(pc), ensure_ascii=False, sort_keys=True) == figures
        assert integrity.check(pc) == [], pc.path.name
        for c in history.open_conflicts(pc):
            assert c["kind"] in ("field", "unique"), dict(c)
            if c["kind"] == "unique":
                assert all(rows.get(p, c["tbl"], c["row_id"])["deleted_at"] for p in vil.pcs), dict(c)
                continue
            held = rows.get(first, c["tbl"], c["row_id"])[c["field"]]
            assert c["kept"] == (None if held is None else str(held)), dict(c)


NODE = st.integers(0, 3)
SMALL = st.integers(0, 7)
OPS = st.one_of(
    st.tuples(st.just("household"), NODE, SMALL, SMALL, SMALL),
    st.tuples(st.just("resident"), NODE, SMALL, SMALL, SMALL),
    st.tuples(st.just("visit"), NODE, SMALL),
    st.tuples(st.just("newborn"), NODE, SMALL, SMALL),
    st.tuples(st.just("award"), NODE, SMALL, SMALL),
    st.tuples(st.just("deduct"), NODE, SMALL),
    st.tuples(st.just("redeem"), NODE, SMALL),
    st.tuples(st.just("rotate"), NODE, SMALL),
    st.tuples(st.just("worker"), NODE, SMALL, SMALL),
    st.tuples(st.just("export"), NODE, SMALL),
    st.tuples(st.just("export"), NODE, SMALL),
    st.tuples(st.just("import"), NODE, st.integers(0, 40)),
    st.tuples(st.just("import"), NODE, st.integers(0, 40)),
)


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory) -> Path:
    """A migrated database without its node identity: each copy opens as a new node, like a fresh install."""
    path = tmp_path_factory.mktemp("empty") / "empty.db"
    open_store(path, create=True).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM node_identity")
        conn.execute("DELETE FROM node_history")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


@pytest.fixture
def no_backup_before_import(monkeypatch):
    """The verified backup before each import (tested in tests/backup) is a third of every import here."""
    from villagedesk.services.backup import automatic

    monkeypatch.setattr(automatic, "before_import", lambda store, made_by: None)


@pytest.mark.slow
@settings(max_examples=EXAMPLES or 40, deadline=None, derandomize=not EXAMPLES, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(size=st.integers(2, 4), mesh=st.booleans(), ops=st.lists(OPS, min_size=8, max_size=40))
# found by a 400-example run: a field conflict left open naming as kept a phone set again since
@example(size=3, mesh=True, ops=[("household", 0, 0, 0, 0), ("visit", 0, 0), ("household", 0, 0, 0, 0),
                                 ("household", 2, 0, 0, 0), ("household", 0, 0, 1, 0), ("household", 1, 0, 0, 0),
                                 ("visit", 0, 0), ("visit", 0, 0)])
def test_pcs_that_edit_and_swap_packages_in_any_order_end_with_the_same_village(empty_db, no_backup_before_import,
                                                                               size, mesh, ops):
    with tempfile.TemporaryDirectory() as tmp, own_user_folders(Path(tmp)):
        vil = Village(Path(tmp), size, mesh, empty_db)
        try:
            for op in ops:
                vil.do(op)
            vil.until_quiet()
            vil.refused_go_in_now()
            converged(vil)
        finally:
            vil.close()


@contextlib.contextmanager
def own_user_folders(home: Path):
    """Each example's PCs keep their keys and what they remember (receipt series used) in their own folders,
    as the autouse fixture gives each test, not in the one shared by every example of this test."""
    names = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")
    before = {n: os.environ.get(n) for n in names}
    os.environ.update({n: str(home / n.lower()) for n in names})
    try:
        yield
    finally:
        for n, value in before.items():
            if value is None:
                os.environ.pop(n, None)
            else:
                os.environ[n] = value
