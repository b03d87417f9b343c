"""A village's first package (a snapshot) costs the township the same work whether it holds no village yet or
several: nothing in the import walks the rows the other villages brought.

Counted, not timed: SQLite's virtual-machine instructions (a progress handler; tests/statements.py) and statements
per snapshot row, with the automatic backup left out (a copy of the file grows with the file by nature). The 20th of
20 villages of 600 households once took 120 s against 3 s for the first: a snapshot goes in with foreign keys
deferred, households and residents refer to each other, so a deferred violation stays outstanding while they go in,
and each of their rows made SQLite scan every child table that had no index on its column (m0021)."""

from __future__ import annotations

from tests.conftest import TEST_ACTOR
from tests.statements import counting, stepping
from tests.sync.references import reaches, references
from tests.sync.township import ADMIN, demo_village, pair, township_node
from villagedesk.services.backup import automatic
from villagedesk.services.sync import packages
from villagedesk.store.sync import rows

HOUSEHOLDS = 20
HELD_BEFORE = 3  # villages the township holds before the one measured last
GROWTH = 1.2  # the per-row work may differ this much between two demo villages of one size (measured: ±3 %)


def _import(township, village, folder, monkeypatch, measured: bool):
    written = packages.export_for(village, TEST_ACTOR, township.node_id, folder)
    if not measured:
        packages.import_file(township, ADMIN, written.path)
        return None
    real = automatic.before_import
    with counting(township) as seen, stepping(township, every=1) as steps:
        def unmeasured_backup(*args, **kwargs):
            township.conn.set_trace_callback(None)
            try:
                with steps.pause():
                    return real(*args, **kwargs)
            finally:
                township.conn.set_trace_callback(seen.saw)

        monkeypatch.setattr(automatic, "before_import", unmeasured_backup)
        report = packages.import_file(township, ADMIN, written.path)
        monkeypatch.undo()
    snapshot_rows = sum(sum(c.values()) for c in report.counts.values())
    assert report.snapshot and snapshot_rows > 0
    print(f"{snapshot_rows} snapshot rows: {steps.count / snapshot_rows:.0f} instructions, "
          f"{len(seen) / snapshot_rows:.2f} statements a row")
    return steps.count / snapshot_rows, len(seen) / snapshot_rows


def test_a_snapshot_costs_the_same_at_a_township_already_holding_villages(tmp_path, monkeypatch):
    township = township_node(tmp_path / "township.db")
    per_row = []
    for i in range(HELD_BEFORE + 1):
        village = demo_village(tmp_path / f"v{i}.db", f"5109031042{i + 1:02d}", f"村{i + 1}", households=HOUSEHOLDS,
                               seed=300 + i)
        pair(village, TEST_ACTOR, township, ADMIN, tmp_path)
        measured = _import(township, village, tmp_path, monkeypatch, measured=i in (0, HELD_BEFORE))
        if measured is not None:
            per_row.append(measured)
        village.close()
    (first_steps, first_statements), (last_steps, last_statements) = per_row
    assert last_statements <= first_statements * GROWTH, (
        f"statements per snapshot row: {first_statements:.2f} for the first village, {last_statements:.2f} with "
        f"{HELD_BEFORE} held")
    assert last_steps <= first_steps * GROWTH, (
        f"SQLite instructions per snapshot row: {first_steps:.0f} for the first village, {last_steps:.0f} with "
        f"{HELD_BEFORE} villages held: the import walks rows the other villages brought")


def _on_a_cycle(store) -> set[str]:
    order = rows.synced_tables(store)
    refs = references(store, order)
    return {t for t in order if reaches(refs, t, t)}


def test_every_column_referring_to_a_table_on_a_cycle_leads_a_full_index(store):
    """A table on a reference cycle (households and residents) goes in with a deferred violation outstanding, so
    SQLite looks up each of its new rows' children: an unindexed child column is a scan of the whole child table."""
    cycle = _on_a_cycle(store)
    assert {"households", "residents"} <= cycle
    missing = []
    for child in rows.synced_tables(store):
        leads = set()
        for _seq, index, _unique, _origin, partial in store.conn.execute(f"PRAGMA index_list({child})"):
            first = store.conn.execute(f"PRAGMA index_info({index})").fetchone()
            if first is not None and not partial:
                leads.add(first[2])
        missing += [f"{child}.{fk[3]} → {fk[2]}" for fk in store.conn.execute(f"PRAGMA foreign_key_list({child})")
                    if fk[2] in cycle and fk[3] not in leads]
    assert not missing, f"no full index leads with: {', '.join(missing)}"
