"""What every export reads per origin (the first change still held, the ledger chain's head) is found for
each origin a node holds, by index probes rather than a pass over the whole log or ledger."""

from tests.points.conftest import award
from villagedesk.domain.ids import new_id
from villagedesk.domain.points.hashing import GENESIS
from villagedesk.store.sync import log, rows


def _another_node(store, origin: str) -> None:
    """Rows as a package from node `origin` leaves them: its change log from seq 5 on (earlier ones pruned), and
    two entries of its ledger chain."""
    store.conn.execute("UPDATE sync_state SET capture = 0 WHERE id = 1")
    template = dict(store.conn.execute("SELECT * FROM point_entries ORDER BY seq LIMIT 1").fetchone())
    for seq in (1, 2):
        store.conn.execute(f"INSERT INTO point_entries ({', '.join(template)}) VALUES ({', '.join('?' * len(template))})",
                           [*{**template, "id": new_id(), "origin": origin, "seq": seq, "hash": f"{seq}" * 64,
                              "prev_hash": GENESIS if seq == 1 else f"{seq - 1}" * 64,
                              "source_id": new_id()}.values()])
    for seq in (5, 6, 7):
        store.conn.execute("INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc) VALUES"
                           " (?, ?, 'households', ?, 'update', '{}', ?)", (origin, seq, new_id(), f"{seq:013d}.00000"))
    store.conn.execute("UPDATE sync_state SET capture = 1 WHERE id = 1")


def test_each_origins_first_held_change_and_chain_head_are_read(pv):
    award(pv, ["张大山", "王小明"])
    store = pv.store
    for origin in ("0-before-this-node", "z-after-this-node"):
        _another_node(store, origin)
    own_head = store.conn.execute("SELECT seq, hash FROM point_entries WHERE origin = ? ORDER BY seq DESC LIMIT 1",
                                  (store.node_id,)).fetchone()
    assert log.floors(store) == {store.node_id: 1, "0-before-this-node": 5, "z-after-this-node": 5}
    assert rows.ledger_heads(store) == {store.node_id: list(own_head), "0-before-this-node": [2, "2" * 64],
                                        "z-after-this-node": [2, "2" * 64]}
