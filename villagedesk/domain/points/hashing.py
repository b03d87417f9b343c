"""Canonical JSON of a ledger entry and the chained hash of DESIGN.md §3."""

from __future__ import annotations

import hashlib
import json

GENESIS = "0" * 64  # the prev_hash of a node's first entry

# The fields an entry's hash covers: what it says, not the sync metadata (hlc, updated_at).
ENTRY_FIELDS = ("id", "origin", "seq", "village_id", "household_id", "resident_id", "delta", "kind",
                "reason", "source_type", "source_id", "reverses_id", "operator_id", "operator_name", "at")


def canonical_json(data: dict) -> str:
    """Sorted keys, no spaces, UTF-8 text kept as is: the same entry always gives the same bytes."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_payload(entry) -> dict:
    """The hashed fields of an entry given as a dict or an sqlite3.Row."""
    return {name: entry[name] for name in ENTRY_FIELDS}


def entry_hash(prev_hash: str, entry) -> str:
    """sha256(prev_hash ‖ canonical JSON of the entry), as 64 hex digits."""
    return hashlib.sha256((prev_hash + canonical_json(entry_payload(entry))).encode("utf-8")).hexdigest()
