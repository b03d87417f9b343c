"""Housekeeping: change-log entries every peer has acknowledged are pruned, so the log does not grow without bound.

Run inside an import's transaction, after the sender's acks were raised. Per origin, the bound is the
lowest seq any active peer acknowledged; a peer that acknowledged nothing yet is sent a snapshot anyway
(export.build), so it does not hold the bound back, nor does a revoked one. Each origin's last entry stays
(the next local seq and the clone check count from it), as do the entries `check` cross-examines
(log.KEPT_FOR_CHECK). A peer whose acks fall below what was pruned (re-paired after a revocation) gets a
snapshot, as export.build decides from log.floors.
"""

from __future__ import annotations

from villagedesk.store.connection import Store
from villagedesk.store.sync import log, peers


def prune(store: Store) -> int:
    """Prune what every counting peer holds; returns how many entries went."""
    acked = [a for a in (peers.acks(store, p["node_id"]) for p in peers.active(store)) if a]
    if not acked:
        return 0
    done = log.pruned(store)
    gone = 0
    for origin, last in log.last_seqs(store).items():
        bound = min(min(a.get(origin, 0) for a in acked), last - 1)
        if bound > done.get(origin, 0):
            gone += log.prune(store, origin, bound)
    return gone
