"""The synced tables' foreign-key graph, for tests about the order and indexes a snapshot import needs."""

from __future__ import annotations


def references(store, order: list[str]) -> dict[str, set[str]]:
    """table -> the other synced tables it refers to."""
    return {t: {r[2] for r in store.conn.execute(f"PRAGMA foreign_key_list({t})")} & set(order) - {t} for t in order}


def reaches(refs: dict[str, set[str]], start: str, goal: str) -> bool:
    """Whether `goal` is reached from `start` by following one reference or more."""
    seen, todo = set(), list(refs[start])
    while todo:
        t = todo.pop()
        if t == goal:
            return True
        if t not in seen:
            seen.add(t)
            todo += refs[t]
    return False
