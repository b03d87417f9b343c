"""Paired peers: their public keys and fingerprints, and what each said it holds (acks)."""

from __future__ import annotations

from villagedesk.domain.clock import now_iso
from villagedesk.store.connection import Store

COLUMNS = ("node_id", "role", "code", "name", "sign_public", "recipient", "fingerprint")


def add(store: Store, values: dict, user_name: str) -> None:
    store.conn.execute(
        "INSERT INTO sync_peers(node_id, role, code, name, sign_public, recipient, fingerprint, paired_at,"
        " paired_by) VALUES (:node_id, :role, :code, :name, :sign_public, :recipient, :fingerprint, :at, :by)"
        " ON CONFLICT(node_id) DO UPDATE SET role = excluded.role, code = excluded.code, name = excluded.name,"
        " sign_public = excluded.sign_public, recipient = excluded.recipient,"
        " fingerprint = excluded.fingerprint, revoked_at = NULL",
        {**{c: values[c] for c in COLUMNS}, "at": now_iso(), "by": user_name})


def get(store: Store, node_id: str):
    return store.conn.execute("SELECT * FROM sync_peers WHERE node_id = ?", (node_id,)).fetchone()


def active(store: Store) -> list:
    return store.query("SELECT * FROM sync_peers WHERE revoked_at IS NULL ORDER BY role DESC, name")


def revoke(store: Store, node_id: str) -> None:
    store.conn.execute("UPDATE sync_peers SET revoked_at = ? WHERE node_id = ?", (now_iso(), node_id))


def acks(store: Store, peer: str) -> dict[str, int]:
    return {r[0]: r[1] for r in store.conn.execute("SELECT origin, seq FROM sync_acks WHERE peer = ?", (peer,))}


def raise_acks(store: Store, peer: str, held: dict[str, int]) -> None:
    """Watermarks only move forward: an old ack arriving late changes nothing."""
    store.conn.executemany(
        "INSERT INTO sync_acks(peer, origin, seq) VALUES (?, ?, ?)"
        " ON CONFLICT(peer, origin) DO UPDATE SET seq = max(seq, excluded.seq)",
        [(peer, origin, int(seq)) for origin, seq in held.items()])
