"""SQL behind `check` for points: chains in order, cached balances, receipt numbers, stock and reversals."""

from __future__ import annotations

from collections.abc import Iterator

from villagedesk.store.connection import Store


def entries_in_chain_order(store: Store) -> Iterator:
    """Every ledger entry, node by node, in sequence order (streamed, not loaded at once)."""
    yield from store.conn.execute("SELECT * FROM point_entries ORDER BY origin, seq")


def balance_mismatches(store: Store) -> list:
    """Accounts whose cached balance differs from the sum of their entries (either side missing too)."""
    return store.query("""
        SELECT s.household_id, s.total, s.n, b.balance, b.entries FROM
          (SELECT household_id, SUM(delta) AS total, count(*) AS n FROM point_entries GROUP BY household_id) s
          LEFT JOIN point_balances b ON b.household_id = s.household_id
        WHERE b.balance IS NULL OR b.balance != s.total OR b.entries != s.n
        UNION ALL
        SELECT b.household_id, 0, 0, b.balance, b.entries FROM point_balances b
        WHERE NOT EXISTS (SELECT 1 FROM point_entries e WHERE e.household_id = b.household_id)
        LIMIT 50""")


def receipt_sequences(store: Store) -> list:
    return store.query("""SELECT v.name AS village, r.year, count(*) AS n, MIN(r.seq) AS lo, MAX(r.seq) AS hi,
                                 count(DISTINCT r.seq) AS distinct_n
                          FROM redemptions r JOIN villages v ON v.id = r.village_id
                          GROUP BY r.village_id, r.year, r.series""")


def receipt_number_mismatches(store: Store) -> list:
    return store.query("""SELECT number, year, seq FROM redemptions
                          WHERE number != printf('%04d-', year) || CASE series WHEN '' THEN '' ELSE series || '-' END
                                           || printf('%06d', seq) LIMIT 20""")


def redemptions_without_debit(store: Store) -> list:
    return store.query("""
        SELECT rd.number, rd.total_points, e.id AS entry_id, e.delta, e.kind FROM redemptions rd
        LEFT JOIN point_entries e ON e.id = rd.entry_id AND e.source_type = 'redemption' AND e.source_id = rd.id
             AND e.household_id = rd.household_id
        WHERE e.id IS NULL OR e.kind != 'redeem' OR e.delta != -rd.total_points LIMIT 20""")


def redemption_totals_mismatch(store: Store) -> list:
    return store.query("""
        SELECT rd.number, rd.total_points, COALESCE(SUM(i.points), 0) AS items_points, count(i.id) AS n_items,
               rd.balance_before, rd.balance_after
        FROM redemptions rd LEFT JOIN redemption_items i ON i.redemption_id = rd.id
        GROUP BY rd.id
        HAVING n_items = 0 OR items_points != rd.total_points
            OR rd.balance_before - rd.total_points != rd.balance_after LIMIT 20""")


def redemption_stock_mismatches(store: Store, kind: str = "redemption") -> list:
    """Per receipt and goods: items issued versus stock moved out (or back, for voids)."""
    sign = -1 if kind == "redemption" else 1
    voided = "" if kind == "redemption" else "AND rd.voided_at IS NOT NULL"
    return store.query(f"""
        SELECT rd.number, i.name, i.qty, COALESCE(m.qty, 0) AS moved FROM
          (SELECT redemption_id, goods_id, name, SUM(quantity) AS qty FROM redemption_items
            GROUP BY redemption_id, goods_id) i
          JOIN redemptions rd ON rd.id = i.redemption_id {voided}
          LEFT JOIN (SELECT redemption_id, goods_id, {sign} * SUM(quantity) AS qty FROM stock_movements
                      WHERE kind = ? GROUP BY redemption_id, goods_id) m
            ON m.redemption_id = i.redemption_id AND m.goods_id = i.goods_id
        WHERE m.qty IS NULL OR m.qty != i.qty LIMIT 20""", (kind,))


