"""The audit trail's chain: each line's hash covers the line before, so a changed or missing line shows."""

from __future__ import annotations

GENESIS = "0" * 64


def line_hash(prev: str, line_id: int, at: str, user_id: str, user_name: str, action: str,
              table: str | None, row_id: str | None, detail: str) -> str:
    """sha256(prev ‖ canonical JSON of the line, its number first)."""
    import hashlib
    import json  # here, not at the top: opening the store before the first paint must not import json

    body = json.dumps([line_id, at, user_id, user_name, action, table, row_id, detail],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()
