"""Integrity of the register for `check`: households in live grids, residents in live households."""

from __future__ import annotations

from villagedesk.store.connection import Store


def register_problems(store: Store) -> list[str]:
    problems = [f"在册农户 {r['hamlet']}{r['house_number']}（{r['id']}）仍在已撤销或作废的网格“{r['name']}”中"
                for r in store.query("""
        SELECT h.id, h.hamlet, h.house_number, g.name FROM households h JOIN grids g ON g.id = h.grid_id
        WHERE h.deleted_at IS NULL AND h.status = 'active' AND (g.status <> 'active' OR g.deleted_at IS NOT NULL)
        LIMIT 20""")]
    problems += [f"居民 {r['name']}（{r['id']}）所在的农户已作废" for r in store.query("""
        SELECT r.id, r.name FROM residents r JOIN households h ON h.id = r.household_id
        WHERE r.deleted_at IS NULL AND h.deleted_at IS NOT NULL LIMIT 20""")]
    return problems
