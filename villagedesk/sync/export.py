"""Writing a package for one peer: every change it has not acknowledged, or a snapshot the first time."""

from __future__ import annotations

import json
from typing import NamedTuple

from villagedesk.domain.clock import now_iso
from villagedesk.domain.ids import new_id
from villagedesk.store import node
from villagedesk.store.connection import Store
from villagedesk.store.migrations import SCHEMA_VERSION
from villagedesk.store.sync import log, packages, peers, rows
from villagedesk.sync import envelope, ownership
from villagedesk.sync.keys import NodeKeys


class Built(NamedTuple):
    data: bytes
    manifest: dict


def build(store: Store, keys: NodeKeys, peer_id: str, receipt_series: str = "") -> Built:
    """The package's bytes for `peer_id`; exporting marks nothing as sent (only the peer's acks do).
    `receipt_series`: the series handed to a second PC of this village (it numbers its own receipts), by the
    village's primary PC or by the township. A village PC's package also says which series it numbers under
    (`sender_series`), so the township sees every PC of a village and which of them need one."""
    peer = peers.get(store, peer_id)
    if peer is None or peer["revoked_at"]:
        raise KeyError(peer_id)
    acked = peers.acks(store, peer_id)
    entitled = ownership.for_peer(store, peer_id, node.role(store.conn))
    held = entitled.origins(log.held(store), acked)
    floors = log.floors(store)
    snapshot = not acked or any(held[o] > acked.get(o, 0) and floors.get(o, held[o] + 1) > acked.get(o, 0) + 1
                                for o in held)
    members: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    ranges: dict[str, list[int]] = {}
    if snapshot:
        lines = []
        for tbl in rows.synced_tables(store):
            clocks = log.all_field_clocks(store, tbl)
            for row in rows.all_rows(store, tbl):
                if not entitled.allows(tbl, row):
                    continue
                lines.append(_line({"t": tbl, "p": row, "c": clocks.get(row["id"], {})}))
        members["snapshot.jsonl"] = "".join(lines).encode("utf-8")
        counts["snapshot.jsonl"] = len(lines)
        lines = []
    else:
        lines = []
        for origin, through in sorted(held.items()):
            start = acked.get(origin, 0)
            if through <= start:
                continue
            if not entitled.filtered:  # between PCs of one village: every change, lines written by SQLite
                ranges[origin] = [start + 1, through]
                lines.extend(log.entry_lines(store, origin, start, through))
                continue
            first = len(lines)
            skipped: list[str] = []  # placeholders, sent only if a change this peer may have follows them
            for o, seq, tbl, row_id, op, payload, hlc, fields in log.entries_after(store, origin, start, through):
                row = json.loads(payload)
                if not entitled.allows(tbl, row):
                    skipped.append(_line(ownership.placeholder(o, seq)))
                    continue
                lines += skipped
                skipped = []
                lines.append(_line({"o": o, "s": seq, "t": tbl, "r": row_id, "op": op, "p": row,
                                    "h": hlc, "f": None if fields is None else json.loads(fields)}))
            if len(lines) > first:
                ranges[origin] = [start + 1, through]
    members["changes.jsonl"] = "".join(lines).encode("utf-8")
    counts["changes.jsonl"] = len(lines)
    members["acks.json"] = json.dumps(held, sort_keys=True).encode("utf-8")
    manifest = {"package_id": new_id(), "recipient": peer_id, "created_at": now_iso(),
                "schema_version": SCHEMA_VERSION, "snapshot": snapshot, "ranges": ranges, "held": held,
                "records": counts, "chain_heads": rows.ledger_heads(store),
                "previous_package": packages.last_sent_hash(store, peer_id)}
    if receipt_series:
        manifest["receipt_series"] = receipt_series
    if node.role(store.conn) == "village":  # the series this PC numbers its receipts under ('' for none)
        manifest["sender_series"] = node.receipt_series(store.conn)
    return Built(envelope.seal(keys, peer["recipient"], manifest, members), manifest)


def _line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"