def voids_without_reversal(store: Store) -> list:
    return store.query("""
        SELECT rd.number FROM redemptions rd
        LEFT JOIN point_entries e ON e.id = rd.void_entry_id AND e.reverses_id = rd.entry_id
             AND e.kind = 'reversal' AND e.delta = rd.total_points
        WHERE rd.voided_at IS NOT NULL AND e.id IS NULL LIMIT 20""")


def bad_reversals(store: Store) -> list:
    return store.query("""
        SELECT e.id, e.origin, e.seq, e.delta, o.delta AS original_delta, o.kind AS original_kind
        FROM point_entries e LEFT JOIN point_entries o ON o.id = e.reverses_id
        WHERE (e.kind = 'reversal') != (e.reverses_id IS NOT NULL)
           OR (e.reverses_id IS NOT NULL AND (o.id IS NULL OR o.kind = 'reversal' OR e.delta != -o.delta
               OR e.household_id != o.household_id)) LIMIT 20""")


def negative_stock(store: Store) -> list:
    return store.query("""SELECT g.name, SUM(m.quantity) AS stock FROM stock_movements m
                          JOIN goods g ON g.id = m.goods_id GROUP BY m.goods_id HAVING stock < 0""")


def stock_cache_mismatches(store: Store) -> list:
    """Goods whose maintained stock differs from the sum of their movements (either side missing too)."""
    return store.query("""
        SELECT COALESCE(g.name, s.goods_id) AS name, s.total, s.n, c.stock, c.movements FROM
          (SELECT goods_id, SUM(quantity) AS total, count(*) AS n FROM stock_movements GROUP BY goods_id) s
          LEFT JOIN goods_stock c ON c.goods_id = s.goods_id LEFT JOIN goods g ON g.id = s.goods_id
        WHERE c.stock IS NULL OR c.stock != s.total OR c.movements != s.n
        UNION ALL
        SELECT COALESCE(g.name, c.goods_id), 0, 0, c.stock, c.movements FROM goods_stock c
        LEFT JOIN goods g ON g.id = c.goods_id
        WHERE NOT EXISTS (SELECT 1 FROM stock_movements m WHERE m.goods_id = c.goods_id)
        LIMIT 50""")


def receipts_for_check_value(store: Store) -> Iterator:
    """Each receipt's fields and items, for recomputing its check value."""
    yield from store.conn.execute("""
        SELECT rd.id, rd.number, rd.at, rd.household_id, rd.total_points, rd.balance_after, rd.check_value,
               v.code AS village_code,
               (SELECT json_group_array(json_array(i.name, i.quantity, i.points))
                  FROM redemption_items i WHERE i.redemption_id = rd.id) AS items
        FROM redemptions rd JOIN villages v ON v.id = rd.village_id""")


def awards_without_source(store: Store) -> list:
    """Award and deduct entries that no posted activity's participant (or catalogued rule) accounts for."""
    return store.query("""
        SELECT e.* FROM point_entries e
        LEFT JOIN activities a ON e.source_type = 'activity' AND a.id = e.source_id
        LEFT JOIN activity_participants p ON p.activity_id = a.id AND p.resident_id = e.resident_id
             AND p.household_id = e.household_id AND p.deleted_at IS NULL
        LEFT JOIN point_rules r ON e.source_type = 'rule' AND r.id = e.source_id
        WHERE (e.kind = 'award' AND (a.id IS NULL OR a.status != 'posted' OR p.id IS NULL OR e.delta != a.points))
           OR (e.kind = 'deduct' AND (r.id IS NULL OR e.delta != -r.points))
        LIMIT 20""")


def awards_twice(store: Store) -> list:
    return store.query("""
        SELECT a.title, e.resident_id, count(*) AS n FROM point_entries e JOIN activities a ON a.id = e.source_id
        WHERE e.kind = 'award' AND e.source_type = 'activity'
        GROUP BY e.source_id, e.resident_id HAVING n > 1 LIMIT 20""")


