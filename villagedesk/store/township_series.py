"""Repository of a township's receipt-series bookkeeping (schema 20): what each village PC reported, what the
township handed. Local to the township, never synced."""

from __future__ import annotations

from villagedesk.store.connection import Store


def note_reported(store: Store, node_id: str, village_code: str, series: str, reported_at: str,
                  received_at: str, package_id: str) -> bool:
    """Record the series a village PC's package says it numbers under; an older package (by its own time)
    arriving after a newer one changes nothing. True when recorded."""
    done = store.conn.execute(
        "INSERT INTO township_pc_series(node_id, village_code, series, reported_at, received_at, package_id)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(node_id) DO UPDATE SET village_code = excluded.village_code,"
        " series = excluded.series, reported_at = excluded.reported_at, received_at = excluded.received_at,"
        " package_id = excluded.package_id WHERE excluded.reported_at >= township_pc_series.reported_at",
        (node_id, village_code, series, reported_at, received_at, package_id)).rowcount > 0
    if done:
        store.wrote("township_pc_series", node_id)
    return done


def reported(store: Store, node_id: str):
    return store.conn.execute("SELECT * FROM township_pc_series WHERE node_id = ?", (node_id,)).fetchone()


def grant_of(store: Store, node_id: str):
    return store.conn.execute("SELECT * FROM township_series_grants WHERE node_id = ?", (node_id,)).fetchone()


def taken_in(store: Store, village_code: str) -> set[str]:
    """Every series known in the village here: each one this township ever handed in it (taken or not), each
    one its PCs reported, each one on a receipt its packages brought."""
    return {r[0] for r in store.conn.execute(
        "SELECT series FROM township_series_grants WHERE village_code = :c"
        " UNION SELECT series FROM township_pc_series WHERE village_code = :c"
        " UNION SELECT DISTINCT r.series FROM redemptions r JOIN villages v ON v.id = r.village_id"
        " WHERE v.code = :c", {"c": village_code})}


def add_grant(store: Store, village_code: str, series: str, node_id: str, at: str, by: str) -> None:
    store.conn.execute("INSERT INTO township_series_grants(village_code, series, node_id, granted_at, granted_by)"
                       " VALUES (?, ?, ?, ?, ?)", (village_code, series, node_id, at, by))
    store.wrote("township_series_grants", node_id)


def village_name(store: Store, village_code: str) -> str | None:
    return store.scalar("SELECT name FROM villages WHERE code = ? AND deleted_at IS NULL", (village_code,))


def first_pc_of(store: Store, village_code: str) -> str | None:
    """The village's first PC: the node that created its `villages` row (the row's origin never changes)."""
    return store.scalar("SELECT origin FROM villages WHERE code = ? AND deleted_at IS NULL", (village_code,))


def village_pcs(store: Store) -> list:
    """Every active village peer (a PC) registered here, with its village's name, what it reported, the
    township's grant to it and its last package received; by village code, then when paired."""
    return store.query("""
        SELECT p.node_id, p.code, p.fingerprint, p.paired_at,
               v.name AS village_name, v.origin AS first_pc,
               r.series, r.reported_at, r.received_at,
               g.series AS granted, g.granted_at,
               (SELECT MAX(k.at) FROM sync_packages k WHERE k.peer = p.node_id AND k.direction = 'in') AS last_in
          FROM sync_peers p
          LEFT JOIN villages v ON v.code = p.code AND v.deleted_at IS NULL
          LEFT JOIN township_pc_series r ON r.node_id = p.node_id
          LEFT JOIN township_series_grants g ON g.node_id = p.node_id
         WHERE p.role = 'village' AND p.revoked_at IS NULL
         ORDER BY p.code, p.paired_at, p.node_id""")
