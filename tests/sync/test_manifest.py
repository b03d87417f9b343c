"""What a package's signed manifest says (DESIGN.md §4), read back as its recipient reads it, and that writing
a package marks nothing as sent: a package lost on the way is simply written again with the same changes."""

import hashlib
import json

from tests.sync.test_faults import World
from villagedesk.store.migrations import SCHEMA_VERSION
from villagedesk.store.sync import log, peers, rows
from villagedesk.store.sync import packages as history


def test_the_manifest_names_everything_the_recipient_checks(pv, tmp_path):
    w = World(pv, tmp_path)  # a snapshot went to the second PC; since then a phone changed and points were awarded
    sent_before = [h for h in history.history(w.primary) if h["direction"] == "out" and h["peer"] == w.second.node_id]
    path = w.export(w.primary, w.second)
    members = w.unsealed(path, w.keys(w.second))
    m = json.loads(members["manifest.json"])
    assert {"package_id", "sender", "recipient", "schema_version", "ranges", "members", "records", "chain_heads",
            "previous_package", "held", "snapshot", "created_at", "format"} <= set(m)
    assert (m["sender"], m["recipient"], m["schema_version"], m["snapshot"]) == (
        w.primary.node_id, w.second.node_id, SCHEMA_VERSION, False)
    for name, meta in m["members"].items():  # each member's sha256 and size
        assert meta == {"sha256": hashlib.sha256(members[name]).hexdigest(), "bytes": len(members[name])}
    changes = [json.loads(line) for line in members["changes.jsonl"].decode().splitlines()]
    assert m["records"]["changes.jsonl"] == len(changes)
    seqs = sorted(e["s"] for e in changes if e["o"] == w.primary.node_id)
    assert m["ranges"] == {w.primary.node_id: [seqs[0], seqs[-1]]} and seqs == list(range(seqs[0], seqs[-1] + 1))
    assert m["chain_heads"] == rows.ledger_heads(w.primary) and m["chain_heads"]  # the ledger's heads travel
    assert m["previous_package"] == sent_before[0]["sha256"]  # the package before it to this peer
    assert m["held"] == log.held(w.primary) == json.loads(members["acks.json"])  # the acks for the other way
    w.close()


def test_writing_a_package_marks_nothing_so_a_lost_one_is_written_again(pv, tmp_path):
    w = World(pv, tmp_path)
    acked = peers.acks(w.primary, w.second.node_id)
    lost = w.unsealed(w.export(w.primary, w.second), w.keys(w.second))  # left in a drawer, never imported
    again = w.unsealed(w.export(w.primary, w.second), w.keys(w.second))
    assert peers.acks(w.primary, w.second.node_id) == acked
    assert json.loads(again["manifest.json"])["ranges"] == json.loads(lost["manifest.json"])["ranges"]
    assert again["changes.jsonl"] == lost["changes.jsonl"]
    w.close()
