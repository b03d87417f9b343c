"""Housekeeping: change-log entries every peer has acknowledged are pruned, so the log does not grow without bound.

Run inside an import's transaction, after the sender's acks were raised. Per origin, the bound is the
lowest seq acknowledged by the active peers entitled to that origin's changes (sync/ownership.py: between
PCs of one village every peer; at a township, a village's PCs only for the origins they hold, never another
village's, which would never acknowledge them and so held every village's changes in the township's log). A
peer that acknowledged nothing yet is sent a snapshot anyway (export.build), so it does not hold the bound
back, nor does a revoked one; an origin no counting peer is entitled to is left alone. Each origin's last
entry stays (the next local seq and the clone check count from it), as do the entries `check`
cross-examines (log.KEPT_FOR_CHECK). A peer whose acks fall below what was pruned (re-paired after a
revocation, or a village PC that starts holding an origin later) gets a snapshot, as export.build decides
from log.floors.
"""

from __future__ import annotations

from villagedesk.store import node
from villagedesk.store.connection import Store
from villagedesk.store.sync import log, peers
from villagedesk.sync import ownership


def prune(store: Store) -> int:
    """Prune what every counting peer holds; returns how many entries went."""
    role = node.role(store.conn)
    counting = []  # (what the peer may be sent, what it acknowledged)
    for p in peers.active(store):
        acked = peers.acks(store, p["node_id"])
        if acked:
            counting.append((ownership.for_peer(store, p["node_id"], role), acked))
    if not counting:
        return 0
    done = log.pruned(store)
    gone = 0
    for origin, last in log.last_seqs(store).items():
        entitled = [acked.get(origin, 0) for ent, acked in counting if origin in ent.origins({origin: last}, acked)]
        if not entitled:
            continue
        bound = min(min(entitled), last - 1)
        if bound > done.get(origin, 0):
            gone += log.prune(store, origin, bound)
    return gone
