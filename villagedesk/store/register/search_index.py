"""The search keys of residents and households: recomputed for the rows that triggers marked dirty.

Terms carry a one-letter namespace: n = name as written, p = pinyin of a name's usual reading, r = of its
other readings (found too, ranked after), t = a reversed
identity or phone number (so its tail is a prefix), m = a phone number, a = an address,
q = pinyin of a hamlet.
"""

from __future__ import annotations

from villagedesk.domain.register.household import address
from villagedesk.domain.register.pinyin_keys import COMPOUND_SURNAMES, name_key_sets, place_keys
from villagedesk.domain.register.resident import PRESENT_STATUSES
from villagedesk.store.connection import Store

BATCH = 5000
_PRESENT = ", ".join(f"'{s}'" for s in PRESENT_STATUSES)


# Bump when the terms a row gets change: every row's keys are then recomputed on the next search.
KEYS_VERSION = "2"


def pending(store: Store) -> bool:
    """Rows wait for their keys, or the keys were made by an older scheme."""
    return store.scalar("SELECT EXISTS (SELECT 1 FROM register_search_dirty) OR COALESCE((SELECT value FROM settings"
                        " WHERE key = 'register_search_keys'), '') <> ?", (KEYS_VERSION,)) == 1


def resident_terms(name: str, id_number: str, phone: str) -> list[str]:
    given = name[2:] if name[:2] in COMPOUND_SURNAMES else name[1:]
    usual, other = name_key_sets(name)
    terms = [f"n{name}"] + ([f"n{given}"] if given else []) + [f"p{k}" for k in usual] + [f"r{k}" for k in other]
    if id_number:
        terms.append(f"t{id_number[::-1]}")
    if phone:
        terms += [f"m{phone}", f"t{phone[::-1]}"]
    return list(dict.fromkeys(terms))


def household_terms(hamlet: str, group_name: str, house_number: str, phone: str) -> list[str]:
    terms = [f"a{hamlet}{group_name}{house_number}"]
    if group_name:
        terms.append(f"a{group_name}{house_number}")
    if house_number:
        terms.append(f"a{house_number}")
    terms += [f"q{k}" for k in place_keys(hamlet)]
    if phone:
        terms += [f"m{phone}", f"t{phone[::-1]}"]
    return list(dict.fromkeys(t for t in terms if len(t) > 1))


def backlog(store: Store) -> int:
    """How many rows wait for their keys (every row, if the keys were made by an older scheme)."""
    if store.scalar("SELECT value FROM settings WHERE key = 'register_search_keys'") != KEYS_VERSION:
        return store.scalar("SELECT (SELECT count(*) FROM households) + (SELECT count(*) FROM residents)")
    return store.scalar("SELECT count(*) FROM register_search_dirty")


def refresh(store: Store, progress=None) -> int:
    """Bring every dirty row's entity and terms up to date; call inside the writer's transaction."""
    if store.scalar("SELECT value FROM settings WHERE key = 'register_search_keys'") != KEYS_VERSION:
        # Start over: emptying the local index is far quicker than replacing each row's old terms.
        store.conn.execute("DELETE FROM register_search_terms")
        store.conn.execute("DELETE FROM register_search_entities")
        store.conn.execute("INSERT OR IGNORE INTO register_search_dirty(ref, kind) SELECT id, 'household' FROM households")
        store.conn.execute("INSERT OR IGNORE INTO register_search_dirty(ref, kind) SELECT id, 'resident' FROM residents")
        store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('register_search_keys', ?)",
                           (KEYS_VERSION,))
    done = 0
    while True:
        dirty = store.query("SELECT ref, kind FROM register_search_dirty LIMIT ?", (BATCH,))
        if not dirty:
            return done
        refs = [r["ref"] for r in dirty]
        households = [r["ref"] for r in dirty if r["kind"] == "household"]
        wanted, heads = _wanted_entities(store, [r["ref"] for r in dirty if r["kind"] == "resident"], households)
        moved = _replace_entities(store, refs, wanted)
        _in_chunks(store, refs, "DELETE FROM register_search_dirty WHERE ref IN ({marks})")
        if moved:
            # A household's grid or status decides its members' entities too.
            _in_chunks(store, moved, "INSERT OR IGNORE INTO register_search_dirty(ref, kind)"
                       " SELECT id, 'resident' FROM residents WHERE household_id IN ({marks})")
        stale = _stale_heads(store, heads)
        if stale:
            # A household hit shows its head: a renamed head makes the household's entity stale.
            store.conn.executemany("INSERT OR IGNORE INTO register_search_dirty(ref, kind) VALUES (?, 'household')",
                                   [(h,) for h in stale])
        done += len(refs)
        if progress:
            progress(done)


