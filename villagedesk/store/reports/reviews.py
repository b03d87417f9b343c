"""Repository of 报表审核: the villages' submissions as received at the township, and its decision on each."""

from __future__ import annotations

import json
import sqlite3

from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param


def received(store: Store, village_ids: tuple[str, ...], periods: list[str]) -> list[sqlite3.Row]:
    """Every submission attempt of the villages for `periods`, newest attempt last, with the decision on it."""
    return store.query("""
        SELECT s.id, s.village_id, v.code AS village_code, v.name AS village_name, s.report_key, s.period,
               s.attempt, s.state, s.submitted_at, s.submitted_by, s.fingerprint, s.summary, s.files,
               r.id AS review_id, r.decision, r.reason, r.decided_at, r.decided_by, r.files_check
          FROM report_submissions s
          JOIN villages v ON v.id = s.village_id
          LEFT JOIN report_reviews r ON r.submission_id = s.id AND r.deleted_at IS NULL
         WHERE s.deleted_at IS NULL AND s.village_id IN (SELECT value FROM json_each(?))
           AND s.period IN (SELECT value FROM json_each(?))
         ORDER BY v.code, s.period, s.report_key, s.attempt""", (ids_param(village_ids), json.dumps(periods)))


def submission(store: Store, submission_id: str) -> sqlite3.Row | None:
    rows = store.query("""
        SELECT s.*, v.code AS village_code, v.name AS village_name,
               (SELECT MAX(l.attempt) FROM report_submissions l WHERE l.deleted_at IS NULL
                 AND l.village_id = s.village_id AND l.report_key = s.report_key AND l.period = s.period) AS last_attempt
          FROM report_submissions s JOIN villages v ON v.id = s.village_id
         WHERE s.id = ? AND s.deleted_at IS NULL""", (submission_id,))
    return rows[0] if rows else None


def review_of(store: Store, submission_id: str) -> sqlite3.Row | None:
    rows = store.query("SELECT * FROM report_reviews WHERE submission_id = ? AND deleted_at IS NULL", (submission_id,))
    return rows[0] if rows else None


def reviews_of(store: Store, submission_ids: list[str]) -> dict[str, sqlite3.Row]:
    """The township's decision on each of `submission_ids` that has one."""
    return {r["submission_id"]: r for r in store.query(
        "SELECT * FROM report_reviews WHERE deleted_at IS NULL AND submission_id IN (SELECT value FROM json_each(?))",
        (json.dumps(submission_ids),))}
