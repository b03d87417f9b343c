"""Prefix lookups in the search keys: which residents and households a typed text finds, in rank order."""

from __future__ import annotations

import re

from villagedesk.domain.text import clean_text
from villagedesk.store.connection import Store

_END = "\U0010ffff"  # sorts after every character: [prefix, prefix + _END) is a prefix range
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def prefixes_for(token: str) -> list[str]:
    """The term prefixes a typed token is looked up by, best-ranked namespace first."""
    text = clean_text(token).replace(" ", "")
    if not text:
        return []
    if re.fullmatch(r"[0-9xX]+", text) and any(c.isdigit() for c in text):
        digits = text.upper()
        return [f"t{digits[::-1]}", f"m{digits}", f"a{digits}"]
    if _CJK.search(text):
        return [f"n{text}", f"a{text}"]
    if re.fullmatch(r"[A-Za-z]+", text):
        low = text.lower().replace("ü", "v")
        return [f"p{low}", f"q{low}", f"r{low}"]
    return [f"a{text}", f"n{text}"]


# What a hit shows is stored on the entity; only the grid's name is looked up. CROSS JOIN keeps SQLite
# walking the term index first, so the lookup stops as soon as it has enough hits.
_HIT_COLUMNS = "e.n, e.ref, e.kind, e.household_id, e.terms, e.name, e.address, e.id_tail, e.grid_id, g.name AS grid_name"
_HIT_JOINS = "CROSS JOIN grids g ON g.id = e.grid_id"


def find_entities(store: Store, prefixes: list[str], *, grid_ids: list[str] | None, include_inactive: bool,
                  limit: int) -> list:
    """Hits (entity and what it shows) with a term starting with a prefix, namespace by namespace, at most `limit`."""
    found: list = []
    seen: set[int] = set()
    where = ""
    extra: list = []
    if not include_inactive:
        where += " AND e.active = 1"
    if grid_ids is not None:
        where += f" AND e.grid_id IN ({', '.join('?' for _ in grid_ids)})"
        extra += grid_ids
    for prefix in prefixes:
        if len(found) >= limit:
            break
        rows = store.conn.execute(
            f"SELECT DISTINCT {_HIT_COLUMNS} FROM register_search_terms t"
            f" CROSS JOIN register_search_entities e ON e.n = t.n {_HIT_JOINS}"
            f" WHERE t.term >= ? AND t.term < ?{where} LIMIT ?",
            (prefix, prefix + _END, *extra, limit)).fetchall()
        for row in rows:
            if row[0] not in seen:
                seen.add(row[0])
                found.append(row)
                if len(found) >= limit:
                    break
    return found


def member_entities(store: Store, household_ids: list[str], include_inactive: bool) -> list:
    """The resident hits of these households (a multi-word search found the household by its address)."""
    if not household_ids:
        return []
    marks = ", ".join("?" for _ in household_ids)
    active = "" if include_inactive else " AND e.active = 1"
    return store.query(f"SELECT {_HIT_COLUMNS} FROM register_search_entities e {_HIT_JOINS}"
                       f" WHERE e.kind = 'resident' AND e.household_id IN ({marks}){active}", household_ids)


def household_terms(store: Store, household_ids: list[str]) -> dict[str, str]:
    if not household_ids:
        return {}
    marks = ", ".join("?" for _ in household_ids)
    return {r["ref"]: r["terms"] for r in store.query(
        f"SELECT ref, terms FROM register_search_entities WHERE kind = 'household' AND ref IN ({marks})",
        household_ids)}
