"""SQL behind `check`'s cross-examination: append-only rows against the change-log payloads that recorded them."""

from __future__ import annotations

from villagedesk.store.connection import Store

# Tables whose rows are written once and never changed: each row equals the payload of its logged insert.
APPEND_ONLY = ("point_entries", "stock_movements", "redemption_items")
LIMIT = 20


def _columns(store: Store, table: str) -> list[str]:
    return [r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")]


def _differs(col: str) -> str:
    """The row's column differs from the payload's (a key the payload lacks, from an older schema, is skipped)."""
    j = f"json_extract(c.payload, '$.{col}')"
    return (f"(json_type(c.payload, '$.{col}') IS NOT NULL AND {j} IS NOT t.{col}"
            f" AND NOT (typeof(t.{col}) = 'real' AND abs({j} - t.{col}) < 1e-9))")


def rows_unlike_their_insert(store: Store, table: str) -> list:
    """Rows whose content is not what the change log recorded when they were inserted, with the fields."""
    cols = _columns(store, table)
    named = ", ".join(f"CASE WHEN {_differs(c)} THEN '{c}' END" for c in cols)
    return store.query(f"""
        SELECT t.id, c.origin AS log_origin, c.seq AS log_seq,
               (SELECT group_concat(value, '、') FROM json_each(json_array({named})) WHERE value IS NOT NULL) AS fields
        FROM {table} t JOIN change_log c ON c.tbl = '{table}' AND c.row_id = t.id AND c.op = 'insert'
        WHERE {' OR '.join(_differs(c) for c in cols)} LIMIT {LIMIT}""")


def rows_never_logged(store: Store, table: str) -> list:
    """Rows with no logged insert. Another node's rows may have come in a sync snapshot, which brings the
    state without the entries (and may carry rows of nodes the sender itself was a copy of): those are
    accepted once a snapshot has been imported; this node's own rows never."""
    return store.query(f"""
        SELECT t.id, t.origin FROM {table} t
        WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.tbl = '{table}' AND c.row_id = t.id AND c.op = 'insert')
          AND (t.origin = :me
               OR NOT EXISTS (SELECT 1 FROM sync_packages p WHERE p.snapshot = 1 AND p.direction = 'in'))
        LIMIT {LIMIT}""", {"me": store.node_id})


def logged_rows_gone(store: Store, table: str) -> list:
    """Inserts the change log recorded whose row is no longer there (rows are never physically deleted)."""
    return store.query(f"""
        SELECT c.row_id AS id, c.origin, c.seq, c.payload FROM change_log c
        WHERE c.tbl = '{table}' AND c.op = 'insert' AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = c.row_id)
        LIMIT {LIMIT}""")


def logged_changes_of_append_only(store: Store, table: str) -> list:
    """Updates or deletes the change log recorded for rows that may only be inserted."""
    return store.query(f"""SELECT row_id AS id, origin, seq, op FROM change_log
                           WHERE tbl = '{table}' AND op != 'insert' LIMIT {LIMIT}""")


def lines_changed_after_lock(store: Store) -> list:
    """Payroll lines of a locked payroll changed (as the log records it) after the payroll was locked."""
    return store.query(f"""
        WITH locked AS (
            SELECT p.id, p.month, MIN(c.hlc) AS lock_hlc, c.origin AS lock_origin, MIN(c.seq) AS lock_seq
            FROM payrolls p
            JOIN change_log c ON c.tbl = 'payrolls' AND c.row_id = p.id
                 AND json_extract(c.payload, '$.status') = 'locked'
            WHERE p.status = 'locked' AND p.deleted_at IS NULL GROUP BY p.id)
        SELECT DISTINCT l.month, pl.worker_name FROM locked l
        JOIN payroll_lines pl ON pl.payroll_id = l.id
        JOIN change_log c ON c.tbl = 'payroll_lines' AND c.row_id = pl.id AND c.op != 'insert'
             AND (c.hlc > l.lock_hlc OR (c.origin = l.lock_origin AND c.seq > l.lock_seq))
        LIMIT {LIMIT}""")


def locked_payrolls_without_logged_lock(store: Store) -> list:
    """Locked payrolls of this node whose locking the change log never recorded."""
    return store.query(f"""
        SELECT p.month FROM payrolls p WHERE p.status = 'locked' AND p.deleted_at IS NULL AND p.origin = :me
          AND NOT EXISTS (SELECT 1 FROM change_log c WHERE c.tbl = 'payrolls' AND c.row_id = p.id
                          AND json_extract(c.payload, '$.status') = 'locked')
        LIMIT {LIMIT}""", {"me": store.node_id})


def payroll_line_values_unlike_log(store: Store) -> list:
    """Money fields of payroll lines that differ from the newest logged value of that field."""
    out = []
    for col in ("stipend_fen", "subsidy_fen", "adjustment_fen", "total_fen"):
        out += store.query(f"""
            SELECT pl.id, p.month, pl.worker_name, '{col}' AS field, pl.{col} AS value,
                   json_extract(c.payload, '$.{col}') AS logged
            FROM payroll_lines pl JOIN payrolls p ON p.id = pl.payroll_id
            JOIN change_log c ON c.tbl = 'payroll_lines' AND c.row_id = pl.id
                 AND (c.op = 'insert' OR c.fields IS NULL OR EXISTS (SELECT 1 FROM json_each(c.fields)
                                                                    WHERE value = '{col}'))
                 AND NOT EXISTS (SELECT 1 FROM change_log d WHERE d.tbl = 'payroll_lines' AND d.row_id = pl.id
                      AND (d.hlc, d.origin) > (c.hlc, c.origin)
                      AND (d.op = 'insert' OR d.fields IS NULL OR EXISTS (SELECT 1 FROM json_each(d.fields)
                                                                         WHERE value = '{col}')))
            WHERE p.status = 'locked' AND pl.deleted_at IS NULL
              AND json_extract(c.payload, '$.{col}') IS NOT pl.{col} LIMIT {LIMIT}""")
    return out


def lines_unlike_their_days(store: Store) -> list:
    """Locked payroll lines whose emergency subsidy is not the sum of the service days the payroll recorded paying."""
    return store.query(f"""
        SELECT p.month, pl.worker_name, pl.subsidy_days, pl.subsidy_fen, COALESCE(d.n, 0) AS n,
               COALESCE(d.fen, 0) AS fen
        FROM payroll_lines pl JOIN payrolls p ON p.id = pl.payroll_id
        LEFT JOIN (SELECT payroll_id, worker_id, count(*) AS n, SUM(rate_fen) AS fen FROM payroll_paid_days
                   WHERE late = 0 AND deleted_at IS NULL GROUP BY payroll_id, worker_id) d
             ON d.payroll_id = pl.payroll_id AND d.worker_id = pl.worker_id
        WHERE p.status = 'locked' AND p.deleted_at IS NULL AND pl.deleted_at IS NULL
          AND (pl.subsidy_days != COALESCE(d.n, 0) OR pl.subsidy_fen != COALESCE(d.fen, 0))
        LIMIT {LIMIT}""")


def stipends_unlike_their_tier(store: Store) -> list:
    """Locked lines for one grid held the whole month whose stipend is not the tier (in force that month) for the
    residents the line recorded."""
    return store.query(f"""
        SELECT p.month, pl.worker_name, pl.residents, pl.stipend_fen, t.amount_fen
        FROM payroll_lines pl JOIN payrolls p ON p.id = pl.payroll_id
        JOIN stipend_tiers t ON t.deleted_at IS NULL AND t.table_id = (
                 SELECT tt.id FROM stipend_tier_tables tt WHERE tt.village_id = p.village_id AND tt.deleted_at IS NULL
                    AND tt.effective_from <= p.month || '-01' ORDER BY tt.effective_from DESC LIMIT 1)
             AND pl.residents >= t.min_residents AND (t.max_residents IS NULL OR pl.residents <= t.max_residents)
        WHERE p.status = 'locked' AND p.deleted_at IS NULL AND pl.deleted_at IS NULL AND pl.residents IS NOT NULL
          AND pl.stipend_detail != '' AND pl.stipend_detail NOT LIKE '%×%' AND pl.stipend_detail NOT LIKE '%；%'
          AND pl.stipend_fen != t.amount_fen
        LIMIT {LIMIT}""")