def _wanted_entities(store: Store, residents: list[str], households: list[str]) -> tuple[dict[str, tuple], dict]:
    """ref → (kind, household_id, grid_id, active, name, address, id_tail, terms) for the rows that are live,
    and household → (head's name, id tail) for the heads among the residents."""
    wanted: dict[str, tuple] = {}
    heads: dict[str, tuple[str, str]] = {}
    for rows in _chunked_query(store, residents, f"""
            SELECT r.id, r.name, r.id_number, r.phone, r.household_id, h.grid_id, h.head_resident_id = r.id AS is_head,
                   h.hamlet, h.group_name, h.house_number,
                   (r.residence_status IN ({_PRESENT}) AND h.status = 'active') AS active
            FROM residents r JOIN households h ON h.id = r.household_id
            WHERE r.id IN ({{marks}}) AND r.deleted_at IS NULL AND h.deleted_at IS NULL"""):
        for r in rows:
            wanted[r["id"]] = ("resident", r["household_id"], r["grid_id"], r["active"], r["name"],
                               address(r["hamlet"], r["group_name"], r["house_number"]), r["id_number"][-4:],
                               resident_terms(r["name"], r["id_number"], r["phone"]))
            if r["is_head"]:
                heads[r["household_id"]] = (r["name"], r["id_number"][-4:])
    for rows in _chunked_query(store, households, """
            SELECT h.id, h.grid_id, h.hamlet, h.group_name, h.house_number, h.phone, h.status = 'active' AS active,
                   COALESCE(hr.name, '') AS head_name, COALESCE(substr(hr.id_number, -4), '') AS head_tail
            FROM households h LEFT JOIN residents hr ON hr.id = h.head_resident_id
            WHERE h.id IN ({marks}) AND h.deleted_at IS NULL"""):
        for h in rows:
            wanted[h["id"]] = ("household", h["id"], h["grid_id"], h["active"], h["head_name"],
                               address(h["hamlet"], h["group_name"], h["house_number"]), h["head_tail"],
                               household_terms(h["hamlet"], h["group_name"], h["house_number"], h["phone"]))
    return wanted, heads


def _stale_heads(store: Store, heads: dict[str, tuple[str, str]]) -> list[str]:
    """Households whose entity shows another name or tail than their head now has."""
    stale = []
    for rows in _chunked_query(store, list(heads), "SELECT ref, name, id_tail FROM register_search_entities"
                                                   " WHERE kind = 'household' AND ref IN ({marks})"):
        stale += [r["ref"] for r in rows if (r["name"], r["id_tail"]) != heads[r["ref"]]]
    return stale


def _replace_entities(store: Store, refs: list[str], wanted: dict[str, tuple]) -> list[str]:
    """Replace the entities and terms of `refs`; returns the households whose grid or status changed."""
    conn = store.conn
    old: dict[str, tuple[int, str]] = {}
    moved: list[str] = []
    for rows in _chunked_query(store, refs, "SELECT n, ref, kind, grid_id, active, terms FROM register_search_entities"
                                            " WHERE ref IN ({marks})"):
        for r in rows:
            old[r["ref"]] = (r["n"], r["terms"])
            new = wanted.get(r["ref"])
            if r["kind"] == "household" and (new is None or (new[2], new[3]) != (r["grid_id"], r["active"])):
                moved.append(r["ref"])
    stale = [(t, n) for n, terms in old.values() for t in terms.split("\n") if t]
    conn.executemany("DELETE FROM register_search_terms WHERE term = ? AND n = ?", stale)
    gone = [(old[ref][0],) for ref in old if ref not in wanted]
    conn.executemany("DELETE FROM register_search_entities WHERE n = ?", gone)
    next_n = (store.scalar("SELECT MAX(n) FROM register_search_entities") or 0) + 1
    entities, terms = [], []
    for ref, (kind, household_id, grid_id, active, name, where, tail, entity_terms) in wanted.items():
        if ref in old:
            n = old[ref][0]
        else:
            n, next_n = next_n, next_n + 1
        entities.append((n, ref, kind, household_id, grid_id, active, name, where, tail, "\n".join(entity_terms)))
        terms += [(t, n) for t in entity_terms]
    conn.executemany("INSERT OR REPLACE INTO register_search_entities(n, ref, kind, household_id, grid_id, active,"
                     " name, address, id_tail, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entities)
    terms.sort()
    conn.executemany("INSERT OR IGNORE INTO register_search_terms(term, n) VALUES (?, ?)", terms)
    return moved


def _chunked_query(store: Store, ids: list[str], sql: str, size: int = 900):
    for i in range(0, len(ids), size):
        chunk = ids[i:i + size]
        yield store.query(sql.format(marks=", ".join("?" for _ in chunk)), chunk)


def _in_chunks(store: Store, ids: list[str], sql: str, size: int = 900) -> None:
    for i in range(0, len(ids), size):
        chunk = ids[i:i + size]
        store.conn.execute(sql.format(marks=", ".join("?" for _ in chunk)), chunk)
