"""Repository of a township node: its division code and name (local settings), its role, and what its villages sent."""

from __future__ import annotations

from villagedesk.store.connection import Store

_CODE, _NAME = "home_township_code", "home_township_name"


def township(store: Store) -> tuple[str, str] | None:
    """(code, name) of the township this node serves, if it is a township node."""
    rows = dict(store.conn.execute("SELECT key, value FROM settings WHERE key IN (?, ?)", (_CODE, _NAME)))
    return (rows[_CODE], rows[_NAME]) if _CODE in rows and _NAME in rows else None


def set_township(store: Store, code: str, name: str) -> None:
    store.conn.executemany("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                           [(_CODE, code), (_NAME, name)])
    store.conn.execute("UPDATE node_identity SET role = 'township' WHERE id = 1")
    store.wrote("settings", _CODE)


def village_id_by_code(store: Store, code: str) -> str | None:
    return store.scalar("SELECT id FROM villages WHERE code = ? AND deleted_at IS NULL", (code,))


def last_received(store: Store) -> dict[str, str]:
    """Per peer node id, when its last package was imported here."""
    return {r[0]: r[1] for r in store.conn.execute(
        "SELECT peer, MAX(at) FROM sync_packages WHERE direction = 'in' GROUP BY peer")}


def registered_villages(store: Store) -> list:
    """The village peers this township registered, with their packages received and their records held here."""
    return store.query("""
        SELECT p.node_id, p.code, p.name, p.fingerprint, p.paired_at, p.paired_by,
               (SELECT MAX(k.at) FROM sync_packages k WHERE k.peer = p.node_id AND k.direction = 'in') AS last_in,
               (SELECT count(*) FROM sync_packages k WHERE k.peer = p.node_id AND k.direction = 'in') AS packages_in,
               (SELECT v.id FROM villages v WHERE v.code = p.code AND v.deleted_at IS NULL) AS village_id
          FROM sync_peers p WHERE p.role = 'village' AND p.revoked_at IS NULL ORDER BY p.code, p.paired_at""")


def submissions_of(store: Store, village_ids: tuple[str, ...], periods: list[str]) -> list:
    """Per village, report and period among `periods`: when it was first sent up, the last attempt's state and
    the number of attempts (the report submissions each village's packages brought); the township's own
    decision on the last attempt (报表审核), where it made one, over the state the village recorded."""
    import json

    from villagedesk.store.scoping import ids_param

    return store.query("""
        SELECT village_id, report_key, period, MIN(submitted_at) AS first_submitted, COUNT(*) AS attempts,
               (SELECT COALESCE((SELECT r.decision FROM report_reviews r
                                  WHERE r.submission_id = l.id AND r.deleted_at IS NULL), l.state)
                  FROM report_submissions l
                 WHERE l.village_id = s.village_id AND l.report_key = s.report_key AND l.period = s.period
                   AND l.deleted_at IS NULL ORDER BY l.attempt DESC LIMIT 1) AS last_state,
               (SELECT COALESCE((SELECT r.reason FROM report_reviews r
                                  WHERE r.submission_id = l.id AND r.deleted_at IS NULL), l.answer_note)
                  FROM report_submissions l
                 WHERE l.village_id = s.village_id AND l.report_key = s.report_key AND l.period = s.period
                   AND l.deleted_at IS NULL ORDER BY l.attempt DESC LIMIT 1) AS answer_note
          FROM report_submissions s
         WHERE s.deleted_at IS NULL AND s.village_id IN (SELECT value FROM json_each(?))
           AND s.period IN (SELECT value FROM json_each(?))
         GROUP BY village_id, report_key, period""", (ids_param(village_ids), json.dumps(periods)))


def latest_summaries(store: Store, village_ids: tuple[str, ...], periods: list[str]) -> list:
    """Per village, report and period among `periods`: the last attempt's number, state, time and summary."""
    import json

    from villagedesk.store.scoping import ids_param

    return store.query("""
        SELECT s.village_id, s.report_key, s.period, s.attempt, s.state, s.submitted_at, s.summary
          FROM report_submissions s
         WHERE s.deleted_at IS NULL AND s.village_id IN (SELECT value FROM json_each(?))
           AND s.period IN (SELECT value FROM json_each(?))
           AND s.attempt = (SELECT MAX(l.attempt) FROM report_submissions l WHERE l.deleted_at IS NULL
                             AND l.village_id = s.village_id AND l.report_key = s.report_key AND l.period = s.period)
         ORDER BY s.village_id, s.report_key, s.period""", (ids_param(village_ids), json.dumps(periods)))
