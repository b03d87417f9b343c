"""Two steps of an import (DESIGN.md §4) a clerk relies on without seeing: the automatic backup taken before
the package goes in, and a change numbered as one already held but with other content, set aside and said."""

import json
import sqlite3

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.test_faults import World
from villagedesk.services.backup import archive, automatic, catalog
from villagedesk.services.sync import conflicts, packages, status


def _phone(store, hid):
    return store.scalar("SELECT phone FROM households WHERE id = ?", (hid,))


def test_an_import_is_preceded_by_a_backup_of_the_database_as_it_was(pv, tmp_path):
    w = World(pv, tmp_path)  # the primary changed a phone since the second PC's snapshot
    hid = w.primary.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
    before = _phone(w.second, hid)
    had = {b.path for b in catalog.list_backups(automatic.folder())}
    report = packages.import_file(w.second, TEST_ACTOR, w.export(w.primary, w.second))
    assert report.applied > 0 and _phone(w.second, hid) == "13900000001" != before
    [made] = [b for b in catalog.list_backups(automatic.folder()) if b.path not in had]
    assert made.manifest["reason"] == "同步导入前" and made.manifest["node_id"] == w.second.node_id
    catalog.verify(made.path)  # complete and its digest right
    archive.extract_db(made.path, tmp_path / "restored.db")
    conn = sqlite3.connect(tmp_path / "restored.db")
    assert conn.execute("SELECT phone FROM households WHERE id = ?", (hid,)).fetchone()[0] == before
    conn.close()
    w.close()


def test_a_change_held_here_with_other_content_is_quarantined_and_said(pv, tmp_path):
    """Compared with the change log, so for the changes it still holds: each origin's last one always (what
    every peer acknowledged before it is pruned, housekeeping.py; a re-sent copy of one of those is not
    applied either, it is held already, but nothing is left here to tell it differs)."""
    w = World(pv, tmp_path)
    good = w.export(w.primary, w.second)
    packages.import_file(w.second, TEST_ACTOR, good)
    members = w.unsealed(good, w.keys(w.second))
    lines = [json.loads(line) for line in members["changes.jsonl"].decode().splitlines()]
    last = lines[-1]
    assert w.second.scalar("SELECT count(*) FROM change_log WHERE origin = ? AND seq = ?", (last["o"], last["s"])) == 1
    last["p"]["title"] = "改过的标题"  # the same change number, other content
    body = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines).encode()
    forged = w.file("forged.vdsync", w.resealed({**members, "changes.jsonl": body}))

    report = packages.import_file(w.second, TEST_ACTOR, forged)
    assert report.quarantined == 1 and report.applied == 0 and not report.already
    assert "1 条变更与本机已有的同一编号变更内容不同，已隔离、未导入" in status.describe_report(report)
    assert w.second.scalar("SELECT title FROM activities WHERE id = ?", (last["r"],)) == "修路"  # never applied
    [listed] = [c for c in conflicts.open_conflicts(w.second) if c.kind == "quarantine"]
    assert listed.table == last["t"] and listed.row_id == last["r"] and "改过的标题" in listed.lost
    w.close()


def test_a_package_whose_records_point_at_nothing_here_is_refused_after_the_merge_and_changes_nothing(pv, tmp_path):
    """The invariants are checked after the merge, inside its transaction (foreign keys deferred while rows
    arrive in any order): a participant of an activity naming a resident no PC has refuses the whole package."""
    from tests.sync.test_faults import database_digest
    from villagedesk.domain.errors import ConflictError
    from villagedesk.domain.ids import new_id

    w = World(pv, tmp_path)
    members = w.unsealed(w.export(w.primary, w.second), w.keys(w.second))
    lines = [json.loads(line) for line in members["changes.jsonl"].decode().splitlines()]
    [joined] = [e for e in lines if e["t"] == "activity_participants" and e["op"] == "insert"][:1]
    joined["p"]["resident_id"] = new_id()  # nobody
    body = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines).encode()
    dangling = w.file("dangling.vdsync", w.resealed({**members, "changes.jsonl": body}))
    before = database_digest(w.second)
    with pytest.raises(ConflictError, match="“dangling.vdsync”中的记录与本机数据不一致.*未导入任何内容"):
        packages.import_file(w.second, TEST_ACTOR, dangling)
    assert database_digest(w.second) == before
    w.close()
