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
        return [f"p{low}", f"q{low}"]
    return [f"a{text}", f"n{text}"]


def find_entities(store: Store, prefixes: list[str], *, grid_id: str | None, include_inactive: bool,
                  limit: int) -> list:
    """(n, ref, kind, household_id, terms) of entities with a term starting with a prefix, namespace by
    namespace, at most `limit`."""
    found: list = []
    seen: set[int] = set()
    where = ""
    extra: list = []
    if not include_inactive:
        where += " AND e.active = 1"
    if grid_id:
        where += " AND e.grid_id = ?"
        extra.append(grid_id)
    for prefix in prefixes:
        if len(found) >= limit:
            break
        rows = store.conn.execute(
            "SELECT DISTINCT e.n, e.ref, e.kind, e.household_id, e.terms FROM register_search_terms t"
            f" JOIN register_search_entities e ON e.n = t.n WHERE t.term >= ? AND t.term < ?{where} LIMIT ?",
            (prefix, prefix + _END, *extra, limit - len(found) + len(seen))).fetchall()
        for row in rows:
            if row[0] not in seen:
                seen.add(row[0])
                found.append(row)
                if len(found) >= limit:
                    break
    return found


def member_entities(store: Store, household_ids: list[str], include_inactive: bool) -> list:
    """The resident entities of these households (a multi-word search found the household by its address)."""
    if not household_ids:
        return []
    marks = ", ".join("?" for _ in household_ids)
    active = "" if include_inactive else " AND active = 1"
    return store.query(f"SELECT n, ref, kind, household_id, terms FROM register_search_entities"
                       f" WHERE kind = 'resident' AND household_id IN ({marks}){active}", household_ids)


def household_terms(store: Store, household_ids: list[str]) -> dict[str, str]:
    if not household_ids:
        return {}
    marks = ", ".join("?" for _ in household_ids)
    return {r["ref"]: r["terms"] for r in store.query(
        f"SELECT ref, terms FROM register_search_entities WHERE kind = 'household' AND ref IN ({marks})",
        household_ids)}


def resident_details(store: Store, resident_ids: list[str]) -> dict[str, object]:
    if not resident_ids:
        return {}
    marks = ", ".join("?" for _ in resident_ids)
    return {r["id"]: r for r in store.query(f"""
        SELECT r.id, r.name, r.id_number, h.id AS household_id, h.hamlet, h.group_name, h.house_number,
               g.id AS grid_id, g.name AS grid_name
        FROM residents r JOIN households h ON h.id = r.household_id JOIN grids g ON g.id = h.grid_id
        WHERE r.id IN ({marks})""", resident_ids)}


def household_details(store: Store, household_ids: list[str]) -> dict[str, object]:
    if not household_ids:
        return {}
    marks = ", ".join("?" for _ in household_ids)
    return {r["household_id"]: r for r in store.query(f"""
        SELECT hr.id, COALESCE(hr.name, '') AS name, COALESCE(hr.id_number, '') AS id_number,
               h.id AS household_id, h.hamlet, h.group_name, h.house_number, g.id AS grid_id, g.name AS grid_name
        FROM households h JOIN grids g ON g.id = h.grid_id
        LEFT JOIN residents hr ON hr.id = h.head_resident_id
        WHERE h.id IN ({marks})""", household_ids)}