def participants_without_award(store: Store) -> list:
    """Participants of a posted activity with no award entry (an award deleted)."""
    return store.query("""
        SELECT a.title, a.activity_date, r.name FROM activities a
        JOIN activity_participants p ON p.activity_id = a.id AND p.deleted_at IS NULL
        LEFT JOIN residents r ON r.id = p.resident_id
        WHERE a.status = 'posted' AND a.deleted_at IS NULL AND NOT EXISTS (
            SELECT 1 FROM point_entries e WHERE e.source_type = 'activity' AND e.source_id = a.id
                AND e.kind = 'award' AND e.resident_id = p.resident_id)
        LIMIT 20""")


def redeem_entries_without_receipt(store: Store) -> list:
    """Redeem entries that no receipt (with the same household, points and entry) accounts for."""
    return store.query("""
        SELECT e.* FROM point_entries e
        LEFT JOIN redemptions rd ON rd.id = e.source_id AND rd.entry_id = e.id
             AND rd.household_id = e.household_id AND rd.total_points = -e.delta
        WHERE e.kind = 'redeem' AND (e.source_type != 'redemption' OR rd.id IS NULL) LIMIT 20""")



def awards_not_logged_with_their_activity(store: Store) -> list:
    """Award entries not written in one run with the other awards of their activity. Posting inserts every award
    of an activity in one statement, then marks it posted (the demo writes them together too), so on the node
    that wrote them their change-log entries are consecutive; an award added later (with its participant, through
    every trigger) comes after other logged rows, at least the posting itself. The log's seq is the trigger's,
    not the writer's; pruned and snapshot rows have no entry and are not judged."""
    return store.query("""
        WITH aw AS (
            SELECT e.id, e.source_id AS activity_id, c.origin, c.seq FROM point_entries e
            JOIN change_log c ON c.tbl = 'point_entries' AND c.row_id = e.id AND c.op = 'insert'
            WHERE e.kind = 'award' AND e.source_type = 'activity'),
        runs AS (SELECT activity_id, origin, MIN(seq) AS lo, MAX(seq) AS hi FROM aw GROUP BY activity_id, origin),
        broken AS (
            SELECT r.activity_id, r.origin, MIN(c.seq) AS first_other FROM runs r
            JOIN change_log c ON c.origin = r.origin AND c.seq BETWEEN r.lo AND r.hi
            WHERE NOT (c.tbl = 'point_entries' AND c.op = 'insert' AND EXISTS (
                  SELECT 1 FROM point_entries o WHERE o.id = c.row_id AND o.kind = 'award'
                     AND o.source_type = 'activity' AND o.source_id = r.activity_id))
            GROUP BY r.activity_id, r.origin)
        SELECT e.*, a.title FROM broken b
        JOIN aw ON aw.activity_id = b.activity_id AND aw.origin = b.origin AND aw.seq > b.first_other
        JOIN point_entries e ON e.id = aw.id JOIN activities a ON a.id = b.activity_id
        LIMIT 20""")


def receipt_movements_without_item(store: Store) -> list:
    """Stock taken out as a redemption (or put back as a void's return) that no line of its receipt accounts for:
    no receipt, goods the receipt does not list, or a return on a receipt that was never voided."""
    return store.query("""
        SELECT m.id, m.kind, m.quantity, COALESCE(g.name, m.goods_id) AS name, rd.number, rd.voided_at
        FROM stock_movements m LEFT JOIN goods g ON g.id = m.goods_id
        LEFT JOIN redemptions rd ON rd.id = m.redemption_id
        WHERE m.kind IN ('redemption', 'void_return')
          AND (rd.id IS NULL OR (m.kind = 'void_return' AND rd.voided_at IS NULL)
               OR NOT EXISTS (SELECT 1 FROM redemption_items i WHERE i.redemption_id = rd.id
                              AND i.goods_id = m.goods_id))
        LIMIT 20""")
